/**
 * The attention benchmark suite, runtime-agnostic: it takes a `GpuContext`, so the GPU worker (the tab's
 * "Benchmark this GPU", and `npm run bench` in Chromium) and Node through Dawn (`--runtime node`) run the
 * same code. For each case: check against the float64 CPU reference (max relative error), then time it
 * (warm-up, median of repeats, GPU timestamps when available) and report ms, GFLOP/s, density and fraction
 * of this adapter's measured peak. Peers on the same shapes: a naive 3-pass WGSL kernel, the JS reference,
 * and onnxruntime-web (browser only, through the `ort` runner the caller passes in).
 *
 * Example:
 *   const report = await runSuite(ctx, { quick: true, runtime: 'node', onProgress: (p) => console.log(p.label) });
 *   report.results[0]; // { kernel: 'dense', shape, dtype: 'f32', density: 1, gpuMs, gflops, fractionOfPeak, maxRelErr, ... }
 */
import type { GpuContext } from '../../gpu/context';
import {
  capabilitiesOf,
  maxRelativeError,
  prepareAttention,
  validateShape,
  referenceAttention,
  referenceQuest,
  type AttentionInputs,
  type AttentionKernel,
  type BlockMaskCSR,
  type PreparedAttention,
} from '../core';
import type { TimedSubmission } from '../../gpu/timer';
import { measureCeilings } from './ceilings';
import { caseLabel, planCases, type CaseKernel } from './cases';
import { buildMask } from './patterns';
import { prepareNaiveAttention } from './naive-attention';
import { PEER_TOLERANCE, type BenchCeilings, type BenchReport, type KernelResult, type PeerResult, type SkippedCase } from './report';
import { attentionFlops, formatShape, type BenchShape } from './shape';
import { timeInterleaved, timeMedian, timeWallMedian, type MedianTiming, type TimingOptions } from './timing';

/** Runs an onnxruntime-web peer (in its own worker); returns the median ms and the output [B,H,Sq,D]. */
export type OrtRunner = (
  name: 'ort-mha' | 'ort-matmul-softmax',
  shape: BenchShape,
  inputs: AttentionInputs,
  timing: TimingOptions,
) => Promise<{ ms: number; output: Float32Array }>;

export interface SuiteProgress {
  done: number;
  total: number;
  label: string;
}

export interface SuiteOptions {
  runtime: 'browser' | 'node';
  quick?: boolean;
  /** Custom shapes (the CLI's --shape); empty: the default plan. */
  shapes?: BenchShape[];
  /** Sparse compression for custom shapes (default 8). */
  compression?: number;
  /** Present in the browser; without it the ORT peers are listed as skipped with `ortSkipReason`. */
  ort?: OrtRunner;
  ortSkipReason?: string;
  onProgress?: (p: SuiteProgress) => void;
  /** Polled between cases; true stops the run (the report then has `cancelled: true`). */
  shouldStop?: () => boolean | Promise<boolean>;
  /** Prices each result's GPU time (the host passes src/energy's `energyPricer`); without it results have no `energy`. */
  priceEnergy?: EnergyPricer;
}

/** GPU milliseconds and FLOPs → an energy band for a result. Injected, so attention does not depend on energy. */
export type EnergyPricer = (gpuMs: number, flops: number) => NonNullable<KernelResult['energy']>;

/** f32 kernels must match float64 to this; f16 storage rounds inputs to 11 bits (the kernel tests use the same bounds). */
export const TOLERANCE = { f32: 1e-4, f16: 5e-3 } as const;
/** Above this many FLOPs the float64 reference would take too long; the check then runs on one head. */
const FULL_CHECK_FLOPS = 3e8;
/** The JS reference is timed as a peer only up to this many FLOPs. */
const JS_PEER_FLOPS = 1.2e8;

/** Fresh random inputs in [-1, 1) every run (never zeros, so a kernel that writes nothing is caught). */
export function randomInputs(s: BenchShape): AttentionInputs {
  const rand = (n: number) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = Math.random() * 2 - 1;
    return a;
  };
  return { q: rand(s.B * s.H * s.Sq * s.D), k: rand(s.B * s.KVH * s.Skv * s.D), v: rand(s.B * s.KVH * s.Skv * s.D) };
}

