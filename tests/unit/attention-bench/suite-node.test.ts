// A short real run of the benchmark suite through Dawn (what `npm run bench -- --runtime node` does),
// checking the report a user gets: every field of the documented JSON, sane numbers, honest skips.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { nodeGpu } from '../../../src/gpu/node-gpu';
import { GpuContext } from '../../../src/gpu/context';
import { runSuite, type SuiteProgress } from '../../../src/attention/bench/suite';
import { formatReport } from '../../../src/attention/bench/report';
import { runSweep } from '../../../src/attention/bench/sweep';
import { energyPricer, powerClassFor } from '../../../src/energy';

let ctx: GpuContext;
beforeAll(async () => {
  ctx = await GpuContext.create(await nodeGpu());
});
afterAll(() => ctx?.close());

test('runs custom shapes end to end and reports the documented JSON', async () => {
  const progress: SuiteProgress[] = [];
  const report = await runSuite(ctx, {
    runtime: 'node',
    quick: true,
    shapes: [
      { B: 1, H: 2, KVH: 1, Sq: 77, Skv: 77, D: 32, causal: true },
      { B: 1, H: 2, KVH: 2, Sq: 1, Skv: 129, D: 32, causal: true },
    ],
    compression: 2,
    ortSkipReason: 'onnxruntime-web runs only in a browser',
    onProgress: (p) => progress.push(p),
    priceEnergy: energyPricer(powerClassFor(ctx.summary)),
  });
  const json = JSON.parse(JSON.stringify(report));
  expect(Object.keys(json.adapter).sort()).toEqual(['architecture', 'features', 'isFallbackAdapter', 'vendor']);
  expect(json.adapter.vendor).toBe(ctx.summary.vendor);
  expect(json.ceilings.fmaGflops).toBeGreaterThan(0);
  expect(json.ceilings.copyGBps).toBeGreaterThan(0);

  // prefill: dense + three sparse patterns; decode: decode + quest
  expect(json.results.map((r: { kernel: string; pattern: string }) => `${r.kernel}/${r.pattern}`)).toEqual([
    'dense/dense',
    'block-sparse/block-topk',
    'block-sparse/local',
    'block-sparse/vertical-slash',
    'decode/dense',
    'quest/quest',
  ]);
  for (const r of json.results) {
    for (const key of ['kernel', 'shape', 'dtype', 'pattern', 'density', 'gpuMs', 'gflops', 'fractionOfPeak', 'maxRelErr'])
      expect(r).toHaveProperty(key);
    expect(Object.keys(r.shape).sort()).toEqual(['B', 'D', 'H', 'KVH', 'Sq', 'Skv', 'causal'].sort());
    expect(r.passed, `${r.kernel} ${r.pattern}: maxRelErr ${r.maxRelErr}`).toBe(true);
    expect(r.maxRelErr).toBeLessThanOrEqual(1e-4);
    expect(r.gpuMs).toBeGreaterThan(0);
    expect(r.gflops).toBeGreaterThan(0);
    expect(r.density).toBeGreaterThan(0);
    expect(r.density).toBeLessThanOrEqual(1);
    expect(r.energy.joules).toBeGreaterThan(0);
  }
  const sparse = json.results.filter((r: { kernel: string }) => r.kernel === 'block-sparse');
  // Vertical-slash forces 64 diagonals, which cover most of a 77-token sequence; the other two must be sparse.
  for (const r of sparse.slice(0, 2)) expect(r.density).toBeLessThan(1);
  for (const r of sparse) {
    expect(r.speedupOverDense).toBeGreaterThan(0);
    expect(r.maxErrVsDense).toBeGreaterThanOrEqual(0);
  }

  // Peers on the prefill shape: naive WGSL and the JS reference ran; ORT was skipped with the reason.
  expect(json.peers.map((p: { name: string }) => p.name)).toEqual(['naive-wgsl', 'js-reference']);
  for (const p of json.peers) {
    expect(p.ms).toBeGreaterThan(0);
    expect(p.ratio).toBeCloseTo(p.oursMs / p.ms, 6);
    expect(p.maxRelErr).toBeLessThan(1e-4);
    expect(p.matchesReference).toBe(true);
  }
  expect(json.skipped.map((s: { what: string }) => s.what)).toEqual(['ort-mha', 'ort-matmul-softmax']);
  expect(json.skipped[0].reason).toMatch(/only in a browser/);

  expect(progress.at(-1)).toMatchObject({ label: 'done', done: progress.at(-1)!.total });
  progress.slice(1).forEach((p, i) => expect(p.done).toBeGreaterThanOrEqual(progress[i].done));
  expect(progress.some((p) => p.label.startsWith('timing 4 kernels round-robin'))).toBe(true);
  expect(formatReport(report)).toMatch(/ceilings: FMA [\d.]+ GFLOP\/s/);
});

test('bad shapes are skipped with the kernels’ own message before anything is allocated, and cancel stops between cases', async () => {
  let calls = 0;
  const report = await runSuite(ctx, {
    runtime: 'node',
    quick: true,
    shapes: [
      { B: 1, H: 3, KVH: 2, Sq: 8, Skv: 8, D: 8, causal: false },
      { B: 4096, H: 64, KVH: 64, Sq: 4096, Skv: 4096, D: 128, causal: false },
      { B: 1, H: 2, KVH: 1, Sq: 16, Skv: 16, D: 8, causal: false },
    ],
    // Calls 1–3 are the three shapes; 4 is the last shape's dense kernel; 5 cancels before block-topk.
    shouldStop: () => ++calls > 4,
  });
  expect(report.skipped[0].reason).toMatch(/shape.H = 3 is not a multiple of shape.KVH = 2/);
  expect(report.skipped[1].reason).toMatch(/Q \[B,H,Sq,D\] needs \d+ bytes, over this GPU's storage buffer binding limit/);
  expect(report.cancelled).toBe(true);
  // The cancelled shape is neither timed nor reported as a result.
  expect(report.results).toEqual([]);
  expect(report.peers).toEqual([]);
});

test('the tab’s decode sweep: split-KV decode against Quest at ¼, ½ and the full Skv', async () => {
  const ceilings = { fmaGflops: 1, copyGBps: 1, source: 'wall' as const };
  const r = await runSweep(
    ctx,
    { shape: { B: 1, H: 2, KVH: 2, Sq: 1, Skv: 129, D: 32, causal: true }, dtype: 'f32', pattern: 'block-topk', compression: 4 },
    ceilings,
  );
  expect(r.points.map((p) => p.length)).toEqual([32, 65, 129]);
  for (const p of r.points) {
    expect([p.dense.kernel, p.sparse.kernel]).toEqual(['decode', 'quest']);
    expect(p.dense.passed && p.sparse.passed).toBe(true);
    expect(p.sparse.density).toBeLessThan(1);
    expect(p.sparse.maxErrVsDense).toBeGreaterThanOrEqual(0);
  }
  expect(r.mask).toBeUndefined();
});
