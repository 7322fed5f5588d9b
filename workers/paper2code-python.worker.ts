/**
 * The page's sandbox for generated Python (host: `src/paper2code/sandbox-host.ts` via `ui/python-client.ts`).
 * Pyodide's runtime and standard library come from this app's `pyodide/` folder (copied from the npm package
 * at build time). The wasm heap is capped before Pyodide loads; the network is removed before any program
 * runs (packages are fetched through Pyodide's loader first, only when the user allows installs). No DOM
 * exists in a worker. The host terminates this worker on the time limit or a cancel.
 * Protocol: posts `ready`, then answers each `RunJob` with `out` messages and one `done`.
 */
import type { PyodideAPI } from 'pyodide';
import {
  DEFAULT_MEMORY_MB,
  PACKAGE_INDEX,
  capWasmMemory,
  executeJob,
  type RunJob,
  type SandboxMessage,
} from '../src/paper2code/python-core';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: SandboxMessage) => scope.postMessage(m);
const memoryMb = Number(/memory=(\d+)/.exec(scope.name)?.[1]) || DEFAULT_MEMORY_MB;

async function start(): Promise<PyodideAPI> {
  capWasmMemory(memoryMb * 2 ** 20);
  const indexURL = new URL('../pyodide/', import.meta.url).href;
  const mod = (await import(/* @vite-ignore */ `${indexURL}pyodide.mjs`)) as typeof import('pyodide');
  return mod.loadPyodide({ indexURL, packageBaseUrl: PACKAGE_INDEX(mod.version), stdout: () => {}, stderr: () => {} });
}

const state = { networkBlocked: false };
const loading = start();
let queue: Promise<void> = Promise.resolve();
scope.addEventListener('message', (ev: MessageEvent<RunJob>) => {
  queue = queue.then(async () => {
    try {
      await executeJob(await loading, ev.data, post, state);
    } catch (e) {
      post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
    }
  });
});
loading.then(
  () => post({ type: 'ready' }),
  (e) => post({ type: 'fatal', message: `Python (Pyodide) did not load: ${e instanceof Error ? e.message : String(e)}` }),
);
