/**
 * Times GPU work the benchmark way: warm-up runs, then the median of repeated submissions, each timed
 * with `startTiming` (GPU timestamps when the device has them, else submit-to-done wall time).
 * The wall time of every repeat is kept too, so GPU work can be compared with peers that only have a clock.
 *
 * Example:
 *   const t = await timeMedian(ctx.device, (encoder, timing) => {
 *     const pass = timing.beginComputePass(encoder, 'copy');
 *     pass.setPipeline(pipeline); pass.setBindGroup(0, group); pass.dispatchWorkgroups(64); pass.end();
 *   }, { warmup: 1, repeats: 5 });
 *   // { ms: 0.8, wallMs: 1.9, source: 'timestamp', samples: [...] }
 */
import { startTiming, type TimedSubmission, type TimingLabel, type TimingSource } from '../../gpu/timer';
import { median } from '../../util/stats';

export interface MedianTiming {
  /** Median GPU time (timestamps) or wall time when the device has no timestamps. */
  ms: number;
  /** Median submit-to-done wall time, always measured. */
  wallMs: number;
  source: TimingSource;
  samples: number[];
}

export interface TimingOptions {
  warmup: number;
  repeats: number;
}

/** Names every timed submission for the header's energy meter (src/energy), e.g. { feature: 'attention', job, flops }. */
export type { TimingLabel };

/** Records passes into `encoder`; begin each pass with `timing.beginComputePass` so it is timed. */
export type Recorder = (encoder: GPUCommandEncoder, timing: TimedSubmission) => void;

const now = () => performance.now();

export { median };

export async function timeMedian(device: GPUDevice, record: Recorder, opts: TimingOptions, label?: TimingLabel): Promise<MedianTiming> {
  const [t] = await timeInterleaved(device, [{ record, label }], opts);
  return t;
}

/**
 * Times several kernels round-robin: warm-ups, then `repeats` rounds in which each kernel runs once.
 * On a busy machine the load changes over seconds; interleaving exposes every kernel to the same load,
 * so the ratios between them (sparse over dense, ours over a peer) stay meaningful.
 */
export async function timeInterleaved(
  device: GPUDevice,
  items: { record: Recorder; label?: TimingLabel }[],
  opts: TimingOptions,
): Promise<MedianTiming[]> {
  const gpu: number[][] = items.map(() => []);
  const wall: number[][] = items.map(() => []);
  const sources: TimingSource[] = items.map(() => 'wall');
  for (let round = 0; round < opts.warmup + opts.repeats; round++) {
    for (let i = 0; i < items.length; i++) {
      const timing = startTiming(device, items[i].label ?? {});
      const encoder = device.createCommandEncoder();
      items[i].record(encoder, timing);
      const t0 = now();
      timing.submit(encoder);
      const r = await timing.result();
      if (round < opts.warmup) continue;
      gpu[i].push(r.ms);
      wall[i].push(now() - t0);
      sources[i] = r.source;
    }
  }
  return items.map((_, i) => ({ ms: median(gpu[i]), wallMs: median(wall[i]), source: sources[i], samples: gpu[i] }));
}

/** Times an async call (CPU work, or a peer that only offers a promise) by wall clock. */
export async function timeWallMedian(run: () => Promise<unknown> | unknown, opts: TimingOptions): Promise<MedianTiming> {
  const samples: number[] = [];
  for (let i = 0; i < opts.warmup + opts.repeats; i++) {
    const t0 = now();
    await run();
    if (i >= opts.warmup) samples.push(now() - t0);
  }
  const ms = median(samples);
  return { ms, wallMs: ms, source: 'wall', samples };
}

/** Splits a workgroup count over x and y so it stays within the 65535-per-dimension limit. */
export function dispatchSize(workgroups: number, maxPerDim = 65535): [number, number] {
  if (workgroups <= maxPerDim) return [workgroups, 1];
  const y = Math.ceil(workgroups / maxPerDim);
  return [Math.ceil(workgroups / y), y];
}
