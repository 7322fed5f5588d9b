/**
 * The page's handles on the paper → code workers, created on first use: the input worker (PDF, LaTeX,
 * Markdown; comlink) and the Python sandbox (a module worker per sandbox, terminated on the time limit).
 *
 * Example:
 *   const { paper } = await inputWorker().paperFromFile(file.name, bytes);
 *   const r = await pythonSandbox().run({ files, entry: 'main.py', allowInstall: false }, { timeoutMs: 30_000 });
 */
import * as Comlink from 'comlink';
import type { InputWorkerApi } from '../../../workers/paper2code-input.worker';
import type { RunJob, SandboxMessage } from '../python-core';
import { PythonSandbox, type SandboxChannel } from '../python-host';

let input: Comlink.Remote<InputWorkerApi> | undefined;

export function inputWorker(): Comlink.Remote<InputWorkerApi> {
  if (!input) {
    const worker = new Worker(new URL('../../../workers/paper2code-input.worker.ts', import.meta.url), { type: 'module', name: 'paper2code-input' });
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      worker.terminate();
      input = undefined;
    });
    input = Comlink.wrap<InputWorkerApi>(worker);
  }
  return input;
}

function workerChannel(memoryMb: number): SandboxChannel {
  const worker = new Worker(new URL('../../../workers/paper2code-python.worker.ts', import.meta.url), { type: 'module', name: `paper2code-python memory=${memoryMb}` });
  return {
    send: (job: RunJob) => worker.postMessage(job),
    onMessage: (listener) => worker.addEventListener('message', (e: MessageEvent<SandboxMessage>) => listener(e.data)),
    onExit: (listener) =>
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        listener(`the Python worker failed: ${e.message || 'it could not start'}`);
      }),
    kill: () => worker.terminate(),
  };
}

const sandboxes = new Map<number, PythonSandbox>();

export function pythonSandbox(memoryMb = 1024): PythonSandbox {
  let s = sandboxes.get(memoryMb);
  if (!s) sandboxes.set(memoryMb, (s = new PythonSandbox(() => workerChannel(memoryMb))));
  return s;
}
