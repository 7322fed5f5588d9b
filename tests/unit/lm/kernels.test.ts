// Each kernel of the language model (shaders/lm/*.wgsl, host src/lm/kernels.ts) on its own against its float64
// CPU reference (src/lm/reference.ts), llm.c style, on shapes that are not multiples of the tile sizes; outputs are
// NaN-poisoned first so an element a kernel forgets fails the check. Then the error paths: a model whose setup or
// dispatch fails leaves no buffer allocated (src/gpu/buffers.ts liveBuffers).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GpuContext } from '../../../src/gpu/context';
import { nodeGpu } from '../../../src/gpu/node-gpu';
import { BufferSet, liveBuffers, poisonF32, readBuffer } from '../../../src/gpu/buffers';
import {
  bindBuffers,
  kernels,
  matmulGroups,
  matmulVariant,
  params,
  usesSubgroups,
  linearGroups,
  type Dispatch,
} from '../../../src/lm/kernels';
import { geluTanh, refMatmul, refNorm, refRope, silu } from '../../../src/lm/reference';
import { maxRelErr } from '../../../src/lm/generate';
import { parseConfig } from '../../../src/lm/config';
import { parseSafetensors, writeSafetensors } from '../../../src/lm/safetensors';
import { loadWeights } from '../../../src/lm/weights';
import { LmModel } from '../../../src/lm/model';
import { tinyCheckpoint } from '../../../src/lm/tiny';
import { mulberry32 } from '../../../src/util/random';

const next = mulberry32(912);
const rand = (n: number) => Float32Array.from({ length: n }, () => next() * 2 - 1);
/** Per-kernel tolerance (max |gpu − ref| / max |ref|): f32 arithmetic against float64. */
const TOL = 1e-5;
/** RoPE: WGSL only promises sin/cos to 2^-11 absolute (and pow to a few ulp of its exp2/log2); the model's own tolerance. */
const ROPE_TOL = 1e-3;

let ctx: GpuContext;
beforeAll(async () => {
  ctx = await GpuContext.create(await nodeGpu());
});
afterAll(() => ctx?.close());

/** Runs one dispatch over buffers made from `inputs` (outputs NaN-poisoned unless given data), reads back `read`. */
async function runKernel(
  pipeline: GPUComputePipeline,
  uniform: ArrayBuffer,
  bindings: (Float32Array | Uint32Array | number)[],
  groups: Dispatch['groups'],
  read: number,
): Promise<Float32Array> {
  const device = ctx.device;
  const owned = new BufferSet(device);
  try {
    const buffers = [owned.from(new Uint8Array(uniform), GPUBufferUsage.UNIFORM, 'params')];
    for (const b of bindings) {
      if (typeof b !== 'number') buffers.push(owned.from(b, GPUBufferUsage.STORAGE));
      else {
        const out = owned.empty(b * 4, GPUBufferUsage.STORAGE);
        poisonF32(device, out);
        buffers.push(out);
      }
    }
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindBuffers(device, pipeline, buffers));
    pass.dispatchWorkgroups(...groups);
    pass.end();
    device.queue.submit([encoder.finish()]);
    return new Float32Array(await readBuffer(device, buffers[read], buffers[read].size));
  } finally {
    owned.destroy();
  }
}

