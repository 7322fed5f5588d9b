// The meter's bookkeeping: totals by feature and job, the sparkline, bounded job names.
import { expect, test } from 'vitest';
import { JobLedger, MAX_JOBS_PER_FEATURE, SPARK_BUCKETS } from '../../../src/energy/ledger';
import type { GpuJobReport } from '../../../src/energy/jobs';

const r = (feature: string, job: string, gpuMs: number, flops?: number): GpuJobReport => ({
  feature,
  job,
  gpuMs,
  source: 'timestamp',
  at: 0,
  flops,
});

test('adds time per feature and job, sorted by time', () => {
  const l = new JobLedger();
  l.add(r('attention', 'dense', 2, 1e6));
  l.add(r('attention', 'dense', 3, 1e6));
  l.add(r('device', 'scratch', 1));
  const s = l.snapshot();
  expect(s.totalMs).toBe(6);
  expect(s.jobs).toBe(3);
  expect(s.flops).toBe(2e6);
  expect(s.gpuMsWithFlops).toBe(5);
  expect(s.features.map((f) => f.feature)).toEqual(['attention', 'device']);
  expect(s.features[0].jobs).toEqual([expect.objectContaining({ job: 'dense', gpuMs: 5, count: 2 })]);
});

test('the sparkline keeps the last buckets of GPU time', () => {
  const l = new JobLedger();
  l.add(r('a', 'j', 4));
  l.tick();
  l.tick();
  const s = l.snapshot().spark;
  expect(s).toHaveLength(SPARK_BUCKETS);
  expect(s.slice(-2)).toEqual([4, 0]);
});

test('job names per feature are bounded', () => {
  const l = new JobLedger();
  for (let i = 0; i < MAX_JOBS_PER_FEATURE + 10; i++) l.add(r('rl', `step ${i}`, 1));
  const f = l.snapshot().features[0];
  expect(f.jobs).toHaveLength(MAX_JOBS_PER_FEATURE + 1);
  expect(f.jobs.find((j) => j.job === '(other jobs)')?.count).toBe(10);
  expect(f.count).toBe(MAX_JOBS_PER_FEATURE + 10);
});
