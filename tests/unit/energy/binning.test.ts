// The paper's binning estimator: ceiling bins, exclusions, synthetic traces matching the paper's statistics,
// and the measured-curve interpolation.
import { describe, expect, test } from 'vitest';
import { binTrace, ceilBin, Curve, estimateTrace, sampleTrace, I_BINS, O_BINS, TRACES, type TraceName } from '../../../src/energy/binning';
import { median } from '../../../src/util/stats';

test('requests go to their ceiling bin; longer ones are excluded', () => {
  expect(ceilBin(1, I_BINS)).toBe(32);
  expect(ceilBin(128, I_BINS)).toBe(128);
  expect(ceilBin(129, I_BINS)).toBe(256);
  expect(ceilBin(8193, I_BINS)).toBeUndefined();
  expect(ceilBin(513, O_BINS)).toBeUndefined();
  const b = binTrace([
    { input: 100, output: 5 },
    { input: 120, output: 8 },
    { input: 9000, output: 5 },
    { input: 10, output: 600 },
  ]);
  expect([...b.bins]).toEqual([['128,8', 2]]);
  expect(b.excluded).toBe(2);
});

describe.each(Object.keys(TRACES) as TraceName[])('synthetic trace %s', (name) => {
  test('matches the paper’s medians and is deterministic', () => {
    const reqs = sampleTrace(name, 4000);
    const t = TRACES[name];
    expect(median(reqs.map((r) => r.input)) / t.input.median).toBeGreaterThan(0.9);
    expect(median(reqs.map((r) => r.input)) / t.input.median).toBeLessThan(1.1);
    expect(Math.abs(median(reqs.map((r) => r.output)) - t.output.median)).toBeLessThanOrEqual(Math.max(2, 0.12 * t.output.median));
    expect(sampleTrace(name, 50)).toEqual(sampleTrace(name, 50));
  });
});

test('a measured curve interpolates, stays flat below and grows by its exponent above', () => {
  const c = new Curve(
    [
      [256, 4],
      [128, 2],
    ],
    2,
  );
  expect(c.at(32)).toBe(2);
  expect(c.at(192)).toBe(3);
  expect(c.at(512)).toBe(16);
});

test('trace energy is the sum over bins of count × per-request time', () => {
  const binned = binTrace([
    { input: 100, output: 8 },
    { input: 100, output: 8 },
    { input: 200, output: 16 },
  ]);
  const model = {
    prefillMs: new Curve(
      [
        [128, 1],
        [256, 3],
      ],
      2,
    ),
    decodeMs: new Curve(
      [
        [128, 0.1],
        [512, 0.2],
      ],
      1,
    ),
    prefillFlops: (I: number) => I * I,
    decodeFlops: (L: number) => L,
  };
  const est = estimateTrace(binned, model);
  const perA = 1 + 8 * model.decodeMs.at(132);
  const perB = 3 + 16 * model.decodeMs.at(264);
  expect(est.ms).toBeCloseTo(2 * perA + perB);
  expect(est.flops).toBeCloseTo(2 * (128 * 128 + 8 * 132) + (256 * 256 + 16 * 264));
  expect(est.bins.every((b) => !b.extrapolated)).toBe(true);
  expect(() => sampleTrace('nope' as TraceName, 10)).toThrow(/unknown/);
});