describe('lm kernels against their CPU references', () => {
  test.each(['tiled', 'subgroups'] as const)(
    'matmul (%s): Y[M,N] (+)= X[rowOffset+m,K]·Wᵀ + b, M, N, K off the tile sizes',
    async (variant) => {
      // The subgroup path runs where the adapter has subgroups (SwiftShader and Dawn here do); it is picked by default there.
      if (variant === 'subgroups' && !ctx.device.features.has('subgroups')) return;
      expect(matmulVariant(ctx)).toBe(ctx.device.features.has('subgroups') ? 'subgroups' : 'tiled');
      // K off the tiles (16) but a multiple of 4, which the subgroup kernel's vec4 reads need (usesSubgroups).
      const [M, N, K, rowOffset] = [37, 300, variant === 'subgroups' ? 52 : 50, 3];
      expect(usesSubgroups(variant, K)).toBe(variant === 'subgroups');
      const x = rand((rowOffset + M) * K),
        w = rand(N * K),
        b = rand(N),
        y0 = rand(M * N);
      const xRows = Float64Array.from(x.subarray(rowOffset * K));
      for (const [bias, residual] of [
        [false, false],
        [true, true],
      ]) {
        const sub = variant === 'subgroups';
        const pipeline = await (sub ? kernels.matmulSubgroups : kernels.matmul)(ctx, bias, residual);
        const uniform = (sub ? params.matmulSubgroups : params.matmul).bytes({ M, N, K, rowOffset });
        const got = await runKernel(pipeline, uniform, [x, w, b, residual ? y0 : M * N], matmulGroups(M, N, variant), 4);
        const ref = refMatmul(xRows, w, bias ? b : undefined, M, K, N).map((v, i) => v + (residual ? y0[i] : 0));
        expect(maxRelErr(got.subarray(0, M * N), ref), `bias ${bias} residual ${residual}`).toBeLessThanOrEqual(TOL);
      }
    },
  );

  test('matvec: one row (decode), N not a multiple of its rows per workgroup', async () => {
    const [N, K, rowOffset] = [45, 70, 2];
    const x = rand((rowOffset + 1) * K),
      w = rand(N * K),
      b = rand(N),
      y0 = rand(N);
    const pipeline = await kernels.matvec(ctx, true, true);
    const got = await runKernel(pipeline, params.matvec.bytes({ M: 1, N, K, rowOffset }), [x, w, b, y0], matmulGroups(1, N), 4);
    const ref = refMatmul(Float64Array.from(x.subarray(rowOffset * K)), w, b, 1, K, N).map((v, i) => v + y0[i]);
    expect(maxRelErr(got.subarray(0, N), ref)).toBeLessThanOrEqual(TOL);
  });

  test('norm: LayerNorm and RMSNorm of rows after rowOffset', async () => {
    const [rows, C, rowOffset, eps] = [3, 40, 2, 1e-5];
    const x = rand((rowOffset + rows) * C).map((v) => v * 3 + 0.5),
      g = rand(C),
      b = rand(C);
    for (const layer of [true, false]) {
      const pipeline = await kernels.norm(ctx, layer);
      const got = await runKernel(pipeline, params.norm.bytes({ C, rowOffset, eps }), [x, g, b, rows * C], [rows, 1, 1], 4);
      const ref = refNorm(Float64Array.from(x.subarray(rowOffset * C)), g, layer ? b : undefined, C, eps);
      expect(maxRelErr(got.subarray(0, rows * C), ref), layer ? 'LayerNorm' : 'RMSNorm').toBeLessThanOrEqual(TOL);
    }
  });

  test('activation: GELU-tanh, and SiLU-gated on the fused [S, 2I] projection', async () => {
    const [S, I] = [3, 37];
    const gelu = rand(S * I).map((v) => v * 6);
    const got = await runKernel(
      await kernels.activation(ctx, false),
      params.activation.bytes({ S, I }),
      [gelu, S * I],
      linearGroups(S * I),
      2,
    );
    expect(maxRelErr(got.subarray(0, S * I), Array.from(gelu, geluTanh))).toBeLessThanOrEqual(TOL);
    const gu = rand(S * 2 * I).map((v) => v * 6);
    const gated = await runKernel(
      await kernels.activation(ctx, true),
      params.activation.bytes({ S, I }),
      [gu, S * I],
      linearGroups(S * I),
      2,
    );
    const ref = Array.from({ length: S * I }, (_, k) => {
      const [s, i] = [Math.floor(k / I), k % I];
      return silu(gu[s * 2 * I + i]) * gu[s * 2 * I + I + i];
    });
    expect(maxRelErr(gated.subarray(0, S * I), ref)).toBeLessThanOrEqual(TOL);
  });

  test('heads: split q/k/v into heads and the KV cache at start + s, RoPE on q and k', async () => {
    const [S, H, KVH, D, capacity, start, theta] = [3, 4, 2, 8, 10, 5, 10000];
    const slots = H + 2 * KVH;
    const qkv = rand(S * slots * D);
    const uniform = params.heads.bytes({ S, H, KVH, D, capacity, start, theta });
    const pipeline = await kernels.heads(ctx, true);
    const groups = linearGroups(S * slots * (D / 2));
    const q = await runKernel(pipeline, uniform, [qkv, H * S * D, KVH * capacity * D, KVH * capacity * D], groups, 2);
    const k = await runKernel(pipeline, uniform, [qkv, H * S * D, KVH * capacity * D, KVH * capacity * D], groups, 3);
    const v = await runKernel(pipeline, uniform, [qkv, H * S * D, KVH * capacity * D, KVH * capacity * D], groups, 4);
    const head = (s: number, slot: number, rope: boolean) => {
      const x = Float64Array.from(qkv.subarray((s * slots + slot) * D, (s * slots + slot + 1) * D));
      if (rope) refRope(x, start + s, theta);
      return x;
    };
    for (let s = 0; s < S; s++) {
      for (let h = 0; h < H; h++)
        expect(maxRelErr(q.subarray((h * S + s) * D, (h * S + s + 1) * D), head(s, h, true))).toBeLessThanOrEqual(ROPE_TOL);
      for (let g = 0; g < KVH; g++) {
        const row = (g * capacity + start + s) * D;
        expect(maxRelErr(k.subarray(row, row + D), head(s, H + g, true))).toBeLessThanOrEqual(ROPE_TOL);
        expect(Array.from(v.subarray(row, row + D))).toEqual(Array.from(head(s, H + KVH + g, false), Math.fround));
      }
    }
    // Rows of the cache outside [start, start + S) are not written (still NaN).
    expect(Number.isNaN(k[(start - 1) * D])).toBe(true);
  });

  test('embed (with learned positions) and merge-heads are exact gathers', async () => {
    const [V, C, S, start, maxPos] = [11, 20, 3, 4, 9];
    const embed = rand(V * C),
      pos = rand(maxPos * C);
    const tokens = Uint32Array.of(7, 0, 10);
    const x = await runKernel(
      await kernels.embed(ctx, true),
      params.embed.bytes({ C, start }),
      [tokens, embed, pos, S * C],
      [Math.ceil(C / 64), S, 1],
      4,
    );
    const ref = Array.from({ length: S * C }, (_, i) =>
      Math.fround(embed[tokens[Math.floor(i / C)] * C + (i % C)] + pos[(start + Math.floor(i / C)) * C + (i % C)]),
    );
    expect(Array.from(x.subarray(0, S * C))).toEqual(ref);
    const [H, D] = [3, 8];
    const o = rand(H * S * D);
    const merged = await runKernel(
      await kernels.mergeHeads(ctx),
      params.mergeHeads.bytes({ S, H, D }),
      [o, S * H * D],
      linearGroups(S * H * D),
      2,
    );
    const want = Array.from({ length: S * H * D }, (_, i) => o[((Math.floor(i / D) % H) * S + Math.floor(i / (H * D))) * D + (i % D)]);
    expect(Array.from(merged.subarray(0, S * H * D))).toEqual(want);
  });
});

