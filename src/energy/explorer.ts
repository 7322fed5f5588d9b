/**
 * The what-if explorer's plans and arithmetic, framework-free: which points to measure for a sweep, for the
 * Quest comparison and for a trace estimate, and how measured GPU times become energy per query / token /
 * request with the power class in force. Measurements themselves run in the GPU worker (workloads.ts).
 *
 * Example:
 *   const points = sweepPoints('seqLen', { batch: 1, seqLen: 128, compression: 1, dtype: 'f32' }, [64, 128]);
 *   // measure them in the worker, then:
 *   energyRows(measured, powerClass); // [{ label, perUnit: { low, high, joules }, theoreticalPerUnit, ratio, ... }]
 */
import type { AttentionDtype } from '../attention';
import { attentionFlops } from '../attention';
import { estimateEnergy, type EnergyEstimate } from './estimate';
import type { PowerClass } from './power-classes';
import { binTrace, Curve, estimateTrace, sampleTrace, type BinEstimate, type TraceName } from './binning';
import { LAYER, QUEST_PAGE_SIZE, pointLabel, type MeasuredPoint, type WorkloadPoint } from './workloads';

export type SweepAxis = 'batch' | 'seqLen' | 'compression' | 'dtype';
export interface SweepBase {
  batch: number;
  seqLen: number;
  compression: number;
  dtype: AttentionDtype;
}

export const AXIS_LABELS: Record<SweepAxis, string> = {
  batch: 'batch size',
  seqLen: 'sequence length (tokens)',
  compression: 'compression ratio (1 = dense)',
  dtype: 'storage dtype',
};

/** Values offered per axis; software adapters get the short lists (every point costs seconds there). */
export function axisValues(axis: SweepAxis, software: boolean, hasF16: boolean): (number | AttentionDtype)[] {
  switch (axis) {
    case 'batch':
      return software ? [1, 2, 4] : [1, 2, 4, 8, 16];
    case 'seqLen':
      return software ? [32, 64, 128, 256] : [128, 256, 512, 1024, 2048, 4096];
    case 'compression':
      return software ? [1, 2, 4, 8] : [1, 2, 4, 8, 16];
    case 'dtype':
      return hasF16 ? ['f32', 'f16'] : ['f32'];
  }
}

export function sweepPoints(axis: SweepAxis, base: SweepBase, values: (number | AttentionDtype)[]): WorkloadPoint[] {
  return values.map((v) => ({ kind: 'prefill', ...base, [axis]: v }) as WorkloadPoint);
}

export interface EnergyRow {
  label: string;
  point: WorkloadPoint;
  medianMs: number;
  source: 'timestamp' | 'wall';
  /** 'query' for prefill (one sequence), 'token' for a decode step. */
  unit: 'query' | 'token';
  perUnitMs: number;
  /** Energy per query or token. */
  perUnit: EnergyEstimate;
  density: number;
}

export function energyRows(measured: MeasuredPoint[], cls: PowerClass): EnergyRow[] {
  return measured.map((m) => {
    const perUnitMs = m.medianMs / m.units;
    return {
      label: pointLabel(m.point),
      point: m.point,
      medianMs: m.medianMs,
      source: m.source,
      unit: m.point.kind === 'prefill' ? 'query' : 'token',
      perUnitMs,
      perUnit: estimateEnergy({ gpuMs: perUnitMs, flops: m.flops / m.units, powerClass: cls }),
      density: m.density,
    };
  });
}

/** Decode with and without Quest at each context length. */
export function questPoints(contexts: number[], batch: number, compression: number, dtype: AttentionDtype): WorkloadPoint[] {
  return contexts.flatMap((context) => [
    { kind: 'decode', batch, context, quest: false, compression, dtype },
    { kind: 'decode', batch, context, quest: true, compression, dtype },
  ]);
}

/** 1 − optimised / baseline. */
export const saving = (baseline: number, optimised: number) => (baseline > 0 ? 1 - optimised / baseline : 0);

/** A serving configuration for the trace estimate. */
export interface ServingConfig {
  name: string;
  batch: number;
  /** Prefill block-sparsity and Quest page compression; 1 = dense prefill and dense decode. */
  compression: number;
  dtype: AttentionDtype;
}

