/**
 * The Energy tab's measurements, kept outside the component so they survive switching tabs. Holds measured
 * GPU times only; energy is derived in the UI from the power class in force.
 *
 * Example:
 *   await runMeasurement('sweep', points, 3);
 *   explorerState.sweep?.measured; // MeasuredPoint[]
 */
import { gpuWorker, Comlink } from '../ui/gpu-client';
import type { WorkerError } from '../worker/outcome';
import type { MeasuredPoint, WorkloadPoint } from './workloads';
import type { SweepAxis } from './explorer';
import type { TraceName } from './binning';
import type { AttentionDtype } from '../attention';

export type Section = 'sweep' | 'quest' | 'trace';

export interface SectionState {
  running: boolean;
  progress: string;
  error: WorkerError | null;
  measured: MeasuredPoint[] | null;
  /** What the section asked for (axis, trace, configs…), for redrawing. */
  request: Record<string, unknown>;
}

const empty = (): SectionState => ({ running: false, progress: '', error: null, measured: null, request: {} });

export const explorerState = $state<Record<Section, SectionState>>({ sweep: empty(), quest: empty(), trace: empty() });

/** The tab's form choices, kept here too so they survive switching tabs. */
export const explorerForm = $state({
  axis: 'seqLen' as SweepAxis,
  batch: 1,
  seqLen: 128,
  compression: 1,
  dtype: 'f32' as AttentionDtype,
  questCompression: 4,
  questBatch: 1,
  trace: 'burstgpt' as TraceName,
  optBatch: 4,
  optCompression: 4,
});

/** Measures `points` in the GPU worker; the section shows progress, then the result or the error. */
export async function runMeasurement(
  section: Section,
  points: WorkloadPoint[],
  repeats: number,
  request: Record<string, unknown> = {},
): Promise<void> {
  const s = explorerState[section];
  if (s.running) return;
  s.running = true;
  s.error = null;
  s.progress = `0 / ${points.length}`;
  const onProgress = Comlink.proxy((done: number, total: number, label: string) => {
    s.progress = done < total ? `${done} / ${total}: measuring ${label}…` : `${total} / ${total}`;
  });
  try {
    const r = await gpuWorker().energyMeasure(points, repeats, onProgress);
    if (r.ok) {
      s.measured = r.value;
      s.request = request;
    } else {
      s.error = r.error;
    }
  } catch (e) {
    s.error = { name: 'Error', message: e instanceof Error ? e.message : String(e) };
  } finally {
    s.running = false;
  }
}
