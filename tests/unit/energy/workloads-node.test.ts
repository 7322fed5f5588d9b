// The Energy tab's workloads on Dawn (SwiftShader): they run, every timed run reaches the meter's channel,
// and sparsity / Quest reduce the work actually done.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeGpu } from '../../../src/gpu/node-gpu';
import { GpuContext } from '../../../src/gpu/context';
import { meterGpuTimings, subscribeGpuJobs, type GpuJobReport } from '../../../src/energy/jobs';
import { measureAttention, compressionMask, LAYER } from '../../../src/energy/workloads';
import { attentionFlops } from '../../../src/attention/core';
import { SCRATCH_EXAMPLE, runScratchShader } from '../../../src/device/scratch';

describe('energy workloads on Dawn', () => {
  let ctx: GpuContext;
  const reports: GpuJobReport[] = [];
  let stop: () => void;
  beforeAll(async () => {
    ctx = await GpuContext.create(await nodeGpu());
    // What every GPU host does first: connect the GPU timer to the meter.
    meterGpuTimings();
    stop = subscribeGpuJobs((r) => reports.push(r));
  });
  afterAll(() => {
    stop?.();
    ctx?.close();
  });

  test('the scratchpad job reports itself once, labelled, with its measured time', async () => {
    reports.length = 0;
    const { timing } = await runScratchShader(ctx, { code: SCRATCH_EXAMPLE, input: [1, 2, 3] });
    await expect.poll(() => reports.length).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ feature: 'device', job: 'scratchpad', gpuMs: timing.ms, source: timing.source });
  });

  test('prefill and decode points run, report every run (warm-up included) under feature "energy"', async () => {
    reports.length = 0;
    // One prefill point only: compiling the prefill kernel takes SwiftShader ~10 s.
    const points = [
      { kind: 'prefill', batch: 1, seqLen: 64, compression: 4, dtype: 'f32' },
      { kind: 'decode', batch: 1, context: 256, quest: false, compression: 4, dtype: 'f32' },
      { kind: 'decode', batch: 1, context: 256, quest: true, compression: 4, dtype: 'f32' },
    ] as const;
    const m = await measureAttention(ctx, [...points], { repeats: 2 });
    expect(m).toHaveLength(3);
    for (const p of m) {
      expect(p.medianMs).toBeGreaterThan(0);
      expect(p.allMs).toHaveLength(2);
    }
    await expect.poll(() => reports.length).toBe(3 * 3);
    expect(reports.every((r) => r.feature === 'energy' && r.gpuMs > 0 && (r.flops ?? 0) > 0)).toBe(true);
    expect(reports.map((r) => r.job)).toContain('prefill B1 S64 sparse 1/4 f32');
    // Sparse prefill and Quest decode compute less than their dense counterparts.
    const denseFlops = attentionFlops({ B: 1, H: LAYER.H, KVH: LAYER.KVH, Sq: 64, Skv: 64, D: LAYER.D, causal: true });
    expect(m[0].density).toBeLessThan(0.35);
    expect(m[0].flops).toBeCloseTo(denseFlops * m[0].density);
    expect(m[2].density).toBe(0.25);
    expect(m[2].flops).toBeLessThan(m[1].flops);
  });

  test('compressionMask keeps about 1/c of the visible blocks', () => {
    const shape = { B: 1, H: LAYER.H, KVH: LAYER.KVH, Sq: 512, Skv: 512, D: LAYER.D, causal: true };
    const dense = compressionMask(shape, 1);
    expect(dense.density).toBeCloseTo(1);
    const m = compressionMask(shape, 4);
    expect(m.density).toBeGreaterThan(0.2);
    expect(m.density).toBeLessThan(0.4);
  });

  test('bad points are refused, naming the field', async () => {
    await expect(measureAttention(ctx, [{ kind: 'prefill', batch: 0, seqLen: 64, compression: 1, dtype: 'f32' }])).rejects.toThrow(
      /batch = 0/,
    );
    await expect(
      measureAttention(ctx, [{ kind: 'decode', batch: 1, context: 1e9, quest: true, compression: 2, dtype: 'f32' }]),
    ).rejects.toThrow(/context/);
  });
});
