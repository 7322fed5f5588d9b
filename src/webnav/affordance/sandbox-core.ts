/**
 * What runs INSIDE a sandbox host (the browser worker `workers/affordance-sandbox.worker.ts` or the Node
 * worker_thread `node-sandbox-entry.ts`): removing denied globals, and turning what a program threw or
 * returned into a `RunResult` with a source location. Hosts differ only in how they compile and time out.
 *
 * Example (inside a host, after capturing its own messaging functions):
 *   lockdown(globalThis);
 *   const r = runProgram(() => fn(screen, utterance, lib), performance.now); // { ok, actions | error }
 */
import {
  DENIED_GLOBALS,
  ENTRY_NAME,
  PROGRAM_FILE,
  checkActions,
  deniedMessage,
  type RunResult,
  type SandboxError,
  type Screen,
  type ScreenWithUtterance,
} from './program';

export class SandboxDenied extends Error {
  override name = 'SandboxDenied';
}

/** The program source wrapped so it compiles to its `affordances` function (line numbers unchanged). */
const WRAP_PREFIX = '(function () { "use strict"; ';

export function wrapSource(source: string): string {
  return `${WRAP_PREFIX}${source}\n;return typeof ${ENTRY_NAME} === 'function' ? ${ENTRY_NAME} : undefined; })()`;
}

export const MISSING_ENTRY: SandboxError = {
  kind: 'syntax',
  message: `the program must define function ${ENTRY_NAME}(screen, utterance, lib)`,
};

/**
 * Removes every denied global from `g` and its prototype chain, then installs a getter that throws a
 * clear `SandboxDenied` error, so `fetch(...)`, `document.body` or `typeof indexedDB` all stop the program.
 */
export function lockdown(g: object): void {
  for (const name of Object.keys(DENIED_GLOBALS)) {
    let o: object | null = g;
    while (o && o !== Object.prototype) {
      const d = Object.getOwnPropertyDescriptor(o, name);
      if (d?.configurable) delete (o as Record<string, unknown>)[name];
      o = Object.getPrototypeOf(o) as object | null;
    }
    const deny = () => {
      throw new SandboxDenied(deniedMessage(name).replace(/^SandboxDenied: /, ''));
    };
    try {
      Object.defineProperty(g, name, { get: deny, set: deny, configurable: false, enumerable: false });
    } catch {
      // A non-configurable own property we could not delete: left as is (none among the denied names in V8).
    }
  }
}

/** Errors from a `node:vm` context are not `instanceof Error` here (another realm), so read them by shape. */
function fields(e: unknown): { name: string; message: string; stack: string; code?: string } | undefined {
  if (!e || typeof e !== 'object' || !('message' in e)) return undefined;
  const o = e as { name?: unknown; message?: unknown; stack?: unknown; code?: unknown };
  return {
    name: String(o.name ?? 'Error'),
    message: String(o.message),
    stack: String(o.stack ?? ''),
    code: typeof o.code === 'string' ? o.code : undefined,
  };
}

/** Finds `affordance.js:LINE:COL` (or Node's `affordance.js:LINE` syntax header) in an error's stack. */
export function locate(e: unknown): { line?: number; column?: number } {
  const stack = fields(e)?.stack ?? '';
  const esc = PROGRAM_FILE.replace('.', '\\.');
  const m = new RegExp(`${esc}:(\\d+):(\\d+)`).exec(stack) ?? new RegExp(`${esc}:(\\d+)`).exec(stack);
  if (!m) return {};
  const line = Number(m[1]);
  let column = m[2] ? Number(m[2]) : undefined;
  // Line 1 carries the wrapper's prefix (see wrapSource).
  if (line === 1 && column !== undefined) column = Math.max(1, column - WRAP_PREFIX.length);
  return { line, column };
}

export function timeoutError(limitMs: number): SandboxError {
  return { kind: 'timeout', message: `the program ran past its ${limitMs} ms limit and was stopped; an infinite loop?` };
}

export function errorFrom(e: unknown, kind: 'syntax' | 'runtime' = 'runtime', limitMs = 0): SandboxError {
  const f = fields(e);
  if (!f) return { kind, message: `thrown value: ${String(e)}` };
  if (f.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return timeoutError(limitMs);
  const message = `${f.name}: ${f.message}`;
  const denied = f.name === 'SandboxDenied' || /SandboxDenied/.test(message);
  const syntax = kind === 'syntax' || f.name === 'SyntaxError';
  return { kind: denied ? 'denied' : syntax ? 'syntax' : 'runtime', message, ...locate(e) };
}

/** Calls the compiled program once and validates what it returned. */
export function runProgram(call: () => unknown, screen: Screen, now: () => number, limitMs = 0): RunResult {
  const t0 = now();
  let value: unknown;
  try {
    value = call();
  } catch (e) {
    return { ok: false, error: errorFrom(e, 'runtime', limitMs) };
  }
  try {
    return { ok: true, actions: checkActions(value, screen.width, screen.height), ms: now() - t0 };
  } catch (e) {
    return { ok: false, error: { kind: 'output', message: e instanceof Error ? e.message : String(e) } };
  }
}

/** The message protocol between a host and its sandbox (the same in the browser and in Node). */
export interface SandboxRequest {
  id: number;
  source: string;
  screens: ScreenWithUtterance[];
  /** Per-screen limit; the Node host also interrupts inside the worker (vm timeout) before the watchdog fires. */
  timeLimitMs: number;
}

export interface SandboxResponse {
  id: number;
  /** Set when the program did not compile: then `results` is empty. */
  compileError?: SandboxError;
  results: RunResult[];
}
