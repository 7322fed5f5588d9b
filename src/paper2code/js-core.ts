/**
 * Runs a generated JavaScript repository inside QuickJS (a WebAssembly engine): ES modules resolved among
 * the repository's files only, `console` as the only way out, no network, no DOM, no timers; a memory limit
 * and a time limit enforced by the engine itself (the host also terminates the worker as a backstop).
 * Errors are located as `file:line: Name: message` from QuickJS's stack.
 *
 * Example:
 *   await runJs(await getQuickJS(), { files: { 'main.js': 'console.log(1)' }, entry: 'main.js', allowInstall: false }, post, { timeoutMs: 5000 });
 */
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import {
  newQuickJSWASMModuleFromVariant,
  shouldInterruptAfterDeadline,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import type { RunJob, SandboxMessage } from './python-core';
import type { RunResult } from './types';

let engine: Promise<QuickJSWASMModule> | undefined;

/** The one QuickJS build this app ships (release, synchronous): ~0.5 MB of wasm. */
export function getQuickJS(): Promise<QuickJSWASMModule> {
  engine ??= newQuickJSWASMModuleFromVariant(RELEASE_SYNC);
  return engine;
}

export interface JsLimits {
  timeoutMs: number;
  memoryMb?: number;
}

/** Resolves `./x`, `../y/z.js` against the importing module; bare names (packages) are refused. */
export function resolveModule(files: Record<string, string>, base: string, requested: string): string {
  if (!requested.startsWith('.') && !requested.startsWith('/'))
    throw new Error(
      `Cannot import "${requested}" in ${base}: only the repository's own files can be imported (no packages in the JavaScript sandbox)`,
    );
  const parts = requested.startsWith('/') ? [] : base.split('/').slice(0, -1);
  for (const p of requested.split('/')) {
    if (!p || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  const path = parts.join('/');
  const found = [path, `${path}.js`, `${path}.mjs`, `${path}/index.js`].find((c) => c in files);
  if (!found) throw new Error(`Cannot find module "${requested}" imported in ${base}`);
  return found;
}

function describeError(
  ctx: QuickJSContext,
  handle: QuickJSHandle,
  files: Record<string, string>,
): { message: string; stack: string; where?: string } {
  const err = ctx.dump(handle) as { name?: string; message?: string; stack?: string } | string;
  if (typeof err !== 'object' || err === null) return { message: String(err), stack: '' };
  const message = `${err.name ?? 'Error'}: ${err.message ?? ''}`;
  const stack = err.stack ?? '';
  // QuickJS frames look like "    at f (model.js:12:5)" or "    at model.js:12".
  let where: string | undefined;
  for (const m of stack.matchAll(/\(?([\w./-]+\.m?js):(\d+)/g)) {
    if (m[1] in files) {
      where = `${m[1]}:${m[2]}`;
      break;
    }
  }
  return { message, stack, where };
}

export async function runJs(QuickJS: QuickJSWASMModule, job: RunJob, post: (m: SandboxMessage) => void, limits: JsLimits): Promise<void> {
  if (!(job.entry in job.files)) return post({ type: 'done', exitCode: 1, error: `The entry point ${job.entry} is not in the repository` });
  const runtime = QuickJS.newRuntime();
  let interrupted = false;
  const deadline = shouldInterruptAfterDeadline(Date.now() + limits.timeoutMs);
  runtime.setInterruptHandler((rt) => (interrupted = deadline(rt) === true));
  runtime.setMemoryLimit((limits.memoryMb ?? 256) * 2 ** 20);
  runtime.setMaxStackSize(1 << 20);
  // A resolution failure travels to the loader as the module name (QuickJS drops the normalizer's own error).
  const FAILED = 'p2c-unresolved:';
  runtime.setModuleLoader(
    (name) =>
      name.startsWith(FAILED)
        ? { error: new Error(name.slice(FAILED.length)) }
        : name in job.files
          ? job.files[name]
          : { error: new Error(`Cannot find module ${name}`) },
    (base, requested) => {
      try {
        return resolveModule(job.files, base, requested);
      } catch (e) {
        return FAILED + (e as Error).message;
      }
    },
  );
  const ctx = runtime.newContext();
  try {
    const consoleObj = ctx.newObject();
    for (const [method, stream] of [
      ['log', 'stdout'],
      ['info', 'stdout'],
      ['warn', 'stderr'],
      ['error', 'stderr'],
    ] as const) {
      const fn = ctx.newFunction(method, (...args) => {
        const text = args.map((a) => {
          const v = ctx.dump(a);
          return typeof v === 'string' ? v : JSON.stringify(v);
        });
        post({ type: 'out', stream, text: `${text.join(' ')}\n` });
      });
      ctx.setProp(consoleObj, method, fn);
      fn.dispose();
    }
    ctx.setProp(ctx.global, 'console', consoleObj);
    consoleObj.dispose();

    const fail = (handle: QuickJSHandle) => {
      const e = describeError(ctx, handle, job.files);
      handle.dispose();
      if (e.stack) post({ type: 'out', stream: 'stderr', text: `${e.message}\n${e.stack}\n` });
      if (interrupted)
        return post({
          type: 'done',
          exitCode: 124,
          error: `Stopped after ${limits.timeoutMs / 1000} s: the program ran past the time limit (an endless loop?)`,
        });
      post({ type: 'done', exitCode: 1, error: e.where ? `${e.where}: ${e.message}` : e.message });
    };
    const result = ctx.evalCode(job.files[job.entry], job.entry, { type: 'module' });
    if (result.error) return fail(result.error);
    // Top-level await and promise chains: run pending jobs, then look at the module's promise.
    const promise = result.value;
    for (;;) {
      const jobs = runtime.executePendingJobs();
      if (jobs.error) {
        promise.dispose();
        return fail(jobs.error);
      }
      if (jobs.value === 0) break;
    }
    const state = ctx.getPromiseState(promise);
    promise.dispose();
    if (state.type === 'rejected') return fail(state.error);
    if (state.type === 'pending')
      return post({
        type: 'done',
        exitCode: 1,
        error: 'The program is still waiting on a promise that never settles (no timers or network in the sandbox)',
      });
    // A module's promise settles to undefined, a static handle that needs no dispose.
    post({ type: 'done', exitCode: 0 });
  } finally {
    ctx.dispose();
    runtime.dispose();
  }
}

/** The whole run in this thread, for Node (command line, tests): QuickJS is the isolation boundary. */
export async function runJsHere(
  QuickJS: QuickJSWASMModule,
  job: RunJob,
  limits: JsLimits,
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void,
): Promise<RunResult> {
  const out = { stdout: '', stderr: '' };
  let done: Extract<SandboxMessage, { type: 'done' }> = { type: 'done', exitCode: 1, error: 'no result' };
  await runJs(
    QuickJS,
    job,
    (m) => {
      if (m.type === 'out') {
        out[m.stream] += m.text;
        onOutput?.(m.stream, m.text);
      } else if (m.type === 'done') done = m;
    },
    limits,
  );
  return {
    ok: done.exitCode === 0 && !done.error,
    exitCode: done.exitCode,
    timedOut: done.exitCode === 124,
    ...out,
    ...(done.error ? { error: done.error } : {}),
  };
}
