/**
 * The one sandbox interface for affordance programs, with a watchdog host shared by both runtimes:
 * the page starts `workers/affordance-sandbox.worker.ts` (`browserSandbox()`), Node starts a worker_thread
 * (`nodeSandbox()` in `node-sandbox.ts`); both run every program in a fresh QuickJS (WebAssembly) runtime
 * (`quickjs-engine.ts`) with memory and time limits. The host sends a program and screens, validates every
 * answer itself (`checkResponse`), and terminates the worker when it overruns its time limit (a host-side
 * perception call that runs long), dies, or answers garbage; the next call starts a fresh worker.
 *
 * Example:
 *   const sandbox = browserSandbox();
 *   const [r] = await sandbox.run(program.source, [{ ...obs }]);
 *   if (!r.ok) console.log(formatSandboxError(r.error)); // "timeout error: the program ran past its 500 ms limit …"
 */
import type { RunResult, SandboxError, ScreenWithUtterance } from './program';
import { precheckSource } from './program';
import { checkResponse, type SandboxRequest, type SandboxResponse } from './sandbox-core';

export interface AffordanceSandbox {
  /** Runs `source` on every screen; a compile error, timeout or crash fails every screen with that error. */
  run(source: string, screens: ScreenWithUtterance[]): Promise<RunResult[]>;
  dispose(): void;
}

export interface SandboxLimits {
  /** Time limit per screen; the worker is terminated when a request overruns screens × this. */
  timeLimitMs: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { timeLimitMs: 500 };

/** A started worker as the watchdog sees it; `browserSandbox` and `nodeSandbox` adapt their worker to it. */
export interface SandboxEndpoint {
  post(req: SandboxRequest): void;
  /** Resolves when the worker has loaded its engine (or failed to: then it answers `fatal`) and listens. */
  ready: Promise<void>;
  /** Every message the worker posts, unchecked: the watchdog validates it against its request. */
  onResponse(cb: (message: unknown) => void): void;
  /** The worker died (uncaught error, out of memory, exited). */
  onCrash(cb: (error: SandboxError) => void): void;
  terminate(): void;
}

/** Serialises requests to one worker and restarts it after a timeout or a crash. */
export class WatchdogSandbox implements AffordanceSandbox {
  private endpoint: SandboxEndpoint | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private pending: ((message: unknown) => void) | undefined;
  private crashed: ((error: SandboxError) => void) | undefined;
  /** How many workers were started (tests check a timeout restarts one). */
  starts = 0;

  constructor(
    private readonly start: () => SandboxEndpoint,
    readonly limits: SandboxLimits = DEFAULT_LIMITS,
  ) {}

  run(source: string, screens: ScreenWithUtterance[]): Promise<RunResult[]> {
    const pre = precheckSource(source);
    if (pre) return Promise.resolve(screens.map(() => ({ ok: false as const, error: pre })));
    if (screens.length === 0) return Promise.resolve([]);
    const job = this.queue.then(() => this.runNow(source, screens));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private ensure(): SandboxEndpoint {
    if (!this.endpoint) {
      const ep = this.start();
      this.starts++;
      ep.onResponse((m) => this.pending?.(m));
      ep.onCrash((err) => {
        if (this.endpoint === ep) this.endpoint = undefined;
        this.crashed?.(err);
      });
      this.endpoint = ep;
    }
    return this.endpoint;
  }

  private async runNow(source: string, screens: ScreenWithUtterance[]): Promise<RunResult[]> {
    const ep = this.ensure();
    await ep.ready;
    const id = this.nextId++;
    // A little grace over the per-screen limit, so the engine's own interrupt reports first.
    const budget = this.limits.timeLimitMs * screens.length;
    const answer = await new Promise<SandboxResponse | SandboxError>((resolve) => {
      const timer = setTimeout(() => {
        resolve({
          kind: 'timeout',
          message: `the program ran past its ${budget} ms limit (${screens.length} screen${screens.length > 1 ? 's' : ''} × ${this.limits.timeLimitMs} ms) and was stopped; an infinite loop?`,
        });
      }, budget + 200);
      const finish = (res: SandboxResponse | SandboxError) => {
        clearTimeout(timer);
        resolve(res);
      };
      this.pending = (m) => finish(checkResponse(m, { id, screens }));
      this.crashed = finish;
      ep.post({ id, source, screens, timeLimitMs: this.limits.timeLimitMs });
    });
    this.pending = undefined;
    this.crashed = undefined;
    if (!('id' in answer)) {
      // Timeout, crash or an invalid answer: kill the worker, the next run starts a fresh one.
      this.kill();
      return screens.map(() => ({ ok: false as const, error: answer }));
    }
    if (answer.compileError) return screens.map(() => ({ ok: false as const, error: answer.compileError! }));
    return answer.results;
  }

  private kill(): void {
    this.endpoint?.terminate();
    this.endpoint = undefined;
  }

  dispose(): void {
    this.kill();
  }
}

/** The page's sandbox: a dedicated module worker that runs programs in QuickJS. */
export function browserSandbox(limits: SandboxLimits = DEFAULT_LIMITS): AffordanceSandbox {
  return new WatchdogSandbox(() => {
    const worker = new Worker(new URL('../../../workers/affordance-sandbox.worker.ts', import.meta.url), {
      type: 'module',
      name: 'affordance-sandbox',
    });
    let onResponse: (message: unknown) => void = () => {};
    let onCrash: (e: SandboxError) => void = () => {};
    let readyResolve = () => {};
    const ready = new Promise<void>((r) => (readyResolve = r));
    worker.addEventListener('message', (ev: MessageEvent) => {
      if (ev.data === 'ready') readyResolve();
      else onResponse(ev.data);
    });
    worker.addEventListener('error', (ev: ErrorEvent) => {
      ev.preventDefault();
      readyResolve();
      onCrash({ kind: 'crash', message: `the sandbox worker died: ${ev.message || 'unknown error (out of memory?)'}` });
    });
    return {
      ready,
      post: (req) => worker.postMessage(req),
      onResponse: (cb) => (onResponse = cb),
      onCrash: (cb) => (onCrash = cb),
      terminate: () => worker.terminate(),
    };
  }, limits);
}
