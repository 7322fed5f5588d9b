/**
 * Main-thread handle on the language worker (parse, check, import; see lang-api.ts), created on first use
 * through the app's one worker client: a crash rejects pending calls and the next call starts a fresh worker.
 *
 * Example:
 *   const { diagnostics } = await langWorker().analyse(text);
 */
import { workerClient } from '../../worker/client';
import type { LangApi } from './lang-api';

export const langWorker = workerClient<LangApi>(
  () => new Worker(new URL('../../../workers/workflow-lang.worker.ts', import.meta.url), { type: 'module', name: 'workflow-lang' }),
  { name: 'workflow language worker' },
);
