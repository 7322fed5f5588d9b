/**
 * Main-thread handle on the web-navigation environment worker (one per page, created on first use).
 *
 * Example:
 *   const env = webnavEnvWorker();
 *   const r = await env.reset('click-button', 1, { maxSteps: 40 });
 *   if (r.ok) draw(r.value.pixels);
 */
import * as Comlink from 'comlink';
import type { WebNavEnvWorkerApi } from '../../../workers/webnav-env.worker';

export type { Frame, TaskSummary } from '../../../workers/webnav-env.worker';

let remote: Comlink.Remote<WebNavEnvWorkerApi> | undefined;

export function webnavEnvWorker(): Comlink.Remote<WebNavEnvWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../../workers/webnav-env.worker.ts', import.meta.url), { type: 'module', name: 'webnav-env' });
    remote = Comlink.wrap<WebNavEnvWorkerApi>(worker);
  }
  return remote;
}