export async function runSuite(ctx: GpuContext, opts: SuiteOptions): Promise<BenchReport> {
  const quick = opts.quick ?? false;
  const timingOpts: TimingOptions = quick ? { warmup: 1, repeats: 3 } : { warmup: 2, repeats: 7 };
  const f16 = ctx.summary.features['shader-f16'];
  const plan = planCases({ quick, f16, shapes: opts.shapes, compression: opts.compression });
  const total = 1 + plan.reduce((n, g) => n + g.kernels.length + (g.peers ? 1 : 0), 0);
  let done = 0;
  const progress = (label: string) => opts.onProgress?.({ done, total, label });
  const report: BenchReport = {
    adapter: {
      vendor: ctx.summary.vendor,
      architecture: ctx.summary.architecture,
      isFallbackAdapter: ctx.summary.isFallbackAdapter,
      features: ctx.summary.allFeatures,
    },
    runtime: opts.runtime,
    date: new Date().toISOString(),
    quick,
    ceilings: { fmaGflops: 0, copyGBps: 0, source: 'wall' },
    results: [],
    peers: [],
    skipped: [],
    cancelled: false,
  };
  const stop = async () => (report.cancelled ||= Boolean(await opts.shouldStop?.()));

  progress('measuring this GPU’s ceilings (FMA, copy bandwidth)');
  const c = await measureCeilings(ctx, { targetMs: quick ? 10 : 50, repeats: quick ? 3 : 5 });
  report.ceilings = { fmaGflops: c.fmaGflops, copyGBps: c.copyGBps, source: c.fmaSource };
  done++;

  for (const group of plan) {
    if (await stop()) break;
    try {
      // Before any allocation: a shape beyond this GPU's limits (or H not a multiple of KVH) gets the kernels' message.
      validateShape(group.shape, capabilitiesOf(ctx), 'f32');
    } catch (e) {
      report.skipped.push({ what: 'every kernel', shape: group.shape, reason: (e as Error).message });
      done += group.kernels.length + (group.peers ? 1 : 0);
      continue;
    }
    const inputs = randomInputs(group.shape);
    const set = await runCases(ctx, group.shape, inputs, group.kernels, report.ceilings, opts.priceEnergy, timingOpts, {
      onCase: (k) => {
        progress(`${caseLabel(k)} — ${formatShape(group.shape)}`);
        done++;
      },
      onTiming: (n) => progress(`timing ${n} kernels round-robin — ${formatShape(group.shape)}`),
      shouldStop: stop,
    });
    report.results.push(...set.runs.map((r) => r.result));
    report.skipped.push(...set.skipped);
    if (group.peers && !report.cancelled) {
      progress(`peers — ${formatShape(group.shape)}`);
      const ours = set.runs.find((r) => r.result.kernel === 'dense' && r.result.dtype === 'f32')?.result;
      if (ours) await runPeers(ctx, group.shape, inputs, ours, opts, timingOpts, report);
      else report.skipped.push({ what: 'peers', shape: group.shape, reason: 'our dense kernel did not run on this shape' });
      done++;
    }
  }
  progress(report.cancelled ? 'cancelled' : 'done');
  return report;
}

export interface CaseRun {
  /** Our output [B,H,Sq,D]. */
  out: Float32Array;
  result: KernelResult;
  /** The block mask a block-sparse case ran with (the tab draws it). */
  mask?: BlockMaskCSR;
}

function toKernel(
  k: CaseKernel,
  shape: BenchShape,
  inputs: AttentionInputs,
): { kernel: AttentionKernel; mask?: BlockMaskCSR; density: number; pattern: string } {
  switch (k.kind) {
    case 'dense':
      return { kernel: { kind: 'dense' }, density: 1, pattern: 'dense' };
    case 'decode':
      return { kernel: { kind: 'decode' }, density: 1, pattern: 'dense' };
    case 'block-sparse': {
      const mask = buildMask(k.pattern, shape, inputs, { blockSize: k.blockSize, compression: k.compression });
      return { kernel: { kind: 'block-sparse', mask }, mask, density: mask.density, pattern: k.pattern };
    }
    case 'quest': {
      const numPages = Math.ceil(shape.Skv / k.pageSize);
      const pageBudget = Math.max(1, Math.round(numPages / k.compression));
      const density = (Math.min(pageBudget, numPages) * k.pageSize) / shape.Skv;
      return { kernel: { kind: 'quest', pageBudget, pageSize: k.pageSize }, density: Math.min(1, density), pattern: 'quest' };
    }
  }
}

/** A kernel prepared and checked on one shape, ready to be timed. */
interface CheckedCase {
  k: CaseKernel;
  shape: BenchShape;
  att: PreparedAttention;
  out: Float32Array;
  maxRelErr: number;
  mask?: BlockMaskCSR;
  density: number;
  pattern: string;
  kind: AttentionKernel['kind'];
  flops: number;
}

