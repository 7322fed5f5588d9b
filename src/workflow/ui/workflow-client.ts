/**
 * Main-thread handle on the workflow worker, created on first use (one per page).
 *
 * Example:
 *   const api = workflowWorker();
 *   const r = await api.run('r1', program, {}, Comlink.proxy((e) => console.log(e)));
 */
import * as Comlink from 'comlink';
import type { WorkflowWorkerApi } from '../runtime/worker-api';

let remote: Comlink.Remote<WorkflowWorkerApi> | undefined;
let crashListener: ((message: string) => void) | undefined;

/** Told when the worker itself fails (a load error or a crash), which no pending call would report. */
export function onWorkflowWorkerCrash(listener: (message: string) => void): void {
  crashListener = listener;
}

export function workflowWorker(): Comlink.Remote<WorkflowWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../../workers/workflow.worker.ts', import.meta.url), { type: 'module', name: 'workflow' });
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      // A fresh worker is started on the next call; the cache is lost with the old one.
      worker.terminate();
      remote = undefined;
      crashListener?.(e.message || 'the workflow worker stopped');
    });
    remote = Comlink.wrap<WorkflowWorkerApi>(worker);
    void remote.setBase(location.href);
  }
  return remote;
}

export { Comlink };
