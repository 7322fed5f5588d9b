/**
 * Main-thread handle on `workers/webnav-train.worker.ts` (one per page, created on first use).
 *
 * Example:
 *   const r = await webnavTrainWorker().runProgram(source, 'click-button', 1);
 */
import * as Comlink from 'comlink';
import type { WebnavTrainApi } from './worker-api';

let remote: Comlink.Remote<WebnavTrainApi> | undefined;

export function webnavTrainWorker(): Comlink.Remote<WebnavTrainApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../../workers/webnav-train.worker.ts', import.meta.url), { type: 'module', name: 'webnav-train' });
    remote = Comlink.wrap<WebnavTrainApi>(worker);
  }
  return remote;
}

export { Comlink };
