/**
 * The page's sandbox for generated JavaScript: QuickJS (WebAssembly) inside a module worker. The engine
 * enforces the memory and time limits; the host (`sandbox-host.ts`) also terminates this worker on the time
 * limit. Same protocol as the Python worker: `ready`, then `out` messages and one `done` per `RunJob`.
 */
import { getQuickJS, runJs } from '../src/paper2code/js-core';
import type { RunJob, SandboxMessage } from '../src/paper2code/python-core';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: SandboxMessage) => scope.postMessage(m);
const loading = getQuickJS();
let queue: Promise<void> = Promise.resolve();
scope.addEventListener('message', (ev: MessageEvent<RunJob>) => {
  const job = ev.data;
  queue = queue.then(async () => {
    try {
      await runJs(await loading, job, post, { timeoutMs: job.timeoutMs ?? 30_000, memoryMb: job.memoryMb });
    } catch (e) {
      post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
    }
  });
});
loading.then(
  () => post({ type: 'ready' }),
  (e) => post({ type: 'fatal', message: `QuickJS did not load: ${e instanceof Error ? e.message : String(e)}` }),
);
