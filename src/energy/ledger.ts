/**
 * The meter's bookkeeping, framework-free: GPU time per feature and job, and a sparkline of GPU time per
 * tick. It keeps milliseconds, not joules, so a change of power class re-prices everything at once.
 *
 * Example:
 *   const ledger = new JobLedger();
 *   ledger.add({ feature: 'device', job: 'scratch', gpuMs: 1.5, source: 'timestamp', at: Date.now() });
 *   ledger.tick();          // closes one sparkline bucket (the meter ticks every 200 ms while work runs)
 *   ledger.snapshot().totalMs; // 1.5
 */
import type { GpuJobReport } from './jobs';

export interface JobTotals {
  gpuMs: number;
  count: number;
  /** FLOPs of the jobs that reported them. */
  flops: number;
  /** GPU time of the jobs that reported FLOPs (the theoretical estimate covers only those). */
  gpuMsWithFlops: number;
  wallCount: number;
}

export interface FeatureTotals extends JobTotals {
  feature: string;
  jobs: Array<JobTotals & { job: string }>;
}

export interface LedgerSnapshot {
  totalMs: number;
  jobs: number;
  flops: number;
  gpuMsWithFlops: number;
  features: FeatureTotals[];
  /** GPU milliseconds per tick, oldest first. */
  spark: number[];
  last?: GpuJobReport;
}

/** Distinct job names kept per feature; later names are pooled so a job name with a counter cannot grow memory. */
export const MAX_JOBS_PER_FEATURE = 40;
export const SPARK_BUCKETS = 60;

const empty = (): JobTotals => ({ gpuMs: 0, count: 0, flops: 0, gpuMsWithFlops: 0, wallCount: 0 });

function addTo(t: JobTotals, r: GpuJobReport): void {
  t.gpuMs += r.gpuMs;
  t.count += 1;
  if (r.flops) {
    t.flops += r.flops;
    t.gpuMsWithFlops += r.gpuMs;
  }
  if (r.source === 'wall') t.wallCount += 1;
}

export class JobLedger {
  private features = new Map<string, { totals: JobTotals; jobs: Map<string, JobTotals> }>();
  private total = empty();
  private bucket = 0;
  private spark: number[] = new Array(SPARK_BUCKETS).fill(0);
  private last?: GpuJobReport;

  add(r: GpuJobReport): void {
    let f = this.features.get(r.feature);
    if (!f) this.features.set(r.feature, (f = { totals: empty(), jobs: new Map() }));
    const name = f.jobs.has(r.job) || f.jobs.size < MAX_JOBS_PER_FEATURE ? r.job : '(other jobs)';
    let j = f.jobs.get(name);
    if (!j) f.jobs.set(name, (j = empty()));
    addTo(j, r);
    addTo(f.totals, r);
    addTo(this.total, r);
    this.bucket += r.gpuMs;
    this.last = r;
  }

  /** Closes the current sparkline bucket. */
  tick(): void {
    this.spark.push(this.bucket);
    this.spark.shift();
    this.bucket = 0;
  }

  snapshot(): LedgerSnapshot {
    return {
      totalMs: this.total.gpuMs,
      jobs: this.total.count,
      flops: this.total.flops,
      gpuMsWithFlops: this.total.gpuMsWithFlops,
      features: [...this.features.entries()]
        .map(([feature, f]) => ({
          feature,
          ...f.totals,
          jobs: [...f.jobs.entries()].map(([job, t]) => ({ job, ...t })).sort((a, b) => b.gpuMs - a.gpuMs),
        }))
        .sort((a, b) => b.gpuMs - a.gpuMs),
      spark: [...this.spark],
      last: this.last,
    };
  }
}
