// The WGSL image kernels (Cartoonize, StyleFilter) on Dawn + SwiftShader against their CPU references,
// on tiny images (SwiftShader is slow).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeGpu } from '../../../src/gpu/node-gpu';
import { GpuContext } from '../../../src/gpu/context';
import { setWorkflowGpu } from '../../../src/workflow/functions/gpu/device';
import { cartoonizeCpu, cartoonizeGpu } from '../../../src/workflow/functions/gpu/cartoonize';
import { STYLES, styleFilterCpu, styleFilterGpu } from '../../../src/workflow/functions/gpu/style-filter';
import { drawSampleCat } from '../../../src/workflow/functions/image/sample-cat';
import type { ImageValue } from '../../../src/workflow/functions/image/pixels';
import { attention } from '../../../src/workflow/functions/gpu/attention';
import { blockTopKMask, referenceAttention } from '../../../src/attention/core';
import { standaloneContext } from '../../../src/workflow/functions/registry';
import { liveBuffers } from '../../../src/gpu/buffers';
import { ShaderCompileError } from '../../../src/gpu/compile';
import { assembleWgsl } from '../../../src/gpu/wgsl';
import { runImageKernel } from '../../../src/workflow/functions/gpu/image-kernel';

/** Share of channel values that differ by more than `tol` (f32 on the GPU vs f64 on the CPU). */
function mismatch(a: ImageValue, b: ImageValue, tol: number): number {
  let bad = 0;
  for (let i = 0; i < a.pixels.length; i++) if (Math.abs(a.pixels[i] - b.pixels[i]) > tol) bad++;
  return bad / a.pixels.length;
}

describe('WGSL image kernels on Dawn', () => {
  let ctx: GpuContext;
  // 20×13: not a multiple of the 8×8 workgroup, so the bounds check matters.
  const img = drawSampleCat(20, 13);
  beforeAll(async () => {
    ctx = await GpuContext.create(await nodeGpu());
    setWorkflowGpu(async () => ctx);
  });
  afterAll(() => {
    setWorkflowGpu(undefined);
    ctx?.close();
  });

  test('Cartoonize matches its CPU reference', async () => {
    for (const c of [
      { levels: 6, edge: 0.8, radius: 2, sigma: 0.2 },
      { levels: 2, edge: 0, radius: 0, sigma: 0.1 },
    ]) {
      const gpu = await cartoonizeGpu(img, c);
      expect(gpu).toBeDefined();
      expect(gpu!.gpuMs).toBeGreaterThan(0);
      const cpu = cartoonizeCpu(img, c);
      // A value on a quantisation boundary may round to the neighbouring level: allow a rare one-level flip.
      expect(mismatch(gpu!.image, cpu, 1)).toBeLessThan(0.02);
      expect(mismatch(gpu!.image, cpu, 255 / (c.levels - 1) + 1)).toBe(0);
    }
  });

  test('StyleFilter matches its CPU reference for every style', async () => {
    for (let style = 0; style < STYLES.length; style++) {
      const gpu = await styleFilterGpu(img, style, 0.75);
      expect(mismatch(gpu!.image, styleFilterCpu(img, style, 0.75), 1), STYLES[style]).toBe(0);
    }
  });

  test('a failing image kernel leaves no buffer behind; an image over the limits is refused before any allocation', async () => {
    const before = liveBuffers(ctx.device).count;
    // A uniform too small for the shader's struct: the bind group is refused after the buffers exist.
    const good = assembleWgsl(
      'workflow/t.wgsl',
      'struct Params { width: u32, height: u32, big: array<vec4f, 4> }\n//!include "common/image.wgsl"\n@group(0) @binding(2) var<uniform> P: Params;\n@compute @workgroup_size(8, 8) fn main(@builtin(global_invocation_id) id: vec3u) { if (id.x < P.width && id.y < P.height) { storePixel(id, px(i32(id.x), i32(id.y)) * P.big[0]); } }',
    );
    const job = { ...good, label: 'workflow/t', job: 'test' };
    await expect(runImageKernel(ctx, job, img, new ArrayBuffer(16))).rejects.toThrow(/^workflow\/t: the GPU refused to set up the kernel/);
    expect(liveBuffers(ctx.device).count).toBe(before);
    // A shader that does not compile: located in the included file's caller, nothing allocated.
    const bad = assembleWgsl(
      'workflow/bad.wgsl',
      '//!include "common/image.wgsl"\nstruct Params { width: u32, height: u32 }\n@group(0) @binding(2) var<uniform> P: Params;\n@compute @workgroup_size(8, 8) fn main() { storePixel(vec3u(0), nope); }',
    );
    const err = await runImageKernel(ctx, { ...bad, label: 'workflow/bad', job: 'test' }, img, new ArrayBuffer(16)).catch((e) => e);
    expect(err).toBeInstanceOf(ShaderCompileError);
    expect(err.message).toMatch(/^shaders\/workflow\/bad\.wgsl:4:\d+: error: .*nope/);
    expect(liveBuffers(ctx.device).count).toBe(before);
    // Over the device's storage-buffer limit (seen through a smaller reported limit): refused before allocating.
    const limits = {
      ...ctx.device.limits,
      maxStorageBufferBindingSize: 1000,
      maxBufferSize: Number(ctx.device.limits.maxBufferSize),
      maxComputeWorkgroupsPerDimension: ctx.device.limits.maxComputeWorkgroupsPerDimension,
    };
    const small = Object.create(ctx, {
      device: { value: new Proxy(ctx.device, { get: (t, p) => (p === 'limits' ? limits : Reflect.get(t, p, t)) }) },
    });
    await expect(runImageKernel(small, job, img, new ArrayBuffer(16))).rejects.toThrow(
      /^workflow\/t: a 20×13 image needs 1040 bytes, over this GPU's storage-buffer limit of 1000$/,
    );
    expect(liveBuffers(ctx.device).count).toBe(before);
  });

  test('Attention runs the block-sparse attention kernel and matches the reference', async () => {
    const rand = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed * 78.233) * 0.8);
    const t = (seed: number) => ({ type: 'Tensor' as const, shape: [32, 16], data: rand(32 * 16, seed) });
    const q = t(1),
      k = t(2),
      v = t(3);
    const shape = { B: 1, H: 1, KVH: 1, Sq: 32, Skv: 32, D: 16, causal: true };
    const messages: string[] = [];
    const ctxRun = standaloneContext({ progress: (_f: number, m?: string) => void (m && messages.push(m)) });
    // Dense uses the same kernel without a mask (tested by the attention suite); block-sparse exercises the mask path.
    for (const kernel of ['block-sparse']) {
      const params = { kernel, causal: true, compression: 2, blockSize: '16' };
      const out = await attention.run({ q, k, v }, params, ctxRun);
      const mask =
        kernel === 'block-sparse' ? blockTopKMask(shape, { q: q.data, k: k.data }, { blockSize: 16, compression: 2 }) : undefined;
      const ref = referenceAttention(shape, { q: q.data, k: k.data, v: v.data }, { mask });
      const got = (out.tensor as { data: Float32Array }).data;
      expect(got.length).toBe(ref.length);
      for (let i = 0; i < ref.length; i++) expect(Math.abs(got[i] - ref[i])).toBeLessThan(1e-4);
    }
    expect(messages.join(' ')).toMatch(/WGSL block-sparse \(density \d+%\)/);
    await expect(attention.run({ q, k: { ...k, shape: [16, 32] }, v }, { kernel: 'dense', causal: false }, ctxRun)).rejects.toThrow(
      /does not match q/,
    );
  });
});
