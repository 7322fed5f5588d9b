// Which cases a run contains: the targets must be in the full plan, f16 only with shader-f16,
// and custom shapes get every kernel that applies.
import { expect, test } from 'vitest';
import { blockSizeFor, planCases } from '../../../src/attention/bench/cases';
import { sweepLengths } from '../../../src/attention/bench/sweep';
import { formatReport, type BenchReport } from '../../../src/attention/bench/report';

test('the full plan holds the target cases: sparse 1/8 at S ≥ 1024 and decode at Skv ≥ 4096', () => {
  const plan = planCases({ quick: false, f16: false });
  const sparse1k = plan
    .filter((g) => g.shape.Sq >= 1024 && g.shape.Sq === g.shape.Skv)
    .flatMap((g) => g.kernels)
    .filter((k) => k.kind === 'block-sparse' && k.compression === 8);
  expect(sparse1k.length).toBeGreaterThan(0);
  expect(plan.some((g) => g.shape.Sq === 1 && g.shape.Skv >= 4096 && g.kernels.some((k) => k.kind === 'decode'))).toBe(true);
  expect(plan.some((g) => g.peers && g.shape.Sq >= 1024)).toBe(true);
  for (const g of plan) {
    expect(g.shape.H % g.shape.KVH).toBe(0);
    expect(g.kernels[0].kind === 'dense' || g.kernels[0].kind === 'decode').toBe(true);
  }
  expect(plan.flatMap((g) => g.kernels).some((k) => k.dtype === 'f16')).toBe(false);
  expect(
    planCases({ quick: false, f16: true })
      .flatMap((g) => g.kernels)
      .some((k) => k.dtype === 'f16'),
  ).toBe(true);
});

test('quick plan is small and has peers on one prefill shape', () => {
  const plan = planCases({ quick: true, f16: false });
  expect(plan.length).toBeLessThanOrEqual(3);
  expect(plan.filter((g) => g.peers)).toHaveLength(1);
  expect(Math.max(...plan.map((g) => g.shape.Sq * g.shape.Skv * g.shape.H))).toBeLessThanOrEqual(2 * 256 * 256);
});

test('custom shapes: prefill kernels when Sq > 1, decode kernels when Sq = 1', () => {
  const [prefill, decode] = planCases({
    quick: true,
    f16: false,
    shapes: [
      { B: 1, H: 4, KVH: 2, Sq: 300, Skv: 300, D: 64, causal: true },
      { B: 1, H: 4, KVH: 2, Sq: 1, Skv: 4096, D: 64, causal: true },
    ],
  });
  expect(prefill.kernels.map((k) => (k.kind === 'block-sparse' ? k.pattern : k.kind))).toEqual([
    'dense',
    'block-topk',
    'local',
    'vertical-slash',
  ]);
  expect(prefill.peers).toBe(true);
  expect(decode.kernels.map((k) => k.kind)).toEqual(['decode', 'quest']);
  expect(decode.peers).toBe(false);
  expect([blockSizeFor(64), blockSizeFor(300), blockSizeFor(4096)]).toEqual([16, 32, 64]);
});

test('the tab sweeps ¼, ½ and the whole length', () => {
  expect(sweepLengths(256)).toEqual([64, 128, 256]);
  expect(sweepLengths(40)).toEqual([20, 40]);
  expect(sweepLengths(8)).toEqual([8]);
});

test('the text report survives a JSON round trip, where unchecked errors (NaN) became null', () => {
  const shape = { B: 1, H: 1, KVH: 1, Sq: 2048, Skv: 2048, D: 64, causal: true };
  const report: BenchReport = {
    adapter: { vendor: 'v', architecture: 'a', isFallbackAdapter: false, features: [] },
    runtime: 'browser',
    date: '',
    quick: false,
    cancelled: false,
    ceilings: { fmaGflops: 1, copyGBps: 1, source: 'timestamp' },
    results: [],
    peers: [{ name: 'naive-wgsl', shape, ms: 2, ratio: 0.5, oursMs: 1, clock: 'timestamp', maxRelErr: Number.NaN, matchesReference: null }],
    skipped: [],
  };
  const text = formatReport(JSON.parse(JSON.stringify(report)));
  expect(text).toMatch(/naive-wgsl .* unchecked/);
});
