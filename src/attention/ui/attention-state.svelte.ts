/**
 * The Attention tab's state and actions, at module level so a run in progress and its results survive
 * switching to another tab and back (the component only shows this). The work itself runs in workers
 * (bench-runner.ts); this module turns the form into requests and outcomes into results or an error.
 *
 * Example (what the buttons do):
 *   tab.form.H = '8'; await runDenseVsSparse();   // tab.sweep or tab.error is set when it finishes
 *   await cancel();                               // stops after the current case
 */
import type { WorkerError } from '../../worker/outcome';
import type { BenchReport } from '../bench/report';
import type { SuiteProgress } from '../bench/suite';
import type { SweepResult } from '../bench/sweep';
import { DEFAULT_SHAPE, type BenchShape } from '../bench/shape';
import type { SparsePattern } from '../bench/patterns';
import type { PeerComparison } from '../worker-api';
import { compressionFromText, formFromShape, shapeFromForm } from './form';
import { cancelRun, comparePeers, runBenchmark, runSweep } from './bench-runner';

export type JobKind = 'run' | 'peers' | 'bench';

export const tab = $state({
  form: formFromShape(DEFAULT_SHAPE),
  dtype: 'f32' as 'f32' | 'f16',
  pattern: 'block-topk' as SparsePattern,
  compressionText: '4',
  quick: true,
  busy: null as JobKind | null,
  progress: null as SuiteProgress | null,
  cancelling: false,
  error: null as WorkerError | null,
  sweep: null as { result: SweepResult; shape: BenchShape; pattern: string } | null,
  peers: null as { result: PeerComparison; shape: BenchShape } | null,
  report: null as BenchReport | null,
});

const onProgress = (p: SuiteProgress): void => {
  tab.progress = p;
};

/** Runs one job at a time; the form's own errors and the kernels' errors land in the same place. */
async function job<T>(kind: JobKind, work: () => Promise<{ ok: true; value: T } | { ok: false; error: WorkerError }>): Promise<T | null> {
  if (tab.busy) return null;
  tab.error = null;
  tab.cancelling = false;
  tab.progress = null;
  tab.busy = kind;
  try {
    const r = await work();
    if (r.ok) return r.value;
    tab.error = r.error;
    return null;
  } catch (e) {
    tab.error = { name: 'Error', message: e instanceof Error ? e.message : String(e) };
    return null;
  } finally {
    tab.busy = null;
    tab.progress = null;
  }
}

function readForm(): { shape: BenchShape; compression: number } | null {
  try {
    return { shape: shapeFromForm(tab.form), compression: compressionFromText(tab.compressionText) };
  } catch (e) {
    tab.error = { name: 'InputError', message: (e as Error).message };
    return null;
  }
}

export async function runDenseVsSparse(): Promise<void> {
  const input = readForm();
  if (!input) return;
  const pattern = tab.pattern;
  const result = await job('run', () =>
    runSweep({ shape: input.shape, dtype: tab.dtype, pattern, compression: input.compression }, onProgress),
  );
  if (result) tab.sweep = { result, shape: input.shape, pattern: input.shape.Sq === 1 ? 'quest' : pattern };
}

export async function runPeerComparison(): Promise<void> {
  const input = readForm();
  if (!input) return;
  const result = await job('peers', () => comparePeers(input.shape, onProgress));
  if (result) tab.peers = { result, shape: input.shape };
}

export async function benchmarkThisGpu(): Promise<void> {
  const result = await job('bench', () => runBenchmark({ quick: tab.quick }, onProgress));
  if (result) tab.report = result;
}

export async function cancel(): Promise<void> {
  tab.cancelling = true;
  await cancelRun();
}
