/**
 * Main-thread handle on the workflow worker, started on first use (one per page) through the app's one
 * worker client helper: if the worker crashes, pending calls reject and the next call starts a fresh one
 * (its node cache is lost with the old worker).
 *
 * Example:
 *   const r = await workflowWorker().run('r1', program, {}, Comlink.proxy((e) => console.log(e)));
 *   const stop = workflowWorker.onCrash((message) => (banner = message));
 */
import * as Comlink from 'comlink';
import { workerClient } from '../../worker/client';
import type { WorkflowWorkerApi } from '../runtime/worker-api';

export const workflowWorker = workerClient<WorkflowWorkerApi>(
  () => new Worker(new URL('../../../workers/workflow.worker.ts', import.meta.url), { type: 'module', name: 'workflow' }),
  { name: 'workflow worker', onStart: (remote) => void remote.setBase(location.href) },
);

export { Comlink };
