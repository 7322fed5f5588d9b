/**
 * Main-thread handle on the web-navigation environment worker (one per page, created on first use).
 *
 * Example:
 *   const env = webnavEnvWorker();
 *   const r = await env.reset('click-button', 1, { maxSteps: 40 });
 *   if (r.ok) draw(r.value.pixels);
 */
import { workerClient } from '../../worker/client';
import type { WebNavEnvWorkerApi } from '../../../workers/webnav-env.worker';

export type { Frame, TaskSummary } from '../../../workers/webnav-env.worker';

export const webnavEnvWorker = workerClient<WebNavEnvWorkerApi>(
  () => new Worker(new URL('../../../workers/webnav-env.worker.ts', import.meta.url), { type: 'module', name: 'webnav-env' }),
  { name: 'environment worker' },
);
