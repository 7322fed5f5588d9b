/**
 * The page's handles on the paper → code workers, created on first use: the input worker (PDF, LaTeX,
 * Markdown; comlink) and the code sandboxes (Python in Pyodide, JavaScript in QuickJS; a module worker each, terminated on the
 * time limit).
 *
 * Example:
 *   const { paper } = await inputWorker().paperFromFile(file.name, bytes);
 *   const r = await sandbox('python').run({ files, entry: 'main.py', allowInstall: false }, { timeoutMs: 30_000 });
 */
import { workerClient } from '../../worker/client';
import type { InputWorkerApi } from '../../../workers/paper2code-input.worker';
import type { RunJob, SandboxMessage } from '../python-core';
import { SandboxHost, type SandboxChannel } from '../sandbox-host';

/** The input worker, through the app's one worker client (a crash rejects pending calls; the next call restarts it). */
export const inputWorker = workerClient<InputWorkerApi>(
  () => new Worker(new URL('../../../workers/paper2code-input.worker.ts', import.meta.url), { type: 'module', name: 'paper2code-input' }),
  { name: 'paper → code input worker' },
);

function workerChannel(language: 'python' | 'javascript', memoryMb: number): SandboxChannel {
  const worker =
    language === 'python'
      ? new Worker(new URL('../../../workers/paper2code-python.worker.ts', import.meta.url), {
          type: 'module',
          name: `paper2code-python memory=${memoryMb}`,
        })
      : new Worker(new URL('../../../workers/paper2code-js.worker.ts', import.meta.url), { type: 'module', name: 'paper2code-js' });
  return {
    send: (job: RunJob) => worker.postMessage(job),
    onMessage: (listener) => worker.addEventListener('message', (e: MessageEvent<SandboxMessage>) => listener(e.data)),
    onExit: (listener) =>
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        listener(`the ${language === 'python' ? 'Python' : 'JavaScript'} worker failed: ${e.message || 'it could not start'}`);
      }),
    kill: () => worker.terminate(),
  };
}

const sandboxes = new Map<string, SandboxHost>();

/** One warm sandbox per language and memory limit. */
export function sandbox(language: 'python' | 'javascript', memoryMb = 1024): SandboxHost {
  const key = `${language}:${memoryMb}`;
  let s = sandboxes.get(key);
  if (!s) sandboxes.set(key, (s = new SandboxHost(() => workerChannel(language, memoryMb))));
  return s;
}
