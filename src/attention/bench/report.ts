/**
 * The benchmark's JSON report (what `npm run bench -- --json FILE` writes and the tab offers to download),
 * and a plain-text table of it for the terminal.
 *
 * Example:
 *   const report = await runSuite(ctx, { quick: true });
 *   console.log(formatReport(report));
 *   fs.writeFileSync('bench.json', JSON.stringify(report, null, 2));
 */
import type { TimingSource } from '../../gpu/timer';
import { formatShape, type BenchShape } from './shape';

export interface BenchAdapter {
  vendor: string;
  architecture: string;
  isFallbackAdapter: boolean;
  /** Every feature of the adapter, sorted. */
  features: string[];
}

export interface BenchCeilings {
  fmaGflops: number;
  copyGBps: number;
  source: TimingSource;
}

export interface KernelResult {
  /** 'dense' | 'block-sparse' | 'decode' | 'quest-decode' … as named by the kernel API. */
  kernel: string;
  shape: BenchShape;
  dtype: 'f32' | 'f16';
  /** Sparsity pattern: 'dense', 'block-topk', 'local', 'vertical-slash' or 'quest'. */
  pattern: string;
  /** Computed query–key pairs over the causally allowed pairs (1 = dense). */
  density: number;
  /** Median GPU time of one run (timestamps when the device has them; see `timing`). */
  gpuMs: number;
  /** Median submit-to-done wall time, the clock shared with peers that have no timestamps. */
  wallMs: number;
  timing: TimingSource;
  /** Useful FLOPs (4·B·H·Sq·Skv·D, halved for causal) times density, over gpuMs. */
  gflops: number;
  /** Bytes of K and V read, over gpuMs (the bound that matters for decode). */
  gbps: number;
  /** gflops / ceilings.fmaGflops for prefill; gbps / ceilings.copyGBps for decode. */
  fractionOfPeak: number;
  bound: 'compute' | 'memory';
  /** Max relative error against the float64 CPU reference (under the same mask). */
  maxRelErr: number;
  tolerance: number;
  passed: boolean;
  /** Mask block size and target compression (1/density asked of the mask builder), for sparse kernels. */
  blockSize?: number;
  compression?: number;
  /** Sparse kernels: our dense kernel's gpuMs on the same shape over this one's (the 6× target at density 1/8). */
  speedupOverDense?: number;
  /** Sparse kernels: max relative difference from our dense output (the approximation error of the mask). */
  maxErrVsDense?: number;
  /** Added when src/energy provides an estimate for this adapter. */
  energy?: { joules: number; low: number; high: number; watts: number; theoreticalJoules?: number; powerClass: string };
}

export interface PeerResult {
  /** 'naive-wgsl' | 'js-reference' | 'ort-mha' | 'ort-matmul-softmax' */
  name: string;
  shape: BenchShape;
  /** The peer's median time. */
  ms: number;
  /** Our dense kernel's time over the peer's, on the same clock (< 1: we are faster). */
  ratio: number;
  /** Our time that `ratio` uses. */
  oursMs: number;
  /** 'timestamp' when both sides have GPU timestamps, else 'wall' for both. */
  clock: TimingSource;
  /** The peer's max relative error against the float64 reference (NaN when the shape was too big to check). */
  maxRelErr: number;
  /** Whether the peer computed the same attention (maxRelErr ≤ PEER_TOLERANCE); a fast wrong answer is no win. null: not checked. */
  matchesReference: boolean | null;
}

/** Peers are checked loosely (they may use other summation orders or fast-math), but a wrong result is flagged. */
export const PEER_TOLERANCE = 1e-3;

export interface SkippedCase {
  what: string;
  shape?: BenchShape;
  reason: string;
}

export interface BenchReport {
  adapter: BenchAdapter;
  runtime: 'browser' | 'node';
  date: string;
  quick: boolean;
  ceilings: BenchCeilings;
  results: KernelResult[];
  peers: PeerResult[];
  skipped: SkippedCase[];
  /** True when the run was cancelled; the lists then hold what finished. */
  cancelled: boolean;
}

// Values may be null after a JSON round trip (NaN, e.g. an error that was not checked), so both are guarded.
const fmt = (x: number | null, digits = 3) => (typeof x === 'number' && Number.isFinite(x) ? x.toPrecision(digits) : '—');
const fmtErr = (x: number | null) => (typeof x === 'number' && Number.isFinite(x) ? x.toExponential(1) : 'unchecked');

export function formatReport(r: BenchReport): string {
  const lines: string[] = [];
  lines.push(
    `adapter: ${r.adapter.vendor} ${r.adapter.architecture}${r.adapter.isFallbackAdapter ? ' (software fallback)' : ''} — runtime ${r.runtime}`,
  );
  lines.push(`ceilings: FMA ${fmt(r.ceilings.fmaGflops)} GFLOP/s, copy ${fmt(r.ceilings.copyGBps)} GB/s (${r.ceilings.source})`);
  lines.push('');
  lines.push(
    'kernel           dtype pattern          density shape                                      gpu ms    GFLOP/s  GB/s    %peak  maxRelErr',
  );
  for (const k of r.results) {
    lines.push(
      [
        k.kernel.padEnd(16),
        k.dtype.padEnd(5),
        k.pattern.padEnd(16),
        fmt(k.density).padEnd(7),
        formatShape(k.shape).padEnd(42),
        fmt(k.gpuMs, 4).padStart(9),
        fmt(k.gflops).padStart(9),
        fmt(k.gbps).padStart(7),
        `${(100 * k.fractionOfPeak).toFixed(1)}%`.padStart(7),
        `${fmtErr(k.maxRelErr)}${k.passed ? '' : ' FAIL'}`.padStart(10),
      ].join(' '),
    );
  }
  if (r.peers.length) {
    lines.push('');
    lines.push('peer                shape                                      peer ms   ours ms  ours/peer clock      maxRelErr');
    for (const p of r.peers) {
      lines.push(
        [
          p.name.padEnd(19),
          formatShape(p.shape).padEnd(42),
          fmt(p.ms, 4).padStart(8),
          fmt(p.oursMs, 4).padStart(8),
          fmt(p.ratio).padStart(9),
          p.clock.padEnd(10),
          `${fmtErr(p.maxRelErr)}${p.matchesReference === false ? ' WRONG' : ''}`.padStart(9),
        ].join(' '),
      );
    }
  }
  for (const s of r.skipped) lines.push(`skipped: ${s.what}${s.shape ? ` (${formatShape(s.shape)})` : ''}: ${s.reason}`);
  if (r.cancelled) lines.push('cancelled: the lists above hold the cases that finished');
  return lines.join('\n');
}
