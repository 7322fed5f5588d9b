/**
 * The message protocol between a sandbox host (`sandbox.ts`, on the page's or Node's main thread) and its
 * worker (`workers/affordance-sandbox.worker.ts` or `node-sandbox-entry.ts`, both running `quickjs-engine.ts`),
 * plus the small pieces both sides share: the source wrapper, error locations, and `checkResponse`, the host's
 * own validation of every message a worker posts (it trusts nothing it did not check itself).
 *
 * Example (host side):
 *   const res = checkResponse(message, request);   // a SandboxResponse with re-validated actions, or a crash error
 */
import {
  ENTRY_NAME,
  PROGRAM_FILE,
  checkActions,
  type RunResult,
  type SandboxError,
  type SandboxErrorKind,
  type ScreenWithUtterance,
} from './program';

/** The program source wrapped so it compiles to its `affordances` function (line numbers unchanged). */
const WRAP_PREFIX = '(function () { "use strict"; ';

export function wrapSource(source: string): string {
  return `${WRAP_PREFIX}${source}\n;return typeof ${ENTRY_NAME} === 'function' ? ${ENTRY_NAME} : undefined; })()`;
}

export const MISSING_ENTRY: SandboxError = {
  kind: 'syntax',
  message: `the program must define function ${ENTRY_NAME}(screen, utterance, lib)`,
};

/** Finds the first `affordance.js:LINE:COL` (or `affordance.js:LINE`) in a stack trace. */
export function locate(stack: string): { line?: number; column?: number } {
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

export interface SandboxRequest {
  id: number;
  source: string;
  screens: ScreenWithUtterance[];
  /** Per-screen limit; the engine interrupts the program itself, the host's watchdog kills the worker later. */
  timeLimitMs: number;
}

export interface SandboxResponse {
  id: number;
  /** The engine itself failed (it could not load, or a wasm trap): the host restarts the worker. */
  fatal?: string;
  /** Set when the program did not compile: then `results` is empty. */
  compileError?: SandboxError;
  results: RunResult[];
}

const KINDS: readonly SandboxErrorKind[] = ['syntax', 'runtime', 'denied', 'timeout', 'memory', 'output', 'crash'];

function checkError(e: unknown): SandboxError {
  if (!e || typeof e !== 'object') throw new Error('an error without fields');
  const { kind, message, line, column } = e as Record<string, unknown>;
  if (typeof kind !== 'string' || !KINDS.includes(kind as SandboxErrorKind) || typeof message !== 'string')
    throw new Error('an error without kind or message');
  const pos = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  const out: SandboxError = { kind: kind as SandboxErrorKind, message: message.slice(0, 2000) };
  if (pos(line)) out.line = pos(line);
  if (pos(line) && pos(column)) out.column = pos(column);
  return out;
}

/**
 * Validates a worker's message against the request it answers: the right id, one result per screen, every
 * action re-checked on its screen. Anything else is a crash (the caller then restarts the worker).
 */
export function checkResponse(m: unknown, req: Pick<SandboxRequest, 'id' | 'screens'>): SandboxResponse | SandboxError {
  try {
    if (!m || typeof m !== 'object') throw new Error(`a ${m === null ? 'null' : typeof m} message`);
    const { id, compileError, results, fatal } = m as Record<string, unknown>;
    if (id === req.id && typeof fatal === 'string') return { kind: 'crash', message: `the sandbox engine failed: ${fatal.slice(0, 500)}` };
    if (id !== req.id) throw new Error(`an answer to request ${String(id).slice(0, 20)}, not ${req.id}`);
    if (compileError !== undefined) return { id: req.id, compileError: checkError(compileError), results: [] };
    if (!Array.isArray(results) || results.length !== req.screens.length) throw new Error('a wrong number of results');
    return {
      id: req.id,
      results: results.map((r: unknown, i): RunResult => {
        if (!r || typeof r !== 'object') throw new Error(`result ${i} is not an object`);
        const o = r as Record<string, unknown>;
        if (o.ok !== true) return { ok: false, error: checkError(o.error) };
        const s = req.screens[i];
        return { ok: true, actions: checkActions(o.actions, s.width, s.height), ms: typeof o.ms === 'number' && o.ms >= 0 ? o.ms : 0 };
      }),
    };
  } catch (e) {
    return {
      kind: 'crash',
      message: `the sandbox worker sent an invalid answer (${e instanceof Error ? e.message : String(e)}) and was restarted`,
    };
  }
}