async function prepareChecked(ctx: GpuContext, shape: BenchShape, inputs: AttentionInputs, k: CaseKernel): Promise<CheckedCase> {
  const { kernel, mask, density, pattern } = toKernel(k, shape, inputs);
  const att = await prepareAttention(ctx, shape, kernel, { dtype: k.dtype });
  try {
    att.write(inputs);
    await att.run();
    const out = await att.read();
    const maxRelErr = await checkError(ctx, shape, inputs, k, kernel, mask, out, att);
    return { k, shape, att, out, maxRelErr, mask, density, pattern, kind: kernel.kind, flops: attentionFlops(shape) * density };
  } catch (e) {
    att.destroy();
    throw e;
  }
}

function toResult(c: CheckedCase, t: MedianTiming, ceilings: BenchCeilings, price: EnergyPricer | undefined): KernelResult {
  const { k, shape, density, flops } = c;
  const kvBytes = 2 * shape.B * shape.KVH * shape.Skv * shape.D * (k.dtype === 'f16' ? 2 : 4) * density;
  const gflops = flops / (t.ms * 1e6);
  const gbps = kvBytes / (t.ms * 1e6);
  const memoryBound = shape.Sq === 1;
  return {
    kernel: c.kind,
    shape,
    dtype: k.dtype,
    pattern: c.pattern,
    density,
    gpuMs: t.ms,
    wallMs: t.wallMs,
    timing: t.source,
    gflops,
    gbps,
    fractionOfPeak: memoryBound ? gbps / ceilings.copyGBps : gflops / ceilings.fmaGflops,
    bound: memoryBound ? 'memory' : 'compute',
    maxRelErr: c.maxRelErr,
    tolerance: TOLERANCE[k.dtype],
    passed: c.maxRelErr <= TOLERANCE[k.dtype],
    ...(k.kind === 'block-sparse' ? { blockSize: k.blockSize, compression: k.compression } : {}),
    ...(k.kind === 'quest' ? { compression: k.compression } : {}),
    // Energy from the result's GPU time and the host's power class: a band, not a measurement.
    ...(price ? { energy: price(t.ms, flops) } : {}),
  };
}

export interface CaseSet {
  runs: CaseRun[];
  skipped: SkippedCase[];
  cancelled: boolean;
}

/**
 * Several kernels on one shape and the same inputs: each is checked against the reference, then all are
 * timed round-robin (`timeInterleaved`). The first f32 dense/decode kernel is the baseline that the
 * others' `speedupOverDense` and `maxErrVsDense` refer to. The suite and the tab's sweep both use this.
 */
export async function runCases(
  ctx: GpuContext,
  shape: BenchShape,
  inputs: AttentionInputs,
  kernels: CaseKernel[],
  ceilings: BenchCeilings,
  price: EnergyPricer | undefined,
  timingOpts: TimingOptions,
  hooks: { onCase?: (k: CaseKernel) => void; onTiming?: (count: number) => void; shouldStop?: () => Promise<boolean> } = {},
): Promise<CaseSet> {
  const checked: CheckedCase[] = [];
  const set: CaseSet = { runs: [], skipped: [], cancelled: false };
  try {
    for (const k of kernels) {
      if (await hooks.shouldStop?.()) {
        set.cancelled = true;
        break;
      }
      hooks.onCase?.(k);
      try {
        checked.push(await prepareChecked(ctx, shape, inputs, k));
      } catch (e) {
        set.skipped.push({ what: caseLabel(k), shape, reason: e instanceof Error ? e.message : String(e) });
      }
    }
    // A cancelled set is not timed: cancelling should take effect now, not after the timing rounds.
    if (set.cancelled) return set;
    if (checked.length) hooks.onTiming?.(checked.length);
    const times = await timeInterleaved(
      ctx.device,
      checked.map((c) => ({
        record: (encoder: GPUCommandEncoder, timing: TimedSubmission) => c.att.encode(encoder, timing),
        label: { feature: 'attention', job: `${caseLabel(c.k)} ${formatShape(shape)}`, flops: c.flops },
      })),
      timingOpts,
    );
    const base = checked.findIndex((c) => (c.kind === 'dense' || c.kind === 'decode') && c.k.dtype === 'f32');
    checked.forEach((c, i) => {
      const result = toResult(c, times[i], ceilings, price);
      if (base >= 0 && i !== base && c.kind !== 'dense' && c.kind !== 'decode' && c.k.dtype === 'f32') {
        result.speedupOverDense = times[base].ms / times[i].ms;
        result.maxErrVsDense = maxRelativeError(c.out, checked[base].out);
      }
      set.runs.push({ out: c.out, result, mask: c.mask });
    });
  } finally {
    for (const c of checked) c.att.destroy();
  }
  return set;
}

