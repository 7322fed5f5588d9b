/**
 * The host side of the Python sandbox: starts a sandbox process (a module worker in the page, a child process
 * in Node) through `spawn`, sends a job, streams its output (capped), and terminates it when the time limit
 * passes or the run is cancelled — the only way to stop a program that loops forever. A sandbox that
 * finished cleanly is kept warm for the next run (Pyodide takes seconds to load); one that was killed is not.
 *
 * Example:
 *   const sandbox = new SandboxHost(() => workerChannel());
 *   const r = await sandbox.run({ files, entry: 'main.py', allowInstall: false }, { timeoutMs: 30_000 });
 */
import type { RunJob, SandboxMessage } from './python-core';
import type { RunResult } from './types';

export interface SandboxChannel {
  send(job: RunJob): void;
  onMessage(listener: (m: SandboxMessage) => void): void;
  /** The process died (crash, out of memory outside the cap). */
  onExit(listener: (reason: string) => void): void;
  kill(): void;
}

export interface RunOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
  /** Load time of a fresh sandbox is not counted against the time limit up to this many ms. */
  loadTimeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_OUTPUT_CHARS = 1_000_000;

export class SandboxHost {
  private channel?: SandboxChannel;
  private ready?: Promise<void>;
  private listener?: (m: SandboxMessage) => void;
  private exitListener?: (reason: string) => void;

  constructor(private readonly spawn: () => SandboxChannel) {}

  private start(loadTimeoutMs: number): Promise<void> {
    const channel = this.spawn();
    this.channel = channel;
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The Python runtime did not load within ${Math.round(loadTimeoutMs / 1000)} s`)),
        loadTimeoutMs,
      );
      channel.onMessage((m) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (m.type === 'fatal' && !this.listener) {
          clearTimeout(timer);
          reject(new Error(m.message));
        } else this.listener?.(m);
      });
      channel.onExit((reason) => {
        clearTimeout(timer);
        if (this.channel === channel) this.channel = undefined;
        reject(new Error(reason));
        this.exitListener?.(reason);
      });
    });
    this.ready.catch(() => this.dispose());
    return this.ready;
  }

  dispose(): void {
    this.channel?.kill();
    this.channel = undefined;
    this.ready = undefined;
  }

  async run(job: RunJob, opts: RunOptions = {}): Promise<RunResult> {
    // A sandbox that let the network in for installs has since locked it; installs need a fresh one.
    if (job.allowInstall) this.dispose();
    if (!this.channel || !this.ready) await this.start(opts.loadTimeoutMs ?? 120_000);
    else await this.ready;
    const channel = this.channel!;
    const out = { stdout: '', stderr: '' };
    const append = (stream: 'stdout' | 'stderr', text: string) => {
      const room = MAX_OUTPUT_CHARS - out[stream].length;
      if (room <= 0) return;
      const piece = text.length > room ? `${text.slice(0, room)}\n[output cut at ${MAX_OUTPUT_CHARS} characters]\n` : text;
      out[stream] += piece;
      opts.onOutput?.(stream, piece);
    };
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<RunResult>((resolve) => {
      let settled = false;
      const finish = (r: Omit<RunResult, 'stdout' | 'stderr'>, kill: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        this.listener = undefined;
        this.exitListener = undefined;
        if (kill) this.dispose();
        resolve({ ...r, stdout: out.stdout, stderr: out.stderr });
      };
      const timer = setTimeout(
        () =>
          finish(
            {
              ok: false,
              exitCode: 124,
              timedOut: true,
              error: `Stopped after ${timeoutMs / 1000} s: the program ran past the time limit (an endless loop?)`,
            },
            true,
          ),
        timeoutMs,
      );
      const onAbort = () => finish({ ok: false, exitCode: 130, timedOut: false, error: 'Cancelled' }, true);
      if (opts.signal?.aborted) return onAbort();
      opts.signal?.addEventListener('abort', onAbort);
      this.listener = (m) => {
        if (m.type === 'out') append(m.stream, m.text);
        else if (m.type === 'done')
          finish(
            { ok: m.exitCode === 0 && !m.error, exitCode: m.exitCode, timedOut: false, ...(m.error ? { error: m.error } : {}) },
            false,
          );
        else if (m.type === 'fatal') finish({ ok: false, exitCode: 1, timedOut: false, error: `The sandbox failed: ${m.message}` }, true);
      };
      this.exitListener = (reason) => finish({ ok: false, exitCode: 137, timedOut: false, error: `The sandbox stopped: ${reason}` }, false);
      channel.send(job);
    });
  }
}