export const NAIVE: ServingConfig = { name: 'naive (batch 1, dense, f32)', batch: 1, compression: 1, dtype: 'f32' };

/** Lengths measured for a trace estimate; longer bins are extrapolated (prefill ∝ I², decode ∝ context). */
export function traceLengths(software: boolean): { prefill: number[]; decode: number[] } {
  return software ? { prefill: [64, 128], decode: [256, 1024] } : { prefill: [128, 512, 2048], decode: [512, 2048, 8192] };
}

export function tracePoints(cfg: ServingConfig, lengths: { prefill: number[]; decode: number[] }): WorkloadPoint[] {
  return [
    ...lengths.prefill.map((seqLen): WorkloadPoint => ({
      kind: 'prefill',
      batch: cfg.batch,
      seqLen,
      compression: cfg.compression,
      dtype: cfg.dtype,
    })),
    ...lengths.decode.map((context): WorkloadPoint => ({
      kind: 'decode',
      batch: cfg.batch,
      context,
      quest: cfg.compression > 1,
      compression: cfg.compression,
      dtype: cfg.dtype,
    })),
  ];
}

export interface TraceResult {
  config: ServingConfig;
  bins: BinEstimate[];
  requests: number;
  excluded: number;
  /** Energy of the whole (binned) trace and per request. */
  total: EnergyEstimate;
  perRequest: EnergyEstimate;
}

/** The binning estimate of a trace for one serving config, from that config's measured points. */
export function traceEstimate(
  trace: TraceName,
  count: number,
  cfg: ServingConfig,
  measured: MeasuredPoint[],
  cls: PowerClass,
): TraceResult {
  const prefill = measured.filter((m) => m.point.kind === 'prefill');
  const decode = measured.filter((m) => m.point.kind === 'decode');
  const density = (ms: MeasuredPoint[]) => (ms.length ? ms.reduce((s, m) => s + m.density, 0) / ms.length : 1);
  const prefillDensity = density(prefill);
  const decodeDensity = density(decode);
  const dense = (Sq: number, Skv: number, causal: boolean) =>
    attentionFlops({ B: 1, H: LAYER.H, KVH: LAYER.KVH, Sq, Skv, D: LAYER.D, causal });
  const model = {
    prefillMs: new Curve(
      prefill.map((m) => [(m.point as { seqLen: number }).seqLen, m.medianMs / m.units]),
      2,
    ),
    decodeMs: new Curve(
      decode.map((m) => [(m.point as { context: number }).context, m.medianMs / m.units]),
      1,
    ),
    prefillFlops: (I: number) => dense(I, I, true) * prefillDensity,
    // Quest keeps at least one page of QUEST_PAGE_SIZE keys.
    decodeFlops: (L: number) => dense(1, Math.max(L * decodeDensity, Math.min(L, QUEST_PAGE_SIZE)), false),
  };
  const binned = binTrace(sampleTrace(trace, count));
  const est = estimateTrace(binned, model);
  const n = binned.total - binned.excluded;
  return {
    config: cfg,
    bins: est.bins,
    requests: n,
    excluded: binned.excluded,
    total: estimateEnergy({ gpuMs: est.ms, flops: est.flops, powerClass: cls }),
    perRequest: estimateEnergy({ gpuMs: est.ms / Math.max(1, n), flops: est.flops / Math.max(1, n), powerClass: cls }),
  };
}

/**
 * The SI prefix for a chart axis in joules, from its largest value: J, mJ, µJ or nJ.
 *
 * Example:
 *   jouleUnitFor([0.002, 0.004]); // { scale: 1e-3, unit: 'mJ' }: plot values / scale
 */
export function jouleUnitFor(values: number[]): { scale: number; unit: string } {
  const max = Math.max(...values, 0);
  for (const [scale, p] of [
    [1, ''],
    [1e-3, 'm'],
    [1e-6, 'µ'],
    [1e-9, 'n'],
  ] as const)
    if (max >= scale) return { scale, unit: `${p}J` };
  return { scale: 1e-9, unit: 'nJ' };
}
