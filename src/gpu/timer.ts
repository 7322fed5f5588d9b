/**
 * GPU timing: timestamp queries around each compute pass when the device has `timestamp-query`,
 * otherwise wall time from submit to `onSubmittedWorkDone` (an upper bound that includes queue latency).
 *
 * Example:
 *   const timing = startTiming(device);
 *   const encoder = device.createCommandEncoder();
 *   const pass = timing.beginComputePass(encoder, 'my kernel');
 *   ...; pass.end();
 *   timing.submit(encoder);
 *   const { ms, source } = await timing.result(); // source: 'timestamp' | 'wall'
 */

export type TimingSource = 'timestamp' | 'wall';

/** One finished, labelled GPU job, as handed to the registered sinks. */
export interface GpuJobTiming {
  feature: string;
  job: string;
  gpuMs: number;
  source: TimingSource;
  flops?: number;
}

export type GpuTimingSink = (timing: GpuJobTiming) => void;

const sinks = new Set<GpuTimingSink>();

/**
 * Registers where finished timings go. The GPU runtime knows no consumer: a host (a worker entry, a CLI,
 * a test) connects one, e.g. the energy meter's `reportGpuJob`. Returns a function that removes the sink.
 */
export function addGpuTimingSink(sink: GpuTimingSink): () => void {
  sinks.add(sink);
  return () => sinks.delete(sink);
}

/** Hands a timing to every sink: for GPU work timed outside `startTiming` (e.g. onnxruntime-web wall time). */
export function reportGpuTiming(timing: GpuJobTiming): void {
  for (const sink of sinks) {
    try {
      sink(timing);
    } catch {
      // A failing consumer must never break the GPU work that reported.
    }
  }
}

/**
 * Optional label: when `result()` resolves, the timing goes to the registered sinks (the energy meter, where
 * a host connected it) under this feature and job. Unlabelled timings are reported too (feature 'other',
 * job = first pass label); `report: false` opts out.
 */
export interface TimingLabel {
  feature?: string;
  job?: string;
  flops?: number;
  report?: boolean;
}

export interface GpuTiming {
  /** Sum of the passes' GPU durations (timestamps), or submit-to-done wall time. */
  ms: number;
  source: TimingSource;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class TimedSubmission {
  private readonly querySet?: GPUQuerySet;
  private passes = 0;
  private submittedAt = 0;
  private readback?: GPUBuffer;
  private done?: Promise<void>;
  private firstPassLabel?: string;
  private reported = false;

  constructor(
    private readonly device: GPUDevice,
    private readonly maxPasses = 16,
    private readonly label: TimingLabel = {},
  ) {
    if (device.features.has('timestamp-query')) {
      this.querySet = device.createQuerySet({ type: 'timestamp', count: 2 * maxPasses });
    }
  }

  get source(): TimingSource {
    return this.querySet ? 'timestamp' : 'wall';
  }

  /** Begins a compute pass whose start and end are timed when timestamps are available. */
  beginComputePass(encoder: GPUCommandEncoder, label?: string): GPUComputePassEncoder {
    this.firstPassLabel ??= label;
    if (!this.querySet || this.passes >= this.maxPasses) {
      return encoder.beginComputePass({ label });
    }
    const i = this.passes++;
    return encoder.beginComputePass({
      label,
      timestampWrites: { querySet: this.querySet, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 },
    });
  }

  /** Resolves the queries into `encoder` and submits it. */
  submit(encoder: GPUCommandEncoder): void {
    if (this.querySet && this.passes > 0) {
      const bytes = 16 * this.passes;
      const resolve = this.device.createBuffer({ size: bytes, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
      this.readback = this.device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      encoder.resolveQuerySet(this.querySet, 0, 2 * this.passes, resolve, 0);
      encoder.copyBufferToBuffer(resolve, 0, this.readback, 0, bytes);
    }
    this.submittedAt = now();
    this.device.queue.submit([encoder.finish()]);
    this.done = this.device.queue.onSubmittedWorkDone();
  }

  async result(): Promise<GpuTiming> {
    const timing = await this.measure();
    if (this.label.report !== false && !this.reported) {
      this.reported = true;
      const { feature = 'other', job = this.firstPassLabel ?? 'gpu job', flops } = this.label;
      reportGpuTiming({ feature, job, gpuMs: timing.ms, source: timing.source, flops });
    }
    return timing;
  }

  private async measure(): Promise<GpuTiming> {
    if (!this.done) throw new Error('TimedSubmission.result() called before submit()');
    await this.done;
    const wallMs = now() - this.submittedAt;
    if (!this.readback) {
      this.querySet?.destroy();
      return { ms: wallMs, source: 'wall' };
    }
    await this.readback.mapAsync(GPUMapMode.READ);
    const stamps = new BigUint64Array(this.readback.getMappedRange().slice(0));
    this.readback.unmap();
    this.readback.destroy();
    this.querySet?.destroy();
    let ns = 0n;
    for (let i = 0; i < this.passes; i++) {
      const d = stamps[2 * i + 1] - stamps[2 * i];
      // Some drivers wrap or reorder timestamps; a negative span is dropped rather than trusted.
      if (d > 0n) ns += d;
    }
    if (ns === 0n) return { ms: wallMs, source: 'wall' };
    return { ms: Number(ns) / 1e6, source: 'timestamp' };
  }
}

/** `startTiming(device, { feature: 'attention', job: 'dense S=128', flops })` labels the job for the energy meter. */
export function startTiming(device: GPUDevice, maxPassesOrLabel?: number | TimingLabel, label?: TimingLabel): TimedSubmission {
  if (typeof maxPassesOrLabel === 'object') return new TimedSubmission(device, undefined, maxPassesOrLabel);
  return new TimedSubmission(device, maxPassesOrLabel, label);
}
