/**
 * Turns transformers.js progress events (`initiate`, `download`, `progress`, `done`, `progress_total`, `ready`)
 * into one `LoadProgress` stream for the UI: a fraction over all files that never goes backwards (the library's
 * own total can dip when it discovers another file) and ends at exactly 1 when the model is ready.
 *
 * Example:
 *   const track = progressTracker((p) => bar.value = p.fraction);
 *   await pipeline('text-generation', id, { progress_callback: track });
 */
import { formatBytes } from './catalogue';
import type { LoadProgress } from './types';

/** The fields of transformers.js ProgressInfo this module reads. */
export interface TransformersProgressEvent {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
  progress?: number;
}

export function progressTracker(
  onProgress: (p: LoadProgress) => void,
  now: () => number = () => performance.now(),
): (e: TransformersProgressEvent) => void {
  let fraction = 0;
  let file = '';
  let loaded = 0;
  let total = 0;
  const speed = speedMeter(now);
  return (e) => {
    if (e.status === 'progress' && e.file) file = e.file;
    if (e.status === 'progress_total') {
      loaded = e.loaded ?? loaded;
      total = e.total ?? total;
      const f = Math.min(1, Math.max(0, (e.progress ?? 0) / 100));
      // Hold the last file's 100% below 1 until 'ready': the model still has to be compiled.
      fraction = Math.max(fraction, Math.min(f, 0.99));
      onProgress({ file, loaded, total, fraction, ...speed(loaded, total) });
    } else if (e.status === 'ready') {
      fraction = 1;
      onProgress({ file, loaded: total, total, fraction });
    }
  };
}

/**
 * Download speed over the last few seconds and the time left at that speed, from (bytes loaded, bytes in all)
 * samples; empty until measurable. One per download.
 */
export function speedMeter(
  now: () => number = () => performance.now(),
): (loaded: number, total: number) => Pick<LoadProgress, 'bytesPerSecond' | 'secondsLeft'> {
  /** (time ms, bytes loaded) over the last few seconds. */
  const samples: [number, number][] = [];
  return (loaded, total) => {
    const t = now();
    samples.push([t, loaded]);
    while (samples.length > 2 && t - samples[0][0] > SPEED_WINDOW_MS) samples.shift();
    const [t0, b0] = samples[0];
    const speed = t - t0 >= 200 && loaded > b0 ? ((loaded - b0) * 1000) / (t - t0) : undefined;
    return speed ? { bytesPerSecond: speed, ...(total ? { secondsLeft: Math.max(0, total - loaded) / speed } : {}) } : {};
  };
}

const SPEED_WINDOW_MS = 3000;

/** "tokenizer.json: 12.3 MB of 483 MB (3%) · 4.10 MB/s · 1 min 55 s left" */
export function describeProgress(p: LoadProgress): string {
  const pct = `${Math.floor(p.fraction * 100)}%`;
  const bytes = p.total ? `${formatBytes(p.loaded)} of ${formatBytes(p.total)} (${pct})` : pct;
  const speed = p.bytesPerSecond ? ` · ${formatBytes(Math.round(p.bytesPerSecond))}/s` : '';
  const left = p.secondsLeft !== undefined && p.fraction < 1 ? ` · ${formatDuration(p.secondsLeft)} left` : '';
  return `${p.file ? `${p.file}: ` : ''}${bytes}${speed}${left}`;
}

export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return 'unknown time';
  if (s < 60) return `${Math.ceil(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
