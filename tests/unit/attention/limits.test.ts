// Issue 13, GPU: buffers the device cannot hold, buffers left behind when setup fails, and inputs whose
// scores would overflow f32. Real Dawn device; a thin view of it reports chosen limits and counts buffers.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeGpu } from '../../../src/gpu/node-gpu';
import { GpuContext } from '../../../src/gpu/context';
import { liveBuffers } from '../../../src/gpu/buffers';
import {
  AttentionInputError,
  INPUT_LIMIT,
  SCALE_LIMIT,
  maxRelativeError,
  pooledBlockScoresGpu,
  prepareAttention,
  referenceAttention,
  type AttentionShape,
} from '../../../src/attention/core';
import { randomInputs, randomTensor, runPoisoned } from './helpers';

let real: GpuContext;
beforeAll(async () => {
  real = await GpuContext.create(await nodeGpu());
});
afterAll(() => real?.close());

/**
 * `real` seen through a device that reports `limits` (over the real ones) and counts what is created and
 * destroyed; `fail` makes one step throw, as a refused compile or bind would.
 */
function viewOf(limits: { maxStorageBufferBindingSize?: number; maxBufferSize?: number }, fail?: 'pipeline' | 'bindGroup') {
  const live = new Set<GPUBuffer>();
  const counts = { created: 0, pipelines: 0 };
  const device = real.device;
  const reported = {
    maxStorageBufferBindingSize: Number(device.limits.maxStorageBufferBindingSize),
    maxBufferSize: Number(device.limits.maxBufferSize),
    maxComputeWorkgroupStorageSize: device.limits.maxComputeWorkgroupStorageSize,
    maxComputeWorkgroupsPerDimension: device.limits.maxComputeWorkgroupsPerDimension,
    ...limits,
  };
  const view = new Proxy(device, {
    get(target, prop) {
      if (prop === 'limits') return reported;
      if (prop === 'createBuffer')
        return (desc: GPUBufferDescriptor) => {
          counts.created++;
          const buffer = target.createBuffer(desc);
          live.add(buffer);
          const destroy = buffer.destroy.bind(buffer);
          buffer.destroy = () => (live.delete(buffer), destroy());
          return buffer;
        };
      if (prop === 'createBindGroup' && fail === 'bindGroup')
        return () => {
          throw new Error('bind refused');
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const ctx = Object.create(real, { device: { value: view } }) as GpuContext;
  ctx.pipeline = (spec) => {
    counts.pipelines++;
    return fail === 'pipeline' ? Promise.reject(new Error('compile failed')) : real.pipeline(spec);
  };
  return { ctx, live, counts };
}

describe('every buffer is checked against the device limits before anything is allocated', () => {
  test('decode H=64 KVH=1 Skv=314560 D=256: the 1.2 GiB partial-output buffer is named, nothing allocated', async () => {
    const GiB = 1 << 30;
    const { ctx, counts } = viewOf({ maxStorageBufferBindingSize: GiB, maxBufferSize: 4 * GiB });
    const shape: AttentionShape = { B: 1, H: 64, KVH: 1, Sq: 1, Skv: 314_560, D: 256, causal: false };
    const err = await prepareAttention(ctx, shape, { kind: 'decode', splitSize: 16 }).catch((e) => e);
    expect(err).toBeInstanceOf(AttentionInputError);
    // 64 heads × 19660 splits × 256 × 4 bytes
    expect(err.message).toBe(
      `decode partial outputs [B,H,splits,D] (f32) needs 1288437760 bytes, over this GPU's storage buffer binding limit of ${GiB} bytes ` +
        `(maxStorageBufferBindingSize = ${GiB}, maxBufferSize = ${4 * GiB}); raise splitSize (fewer splits)`,
    );
    expect(counts).toEqual({ created: 0, pipelines: 0 });
  });

  test('Quest with page size 1: the page-bounds buffer is named, nothing allocated', async () => {
    const limit = 100_000_000;
    const { ctx, counts } = viewOf({ maxStorageBufferBindingSize: limit, maxBufferSize: limit });
    const shape: AttentionShape = { B: 1, H: 64, KVH: 1, Sq: 1, Skv: 65_000, D: 256, causal: false };
    const err = await prepareAttention(ctx, shape, { kind: 'quest', pageBudget: 64, pageSize: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(AttentionInputError);
    expect(err.message).toMatch(
      /^quest page bounds \[B,KVH,pages,2,D\] \(f32\) needs 133120000 bytes, over this GPU's storage buffer binding limit of 100000000 bytes/,
    );
    expect(counts).toEqual({ created: 0, pipelines: 0 });
  });

  test('maxBufferSize is the limit when it is the smaller one', async () => {
    const { ctx, counts } = viewOf({ maxBufferSize: 1 << 20 });
    const small: AttentionShape = { B: 1, H: 64, KVH: 1, Sq: 1, Skv: 2048, D: 64, causal: false };
    await expect(prepareAttention(ctx, small, { kind: 'decode', splitSize: 16 })).rejects.toThrow(
      /^decode partial outputs \[B,H,splits,D\] \(f32\) needs 2097152 bytes, over this GPU's storage buffer binding limit of 1048576 bytes \(maxStorageBufferBindingSize = \d+, maxBufferSize = 1048576\)/,
    );
    expect(counts.created).toBe(0);
  });

  test('pooled block scores check their score matrix first', async () => {
    const { ctx, counts } = viewOf({ maxStorageBufferBindingSize: 1 << 20 });
    const shape: AttentionShape = { B: 1, H: 4, KVH: 1, Sq: 2048, Skv: 2048, D: 16, causal: true };
    const inputs = randomInputs(shape);
    await expect(pooledBlockScoresGpu(ctx, shape, inputs, 4)).rejects.toThrow(
      /^block scores \[B,H,nqb,nkb\] \(f32\) needs 4194304 bytes, .*; use larger blocks$/,
    );
    expect(counts.created).toBe(0);
  });
});

describe('prepareAttention frees what it allocated when it throws', () => {
  const shape: AttentionShape = { B: 1, H: 2, KVH: 1, Sq: 1, Skv: 64, D: 32, causal: false };
  for (const fail of ['pipeline', 'bindGroup'] as const) {
    for (const kind of ['dense', 'decode', 'quest'] as const) {
      test(`${kind}: a failing ${fail} step leaves no live buffer and no open error scope`, async () => {
        const { ctx, live, counts } = viewOf({}, fail);
        const kernel = kind === 'quest' ? { kind, pageBudget: 2 } : { kind };
        const before = liveBuffers(ctx.device).count;
        await expect(prepareAttention(ctx, shape, kernel)).rejects.toThrow(fail === 'pipeline' ? 'compile failed' : 'bind refused');
        expect(counts.created).toBeGreaterThan(0);
        expect(live.size).toBe(0);
        // The runtime's own tracker (src/gpu/buffers.ts) agrees.
        expect(liveBuffers(ctx.device).count).toBe(before);
        // The error scopes pushed for setup were popped: the device's scope stack is empty again.
        await expect(real.device.popErrorScope()).rejects.toThrow();
      });
    }
  }

  test('a successful prepare keeps its buffers until destroy()', async () => {
    const { ctx, live } = viewOf({});
    const att = await prepareAttention(ctx, shape, { kind: 'decode' });
    expect(live.size).toBeGreaterThan(0);
    att.destroy();
    expect(live.size).toBe(0);
  });
});

describe('values near the f32 range: rejected with the bound, or computed finitely', () => {
  const shape: AttentionShape = { B: 1, H: 2, KVH: 1, Sq: 1, Skv: 40, D: 32, causal: false };

  test('±3e38 in Q, K or V is rejected before dispatch, naming the bound', async () => {
    for (const name of ['q', 'k', 'v'] as const) {
      for (const x of [3e38, -3e38, INPUT_LIMIT * 1.01]) {
        const inputs = randomInputs(shape);
        inputs[name][5] = x;
        const err = await runPoisoned(real, shape, inputs, { kind: 'dense' }).catch((e) => e);
        expect(err).toBeInstanceOf(AttentionInputError);
        expect(err.message).toMatch(
          new RegExp(`^${name}\\[5\\] \\(b=0, head=0, row=0, d=5\\) is .*: attention inputs must lie within ±1000000 `),
        );
      }
    }
    await expect(prepareAttention(real, shape, { kind: 'dense' }, { scale: SCALE_LIMIT * 2 })).rejects.toThrow(
      /scale = 20000: must be a finite number within ±10000/,
    );
  });

  test('inputs at the bound give finite outputs that match float64 (dense, decode, quest)', async () => {
    for (const kernel of [{ kind: 'dense' }, { kind: 'decode' }, { kind: 'quest', pageBudget: 3, pageSize: 16 }] as const) {
      const inputs = { q: randomTensor(2 * 32, INPUT_LIMIT), k: randomTensor(40 * 32, INPUT_LIMIT), v: randomTensor(40 * 32, INPUT_LIMIT) };
      inputs.q[0] = INPUT_LIMIT;
      inputs.k[0] = -INPUT_LIMIT;
      inputs.v[0] = INPUT_LIMIT;
      const { out } = await runPoisoned(real, shape, inputs, kernel, { scale: kernel.kind === 'dense' ? SCALE_LIMIT : undefined });
      expect(out.every(Number.isFinite)).toBe(true);
      // Quest with a budget of all 3 pages attends to every key, like the others.
      const ref = referenceAttention(shape, inputs, { scale: kernel.kind === 'dense' ? SCALE_LIMIT : undefined });
      expect(maxRelativeError(out, ref)).toBeLessThan(1e-4);
    }
  });
});
