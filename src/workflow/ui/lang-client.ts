/**
 * Main-thread handle on the language worker (parse, check, import; see lang-api.ts), created on first use.
 * A crashed worker is replaced on the next call.
 *
 * Example:
 *   const { diagnostics } = await langWorker().analyse(text);
 */
import * as Comlink from 'comlink';
import type { LangApi } from './lang-api';

let remote: Comlink.Remote<LangApi> | undefined;

export function langWorker(): Comlink.Remote<LangApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../../workers/workflow-lang.worker.ts', import.meta.url), {
      type: 'module',
      name: 'workflow-lang',
    });
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      worker.terminate();
      remote = undefined;
    });
    remote = Comlink.wrap<LangApi>(worker);
  }
  return remote;
}
