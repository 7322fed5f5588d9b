/**
 * The paper's binning estimator (Fernandez et al. 2025 §4.1): a request trace is a list of (input, output)
 * token lengths; each request goes to its ceiling bin (I* ∈ I_BINS, O* ∈ O_BINS; longer requests are
 * excluded, as in the paper), and the trace's energy is Σ_bins N(I*,O*) × E_request(I*,O*), where
 * E_request = E_batch / B comes from per-bin GPU times measured on this GPU.
 *
 * The traces are synthetic: log-normal input and output lengths matching the medians and 99th percentiles the
 * paper reports for BurstGPT, Azure chat and Azure code (papers.md §2.2) — the real traces are not shipped.
 *
 * Example:
 *   const reqs = sampleTrace('burstgpt', 1000);          // [{ input: 183, output: 5 }, ...]
 *   const { bins, excluded } = binTrace(reqs);           // Map 'I,O' → count
 *   const curve = new Curve([[128, 2.1], [256, 6.4]], 2); // ms per query at those lengths; grows ∝ x² beyond
 *   curve.at(512);                                       // 25.6 (extrapolated)
 */
import { mulberry32 } from '../util/random';

export const I_BINS = [32, 128, 256, 512, 1024, 2048, 4096, 8192] as const;
export const O_BINS = [8, 16, 32, 64, 128, 256, 512] as const;

export type TraceName = 'burstgpt' | 'azure-chat' | 'azure-code';

/** Medians and 99th percentiles of input/output tokens, from the paper's trace statistics. */
export const TRACES: Record<TraceName, { label: string; input: { median: number; p99: number }; output: { median: number; p99: number } }> =
  {
    burstgpt: { label: 'BurstGPT-like', input: { median: 215, p99: 1038 }, output: { median: 7, p99: 478 } },
    'azure-chat': { label: 'Azure chat (conversation)', input: { median: 928, p99: 6683 }, output: { median: 41, p99: 694 } },
    'azure-code': { label: 'Azure code', input: { median: 1930, p99: 7685 }, output: { median: 8, p99: 271 } },
  };

export interface Request {
  input: number;
  output: number;
}

/** z of the 99th percentile of a standard normal. */
const Z99 = 2.3263478740408408;

function logNormalSampler(median: number, p99: number, next: () => number): () => number {
  const mu = Math.log(median);
  const sigma = Math.log(p99 / median) / Z99;
  return () => {
    // Box–Muller
    const u = Math.max(next(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    return Math.max(1, Math.round(Math.exp(mu + sigma * z)));
  };
}

export function sampleTrace(name: TraceName, count: number, seed = 2025): Request[] {
  const t = TRACES[name];
  if (!t) throw new RangeError(`trace "${name}" is unknown; choose ${Object.keys(TRACES).join(', ')}`);
  if (!Number.isInteger(count) || count < 1 || count > 1e6) throw new RangeError(`count = ${count} must be an integer from 1 to 1000000`);
  const next = mulberry32(seed);
  const inp = logNormalSampler(t.input.median, t.input.p99, next);
  const out = logNormalSampler(t.output.median, t.output.p99, next);
  return Array.from({ length: count }, () => ({ input: inp(), output: out() }));
}

/** The smallest bin ≥ n, or undefined when n is above the last bin. */
export function ceilBin(n: number, bins: readonly number[]): number | undefined {
  return bins.find((b) => b >= n);
}

export interface BinnedTrace {
  /** 'I,O' → number of requests. */
  bins: Map<string, number>;
  /** Requests above 8192 input or 512 output tokens, left out as in the paper. */
  excluded: number;
  total: number;
}

export function binTrace(requests: Request[]): BinnedTrace {
  const bins = new Map<string, number>();
  let excluded = 0;
  for (const r of requests) {
    const i = ceilBin(r.input, I_BINS);
    const o = ceilBin(r.output, O_BINS);
    if (i === undefined || o === undefined) {
      excluded++;
      continue;
    }
    const key = `${i},${o}`;
    bins.set(key, (bins.get(key) ?? 0) + 1);
  }
  return { bins, excluded, total: requests.length };
}

export const parseBinKey = (key: string): [number, number] => key.split(',').map(Number) as [number, number];

/**
 * Measured y(x) at a few x: linear between points, flat below the first (the GPU is under-saturated, as the
 * paper found for short inputs), and ∝ x^exponent above the last (2 for causal prefill, 1 for a decode step).
 */
export class Curve {
  readonly points: [number, number][];
  constructor(
    points: [number, number][],
    readonly exponent: number,
  ) {
    if (points.length === 0) throw new RangeError('Curve needs at least one measured point');
    this.points = [...points].sort((a, b) => a[0] - b[0]);
  }

  get maxMeasured(): number {
    return this.points[this.points.length - 1][0];
  }

  at(x: number): number {
    const p = this.points;
    if (x <= p[0][0]) return p[0][1];
    const [xl, yl] = p[p.length - 1];
    if (x >= xl) return yl * (x / xl) ** this.exponent;
    const j = p.findIndex(([px]) => px >= x);
    const [x0, y0] = p[j - 1];
    const [x1, y1] = p[j];
    return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
}

export interface RequestModel {
  /** GPU ms per query of prefill at input length I. */
  prefillMs: Curve;
  /** GPU ms per token of one decode step at context L. */
  decodeMs: Curve;
  /** FLOPs per query of prefill / per decode token, for the theoretical estimate. */
  prefillFlops: (I: number) => number;
  decodeFlops: (L: number) => number;
}

export interface BinEstimate {
  I: number;
  O: number;
  count: number;
  /** GPU ms for all requests of the bin. */
  ms: number;
  flops: number;
  /** Whether any length of this bin is beyond what was measured (extrapolated). */
  extrapolated: boolean;
}

/** Per-request time of a bin: prefill of I* tokens, then O* decode steps at the average context I* + O* / 2. */
export function estimateTrace(binned: BinnedTrace, model: RequestModel): { bins: BinEstimate[]; ms: number; flops: number } {
  const bins: BinEstimate[] = [];
  for (const [key, count] of binned.bins) {
    const [I, O] = parseBinKey(key);
    const ctx = I + O / 2;
    const perRequestMs = model.prefillMs.at(I) + O * model.decodeMs.at(ctx);
    const perRequestFlops = model.prefillFlops(I) + O * model.decodeFlops(ctx);
    bins.push({
      I,
      O,
      count,
      ms: count * perRequestMs,
      flops: count * perRequestFlops,
      extrapolated: I > model.prefillMs.maxMeasured || ctx > model.decodeMs.maxMeasured,
    });
  }
  bins.sort((a, b) => a.I - b.I || a.O - b.O);
  return { bins, ms: bins.reduce((s, b) => s + b.ms, 0), flops: bins.reduce((s, b) => s + b.flops, 0) };
}