/** Max relative error against the float64 reference; on one head (B = H = KVH = 1) when the full shape is too big for the CPU. */
async function checkError(
  ctx: GpuContext,
  shape: BenchShape,
  inputs: AttentionInputs,
  k: CaseKernel,
  kernel: AttentionKernel,
  mask: BlockMaskCSR | undefined,
  out: Float32Array,
  att: { readPages(): Promise<Uint32Array> },
): Promise<number> {
  if (k.kind === 'quest' && kernel.kind === 'quest') {
    // Quest is checked against its own reference (same page choice), as the kernel promises.
    const ref = referenceQuest(shape, inputs, { pageBudget: kernel.pageBudget, pageSize: kernel.pageSize });
    await att.readPages();
    return maxRelativeError(out, ref.out);
  }
  if (attentionFlops(shape) <= FULL_CHECK_FLOPS) return maxRelativeError(out, referenceAttention(shape, inputs, { mask }));
  const one: BenchShape = { ...shape, B: 1, H: 1, KVH: 1 };
  const oneInputs = {
    q: inputs.q.subarray(0, one.Sq * one.D),
    k: inputs.k.subarray(0, one.Skv * one.D),
    v: inputs.v.subarray(0, one.Skv * one.D),
  };
  // One head of the same case: the mask is rebuilt for that head (the builders are per-shape).
  const sub = toKernel(k, one, oneInputs);
  const att1 = await prepareAttention(ctx, one, sub.kernel, { dtype: k.dtype });
  try {
    att1.write(oneInputs);
    await att1.run();
    return maxRelativeError(await att1.read(), referenceAttention(one, oneInputs, { mask: sub.mask }));
  } finally {
    att1.destroy();
  }
}

/** The peers on `shape` against our dense result `ours`; appends to report.peers and report.skipped. */
export async function runPeers(
  ctx: GpuContext,
  shape: BenchShape,
  inputs: AttentionInputs,
  ours: KernelResult,
  opts: Pick<SuiteOptions, 'ort' | 'ortSkipReason'>,
  timingOpts: TimingOptions,
  report: Pick<BenchReport, 'peers' | 'skipped'>,
): Promise<void> {
  const skip = (what: string, reason: string) => report.skipped.push({ what, shape, reason });
  const peer = (name: string, ms: number, clock: 'timestamp' | 'wall', maxRelErr: number): PeerResult => {
    const oursMs = clock === 'timestamp' && ours.timing === 'timestamp' ? ours.gpuMs : ours.wallMs;
    return {
      name,
      shape,
      ms,
      ratio: oursMs / ms,
      oursMs,
      clock: clock === 'timestamp' && ours.timing === 'timestamp' ? 'timestamp' : 'wall',
      maxRelErr,
      matchesReference: Number.isNaN(maxRelErr) ? null : maxRelErr <= PEER_TOLERANCE,
    };
  };
  const needsRef = attentionFlops(shape) <= FULL_CHECK_FLOPS;
  const ref = needsRef ? referenceAttention(shape, inputs) : undefined;
  const errOf = (out: Float32Array) => (ref ? maxRelativeError(out, ref) : Number.NaN);

  try {
    const naive = await prepareNaiveAttention(ctx, shape, inputs);
    try {
      const out = await naive.read();
      const t = await timeMedian(ctx.device, naive.record, timingOpts, {
        feature: 'attention',
        job: `peer naive WGSL ${formatShape(shape)}`,
        flops: attentionFlops(shape),
      });
      report.peers.push(peer('naive-wgsl', t.source === 'timestamp' ? t.ms : t.wallMs, t.source, errOf(out)));
    } finally {
      naive.destroy();
    }
  } catch (e) {
    skip('naive-wgsl', (e as Error).message);
  }

  if (attentionFlops(shape) <= JS_PEER_FLOPS) {
    let out: Float64Array | undefined;
    const t = await timeWallMedian(() => (out = referenceAttention(shape, inputs)), {
      warmup: 0,
      repeats: Math.min(3, timingOpts.repeats),
    });
    report.peers.push(peer('js-reference', t.ms, 'wall', errOf(Float32Array.from(out!))));
  } else {
    skip('js-reference', `float64 JS takes too long above ${JS_PEER_FLOPS.toExponential(1)} FLOPs`);
  }

  for (const name of ['ort-mha', 'ort-matmul-softmax'] as const) {
    if (!opts.ort) {
      skip(name, opts.ortSkipReason ?? 'no onnxruntime-web runner was given');
      continue;
    }
    try {
      const r = await opts.ort(name, shape, inputs, timingOpts);
      report.peers.push(peer(name, r.ms, 'wall', errOf(r.output)));
    } catch (e) {
      skip(name, e instanceof Error ? e.message : String(e));
    }
  }
}
