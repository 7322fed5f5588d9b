/**
 * Turns transformers.js progress events (`initiate`, `download`, `progress`, `done`, `progress_total`, `ready`)
 * into one `LoadProgress` stream for the UI: a fraction over all files that never goes backwards (the library's
 * own total can dip when it discovers another file) and ends at exactly 1 when the model is ready.
 *
 * Example:
 *   const track = progressTracker((p) => bar.value = p.fraction);
 *   await pipeline('text-generation', id, { progress_callback: track });
 */
import type { LoadProgress } from './types';

/** The fields of transformers.js ProgressInfo this module reads. */
export interface TransformersProgressEvent {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
  progress?: number;
}

export function progressTracker(onProgress: (p: LoadProgress) => void): (e: TransformersProgressEvent) => void {
  let fraction = 0;
  let file = '';
  let loaded = 0;
  let total = 0;
  return (e) => {
    if (e.status === 'progress' && e.file) file = e.file;
    if (e.status === 'progress_total') {
      loaded = e.loaded ?? loaded;
      total = e.total ?? total;
      const f = Math.min(1, Math.max(0, (e.progress ?? 0) / 100));
      // Hold the last file's 100% below 1 until 'ready': the model still has to be compiled.
      fraction = Math.max(fraction, Math.min(f, 0.99));
      onProgress({ file, loaded, total, fraction });
    } else if (e.status === 'ready') {
      fraction = 1;
      onProgress({ file, loaded: total, total, fraction });
    }
  };
}
