/**
 * The one interface through which every GPU job reports its timing to the energy meter, from any thread
 * (the GPU worker, other workers, the page, Node). Reports are posted on a BroadcastChannel named for the
 * app; the page's meter listens and batches UI updates. Posting is a structured clone of six fields, so it
 * never slows the work.
 *
 * Work timed with `startTiming(device, { feature, job, flops })` (src/gpu/timer.ts) reaches the meter once the
 * thread's host has called `meterGpuTimings()` (every worker entry that runs GPU work does, first thing) —
 * do NOT also call `reportGpuJob` for it. GPU work timed some other way (onnxruntime-web wall time) goes
 * through `reportGpuTiming` in src/gpu/timer.ts, so features need not import the meter at all.
 *
 * Example:
 *   import { reportGpuJob } from '../energy/jobs';
 *   reportGpuJob({ feature: 'attention', job: 'dense prefill B1 H4 S128 D64', gpuMs: 12.3, source: 'timestamp', flops: 2 * 4 * 128 * 128 * 64 * 2 });
 *
 *   const stop = subscribeGpuJobs((r) => console.log(r.feature, r.job, r.gpuMs)); // page side (the meter)
 *   stop();
 */

import { addGpuTimingSink } from '../gpu/timer';

/** Features known to the meter; any other string is accepted and shown as it is. */
export type GpuFeature = 'attention' | 'workflow' | 'webnav' | 'energy' | 'device' | (string & {});

export interface GpuJob {
  feature: GpuFeature;
  /** Short human name of the job, e.g. 'dense prefill S=128'. The meter groups by feature, then job. */
  job: string;
  /** GPU time of the job in milliseconds (timestamp queries, or submit-to-done wall time). */
  gpuMs: number;
  source: 'timestamp' | 'wall';
  /** Floating-point operations the job did, when known: enables the paper's theoretical estimate. */
  flops?: number;
}

export interface GpuJobReport extends GpuJob {
  /** Date.now() when reported. */
  at: number;
}

/** The BroadcastChannel every report travels on. */
export const GPU_JOBS_CHANNEL = 'webgpu-playground:gpu-jobs';

let channel: BroadcastChannel | null | undefined;

function sendChannel(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(GPU_JOBS_CHANNEL) : null;
    // In Node an open channel would keep the process alive after a benchmark finishes.
    (channel as unknown as { unref?: () => void } | null)?.unref?.();
  }
  return channel;
}

/** Reports one finished GPU job. Invalid timings (negative, NaN) are dropped: the meter only adds real time. */
export function reportGpuJob(job: GpuJob): void {
  if (!Number.isFinite(job.gpuMs) || job.gpuMs < 0) return;
  const report: GpuJobReport = {
    feature: String(job.feature || 'other'),
    job: String(job.job || 'gpu job'),
    gpuMs: job.gpuMs,
    source: job.source,
    at: Date.now(),
  };
  if (job.flops !== undefined && Number.isFinite(job.flops) && job.flops > 0) report.flops = job.flops;
  // A channel delivers to every other instance of the same name, this thread's listeners included.
  try {
    sendChannel()?.postMessage(report);
  } catch {
    // A closed channel (page unloading) must never break the GPU work that reported.
  }
}

function isReport(x: unknown): x is GpuJobReport {
  const r = x as GpuJobReport;
  return typeof r === 'object' && r !== null && typeof r.feature === 'string' && typeof r.job === 'string' && Number.isFinite(r.gpuMs);
}

/** Listens to every report from every thread of this origin (this one included; delivery is asynchronous). Returns an unsubscribe function. */
export function subscribeGpuJobs(listener: (r: GpuJobReport) => void): () => void {
  const rx = typeof BroadcastChannel === 'function' ? new BroadcastChannel(GPU_JOBS_CHANNEL) : null;
  (rx as unknown as { unref?: () => void } | null)?.unref?.();
  if (rx) rx.onmessage = (ev: MessageEvent) => isReport(ev.data) && listener(ev.data);
  return () => {
    rx?.close();
  };
}

let metering = false;

/** Sends every GPU timing of this thread (src/gpu/timer.ts sinks) to the meter; idempotent. Hosts call it once. */
export function meterGpuTimings(): void {
  if (metering) return;
  metering = true;
  addGpuTimingSink(reportGpuJob);
}
