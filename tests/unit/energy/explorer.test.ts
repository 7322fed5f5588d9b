// The explorer's arithmetic: per-query / per-token energy from measured batches, and the trace estimate whose
// saving does not depend on the power class (both sides use the same power).
import { expect, test } from 'vitest';
import { energyRows, jouleUnitFor, NAIVE, saving, traceEstimate, tracePoints, traceLengths } from '../../../src/energy/explorer';
import { powerClassFor } from '../../../src/energy';
import type { MeasuredPoint, WorkloadPoint } from '../../../src/energy/workloads';

const measured = (point: WorkloadPoint, medianMs: number, density = 1): MeasuredPoint => ({
  point,
  medianMs,
  allMs: [medianMs],
  source: 'timestamp',
  flops: 1e9 * point.batch,
  density,
  units: point.batch,
});

test('energy per query divides the batch time by the batch', () => {
  const cls = powerClassFor(null, { kind: 'model', id: 'nvidia-rtx-a6000' });
  const [r] = energyRows([measured({ kind: 'prefill', batch: 4, seqLen: 128, compression: 1, dtype: 'f32' }, 8)], cls);
  expect(r.unit).toBe('query');
  expect(r.perUnitMs).toBe(2);
  expect(r.perUnit.low).toBeCloseTo(0.002 * 150);
  expect(r.perUnit.high).toBeCloseTo(0.002 * 240);
  expect(r.perUnit.theoreticalJoules).toBeCloseTo((300 / 38.71e12) * 1e9);
});

test('the trace saving is a ratio of times: the same for every power class', () => {
  const lengths = traceLengths(true);
  const opt = { name: 'opt', batch: 4, compression: 4, dtype: 'f32' as const };
  const naiveM = tracePoints(NAIVE, lengths).map((p) => measured(p, p.kind === 'prefill' ? p.seqLen / 10 : p.context / 100));
  const optM = tracePoints(opt, lengths).map((p) => measured(p, p.kind === 'prefill' ? p.seqLen / 20 : p.context / 300, 0.25));
  const savings = ['nvidia-rtx-4090', 'apple-m1'].map((id) => {
    const cls = powerClassFor(null, { kind: 'model', id });
    const n = traceEstimate('burstgpt', 500, NAIVE, naiveM, cls);
    const o = traceEstimate('burstgpt', 500, opt, optM, cls);
    expect(n.requests + n.excluded).toBe(500);
    expect(n.total.low).toBeLessThan(n.total.high);
    return saving(n.total.joules, o.total.joules);
  });
  expect(savings[0]).toBeGreaterThan(0.5);
  expect(savings[0]).toBeCloseTo(savings[1], 10);
});

test('chart axes get the SI prefix of their largest value', () => {
  expect(jouleUnitFor([0.5, 2])).toEqual({ scale: 1, unit: 'J' });
  expect(jouleUnitFor([0.002, 0.0004])).toEqual({ scale: 1e-3, unit: 'mJ' });
  expect(jouleUnitFor([3e-6])).toEqual({ scale: 1e-6, unit: 'µJ' });
  expect(jouleUnitFor([4e-12])).toEqual({ scale: 1e-9, unit: 'nJ' });
  expect(jouleUnitFor([])).toEqual({ scale: 1e-9, unit: 'nJ' });
});
