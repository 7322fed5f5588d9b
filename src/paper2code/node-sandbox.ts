/**
 * The Python sandbox in Node: a child process (`python-child.ts` through scripts/run-ts.mjs) per sandbox,
 * killed on the time limit. Used by the command line and the tests.
 *
 * Example:
 *   const sandbox = nodePythonSandbox();
 *   await sandbox.run({ files: { 'main.py': 'print(1)' }, entry: 'main.py', allowInstall: false });
 *   sandbox.dispose();
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SandboxHost, type SandboxChannel } from './sandbox-host';
import type { RunJob, SandboxMessage } from './python-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function nodePythonSandbox(opts: { memoryMb?: number } = {}): SandboxHost {
  return new SandboxHost((): SandboxChannel => {
    const child = fork(path.join(ROOT, 'scripts/run-ts.mjs'), ['src/paper2code/python-child.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, ...(opts.memoryMb ? { P2C_MEMORY_MB: String(opts.memoryMb) } : {}) },
    });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
    return {
      send: (job: RunJob) => child.send(job),
      onMessage: (listener) => child.on('message', (m) => listener(m as SandboxMessage)),
      onExit: (listener) =>
        child.on('exit', (code, signal) =>
          listener(`the Python process exited (${signal ?? `code ${code}`})${stderr ? `: ${stderr.trim()}` : ''}`),
        ),
      kill: () => {
        child.kill('SIGKILL');
      },
    };
  });
}
