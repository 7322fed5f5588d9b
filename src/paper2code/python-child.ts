/**
 * The Node sandbox process for `npm run paper2code -- run` and the tests: started by `node-sandbox.ts`
 * (`fork`), it loads Pyodide from node_modules under the memory cap, answers `ready`, then runs each job it is
 * sent over IPC with `executeJob`. It lives until its parent disconnects or kills it (time limit).
 */
import { loadPyodide } from 'pyodide';
import { DEFAULT_MEMORY_MB, capWasmMemory, executeJob, type RunJob, type SandboxMessage } from './python-core';

export async function main(): Promise<number> {
  const post = (m: SandboxMessage) => process.send?.(m);
  capWasmMemory((Number(process.env.P2C_MEMORY_MB) || DEFAULT_MEMORY_MB) * 2 ** 20);
  let py;
  try {
    py = await loadPyodide();
  } catch (e) {
    post({ type: 'fatal', message: `Pyodide did not load: ${e instanceof Error ? e.message : String(e)}` });
    return 1;
  }
  const state = { networkBlocked: false };
  let queue = Promise.resolve();
  process.on('message', (job: RunJob) => {
    queue = queue.then(async () => {
      try {
        await executeJob(py, job, post, state);
      } catch (e) {
        post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
      }
    });
  });
  post({ type: 'ready' });
  await new Promise<void>((resolve) => process.on('disconnect', () => resolve()));
  return 0;
}