describe('a failing setup or dispatch leaves no buffer allocated', () => {
  const spec = { vocab: 61, hidden: 32, layers: 2, heads: 4, kvHeads: 2, intermediate: 48, maxPositions: 128, seed: 5 };
  const ck = tinyCheckpoint('llama', spec);
  const cfg = parseConfig(ck.config);
  const weights = loadWeights(cfg, parseSafetensors(writeSafetensors(ck.tensors)));

  /** `ctx` whose pipeline compiles start failing once `failAfter` more have been asked for. */
  function failingCtx() {
    const control = { failAfter: Infinity };
    const view = Object.create(ctx) as GpuContext;
    view.pipeline = (spec) => (control.failAfter-- <= 0 ? Promise.reject(new Error('compile failed')) : ctx.pipeline(spec));
    return { view, control };
  }

  test('LmModel.load: a kernel that fails to compile after the weights are uploaded frees every buffer', async () => {
    const before = liveBuffers(ctx.device).count;
    const { view, control } = failingCtx();
    control.failAfter = 0;
    await expect(LmModel.load(view, cfg, weights, { capacity: 32 })).rejects.toThrow('compile failed');
    expect(liveBuffers(ctx.device).count).toBe(before);
  });

  test('prefill and a decode-method change that fail halfway free their buffers; the model still runs afterwards, on the previous method', async () => {
    const { view, control } = failingCtx();
    const model = await LmModel.load(view, cfg, weights, { capacity: 32 });
    try {
      const loaded = liveBuffers(ctx.device).count;
      control.failAfter = 4;
      await expect(model.prefill([1, 2, 3, 4, 5])).rejects.toThrow('compile failed');
      expect(liveBuffers(ctx.device).count).toBe(loaded);
      control.failAfter = 1;
      await expect(model.setDecodeMethod({ kind: 'quest', pageBudget: 2, pageSize: 4 })).rejects.toThrow('compile failed');
      // The previous (dense) decode attention stays in place.
      expect(liveBuffers(ctx.device).count).toBe(loaded);
      control.failAfter = Infinity;
      model.reset();
      const first = await model.prefill([1, 2, 3, 4, 5]);
      expect(first.logits.every(Number.isFinite)).toBe(true);
      const step = await model.decode(7);
      expect(step.every(Number.isFinite)).toBe(true);
    } finally {
      model.destroy();
    }
  });
});
