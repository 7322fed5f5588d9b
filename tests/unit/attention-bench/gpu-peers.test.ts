// The benchmark's own GPU code on Dawn: the ceilings microbenchmarks and the naive 3-pass attention peer.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeGpu } from '../../../src/gpu/node-gpu';
import { GpuContext } from '../../../src/gpu/context';
import { measureCopy, measureFma } from '../../../src/attention/bench/ceilings';
import { prepareNaiveAttention } from '../../../src/attention/bench/naive-attention';
import { maxRelativeError, referenceAttention } from '../../../src/attention/core/reference';
import { timeMedian } from '../../../src/attention/bench/timing';
import { mulberry32 } from '../../../src/util/random';

const next = mulberry32(7);
const rand = (n: number) => Float32Array.from({ length: n }, () => next() * 2 - 1);

describe('benchmark peers and ceilings on Dawn', () => {
  let ctx: GpuContext;
  beforeAll(async () => {
    ctx = await GpuContext.create(await nodeGpu());
  });
  afterAll(() => ctx?.close());

  test('FMA and copy ceilings are positive, finite and timed', async () => {
    const fma = await measureFma(ctx, { targetMs: 5, repeats: 1 });
    const copy = await measureCopy(ctx, { targetMs: 5, repeats: 1 });
    expect(fma.gflops).toBeGreaterThan(0);
    expect(Number.isFinite(fma.gflops)).toBe(true);
    expect(copy.gbps).toBeGreaterThan(0);
    expect(Number.isFinite(copy.gbps)).toBe(true);
    expect(fma.source).toBe(ctx.summary.features['timestamp-query'] ? 'timestamp' : 'wall');
  });

  for (const shape of [
    { B: 1, H: 4, KVH: 2, Sq: 77, Skv: 77, D: 32, causal: true },
    { B: 2, H: 2, KVH: 1, Sq: 33, Skv: 129, D: 64, causal: false },
    { B: 1, H: 2, KVH: 2, Sq: 20, Skv: 9, D: 16, causal: true },
  ]) {
    test(`naive 3-pass attention matches float64 (${JSON.stringify(shape)})`, async () => {
      const q = rand(shape.B * shape.H * shape.Sq * shape.D);
      const k = rand(shape.B * shape.KVH * shape.Skv * shape.D);
      const v = rand(shape.B * shape.KVH * shape.Skv * shape.D);
      const run = await prepareNaiveAttention(ctx, shape, { q, k, v });
      try {
        const out = await run.read();
        expect(maxRelativeError(out, referenceAttention(shape, { q, k, v }))).toBeLessThan(1e-4);
        const t = await timeMedian(ctx.device, run.record, { warmup: 0, repeats: 1 });
        expect(t.ms).toBeGreaterThan(0);
      } finally {
        run.destroy();
      }
    });
  }

  test('naive attention refuses a bad shape before dispatch', async () => {
    const shape = { B: 1, H: 3, KVH: 2, Sq: 4, Skv: 4, D: 8, causal: false };
    await expect(prepareNaiveAttention(ctx, shape, { q: rand(96), k: rand(64), v: rand(64) })).rejects.toThrow(
      /H = 3 is not a multiple of shape.KVH = 2/,
    );
  });
});
