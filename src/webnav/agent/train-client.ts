/**
 * Main-thread handle on `workers/webnav-train.worker.ts` (one per page, created on first use).
 *
 * Example:
 *   const r = await webnavTrainWorker().runProgram(source, 'click-button', 1);
 */
import { workerClient, Comlink } from '../../worker/client';
import type { WebnavTrainApi } from './worker-api';

export const webnavTrainWorker = workerClient<WebnavTrainApi>(
  () => new Worker(new URL('../../../workers/webnav-train.worker.ts', import.meta.url), { type: 'module', name: 'webnav-train' }),
  { name: 'training worker' },
);

export { Comlink };
