/**
 * Energy benchmark in Node (Dawn): measures the Energy tab's workloads on this machine's adapter and prints
 * the savings the explorer shows — sparse prefill vs dense, Quest decode vs dense, and the binning estimate of
 * the three traces, optimised vs naive — as a Markdown table (or JSON with --json).
 *
 * Run: node scripts/run-ts.mjs src/energy/bench-cli.ts [--json]
 * Ratios come from one run on one adapter; absolute joules depend on the assumed power band.
 */
import { nodeGpu } from '../gpu/node-gpu';
import { GpuContext } from '../gpu/context';
import { adapterLabel } from '../gpu/adapter-info';
import { powerClassFor } from './power-classes';
import { formatBand } from './estimate';
import { measureAttention, type WorkloadPoint } from './workloads';
import { energyRows, NAIVE, questPoints, saving, traceEstimate, traceLengths, tracePoints, type ServingConfig } from './explorer';
import { TRACES, type TraceName } from './binning';
import { reportGpuJob } from './jobs';

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const ctx = await GpuContext.create(await nodeGpu());
  try {
    const cls = powerClassFor(ctx.summary);
    const software = cls.kind === 'software';
    const dtype = ctx.summary.features['shader-f16'] ? 'f16' : 'f32';
    const prefillLen = software ? 128 : 2048;
    const prefill: WorkloadPoint[] = [1, 4].map((compression) => ({
      kind: 'prefill',
      batch: 1,
      seqLen: prefillLen,
      compression,
      dtype: 'f32',
    }));
    const contexts = software ? [256, 1024] : [1024, 4096, 16384];
    const pre = energyRows(await measureAttention(ctx, prefill), cls);
    const dec = energyRows(await measureAttention(ctx, questPoints(contexts, 1, 4, 'f32')), cls);
    const lengths = traceLengths(software);
    const opt: ServingConfig = { name: `optimised (batch 4, sparse + Quest 1/4, ${dtype})`, batch: 4, compression: 4, dtype };
    const naiveM = await measureAttention(ctx, tracePoints(NAIVE, lengths));
    const optM = await measureAttention(ctx, tracePoints(opt, lengths));
    const traces = (Object.keys(TRACES) as TraceName[]).map((t) => {
      const n = traceEstimate(t, 1000, NAIVE, naiveM, cls);
      const o = traceEstimate(t, 1000, opt, optM, cls);
      return { trace: t, naive: n.perRequest, optimised: o.perRequest, saving: saving(n.total.joules, o.total.joules) };
    });
    // What reporting costs the work that reports: one reportGpuJob call, averaged over many.
    const calls = 20000;
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) reportGpuJob({ feature: 'energy', job: 'report cost probe', gpuMs: 0, source: 'wall', flops: 1 });
    const reportUs = ((performance.now() - t0) * 1000) / calls;
    const result = {
      adapter: adapterLabel(ctx.summary),
      reportGpuJobMicroseconds: reportUs,
      powerClass: { name: cls.name, wattsLow: cls.wattsLow, wattsHigh: cls.wattsHigh },
      prefill: pre.map((r) => ({ label: r.label, ms: r.medianMs, perQuery: r.perUnit })),
      sparsePrefillSaving: saving(pre[0].medianMs, pre[1].medianMs),
      decode: dec.map((r) => ({ label: r.label, ms: r.medianMs, perToken: r.perUnit })),
      questSaving: contexts.map((c, i) => ({ context: c, saving: saving(dec[2 * i].medianMs, dec[2 * i + 1].medianMs) })),
      traces,
    };
    if (json) {
      console.log(JSON.stringify(result, null, 2));
      return 0;
    }
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    console.log(`Adapter: ${result.adapter}; power class ${cls.name} (${cls.wattsLow}-${cls.wattsHigh} W)\n`);
    console.log('| workload | GPU time (median of 3) | energy (band) | paper ideal | ratio |\n|---|---|---|---|---|');
    for (const r of [...pre, ...dec]) {
      console.log(
        `| ${r.label} | ${r.medianMs.toFixed(2)} ms | ${formatBand(r.perUnit.low, r.perUnit.high, 'J')} per ${r.unit} | ${r.perUnit.theoreticalJoules?.toExponential(2) ?? '—'} J | ${r.perUnit.ratio?.toFixed(0) ?? '—'}× |`,
      );
    }
    console.log(`\nSparse prefill (1/4 of blocks) saves ${pct(result.sparsePrefillSaving)} against dense at S=${prefillLen}.`);
    console.log(`reportGpuJob costs ${reportUs.toFixed(2)} µs per call (mean of ${calls}).`);
    for (const q of result.questSaving)
      console.log(`Quest (1/4 of pages) saves ${pct(q.saving)} per decoded token at context ${q.context}.`);
    console.log('\n| trace | naive per request | optimised per request | saving |\n|---|---|---|---|');
    for (const t of traces) {
      console.log(
        `| ${TRACES[t.trace].label} | ${formatBand(t.naive.low, t.naive.high, 'J')} | ${formatBand(t.optimised.low, t.optimised.high, 'J')} | ${pct(t.saving)} |`,
      );
    }
    return 0;
  } finally {
    ctx.close();
  }
}
