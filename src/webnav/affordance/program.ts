/**
 * The affordance program format (CoGA's "implicit intent-completion function"): JavaScript source that
 * defines `function affordances(screen, utterance, lib)` and returns the few actions worth trying.
 * `screen` is `{ pixels, width, height }` (RGBA 160×210), `lib` is the perception library plus action
 * helpers (see `lib.ts`). Programs run only inside a sandbox (`sandbox.ts`): no DOM, network or storage.
 *
 * Example:
 *   const program: AffordanceProgram = {
 *     name: 'click-matching-text', family: 'click', origin: 'user',
 *     source: `function affordances(screen, utterance, lib) {
 *       return lib.textBoxes(screen).filter((b) => lib.mentions(utterance, b.text)).map((b) => lib.clickBox(b));
 *     }`,
 *   };
 *   checkActions([{ type: 'click', x: 10, y: 60 }]); // → the same list, validated
 */
import { KEY_NAMES, MAX_MACRO_LENGTH, MAX_SCROLL, SCREEN_HEIGHT, SCREEN_WIDTH, type Action, type PrimitiveAction } from '../env/types';

/** The name every program defines; the sandbox calls it. */
export const ENTRY_NAME = 'affordances';
/** The file name in error locations (`affordance.js:3:7`). */
export const PROGRAM_FILE = 'affordance.js';
/** Output bound: a program that returns more is rejected (it is not an affordance set any more). */
export const MAX_ACTIONS = 64;
export const MAX_TEXT_LENGTH = 64;
/** Source size bound, so a pasted blob cannot exhaust the sandbox before it even runs. */
export const MAX_SOURCE_LENGTH = 20_000;

export type ProgramOrigin = 'synthesiser' | 'llm' | 'user';

export interface AffordanceProgram {
  name: string;
  /** Task family the program is meant for, e.g. 'click' (click-button, click-link, click-tab …). */
  family: string;
  origin: ProgramOrigin;
  source: string;
}

/** What the sandbox reports when a program fails; `kind` says which rule it broke. */
export type SandboxErrorKind = 'syntax' | 'runtime' | 'denied' | 'timeout' | 'memory' | 'output' | 'crash';

export interface SandboxError {
  kind: SandboxErrorKind;
  message: string;
  /** 1-based location in the program source, when known. */
  line?: number;
  column?: number;
}

export type RunResult = { ok: true; actions: Action[]; ms: number } | { ok: false; error: SandboxError };

/** A screen as the program sees it (no utterance: that is the second argument). */
export interface Screen {
  pixels: Uint8ClampedArray;
  width: number;
  height: number;
}

export interface ScreenWithUtterance extends Screen {
  utterance: string;
}

/**
 * Host globals a program may reach for. The QuickJS engine has none of them (only the ECMAScript built-ins);
 * each name is a getter there that records the attempt on the host side and throws, so the run fails as
 * `SandboxDenied: <name> is not available in the affordance sandbox (…)` even if the program catches it.
 */
export const DENIED_GLOBALS: Record<string, string> = {
  fetch: 'no network',
  XMLHttpRequest: 'no network',
  WebSocket: 'no network',
  WebSocketStream: 'no network',
  WebTransport: 'no network',
  EventSource: 'no network',
  RTCPeerConnection: 'no network',
  Request: 'no network',
  Response: 'no network',
  importScripts: 'no loading code',
  Worker: 'no new threads',
  SharedWorker: 'no new threads',
  indexedDB: 'no storage',
  caches: 'no storage',
  localStorage: 'no storage',
  sessionStorage: 'no storage',
  navigator: 'no storage or device access',
  document: 'no DOM',
  window: 'no DOM',
  parent: 'no DOM',
  top: 'no DOM',
  postMessage: 'no messaging',
  BroadcastChannel: 'no messaging',
  MessageChannel: 'no messaging',
  addEventListener: 'no messaging',
  onmessage: 'no messaging',
  close: 'the sandbox controls its own lifetime',
  setTimeout: 'programs are synchronous',
  setInterval: 'programs are synchronous',
  queueMicrotask: 'programs are synchronous',
  process: 'no host access',
  require: 'no loading code',
  WebAssembly: 'no compiled code',
  FontFace: 'no network',
  fonts: 'no network',
  OffscreenCanvas: 'no drawing',
  Notification: 'no device access',
  scheduler: 'programs are synchronous',
  setImmediate: 'programs are synchronous',
  AbortSignal: 'programs are synchronous',
  MessagePort: 'no messaging',
  self: 'no host access',
};

export function deniedMessage(name: string): string {
  return `SandboxDenied: ${name} is not available in the affordance sandbox (${DENIED_GLOBALS[name] ?? 'denied'})`;
}

/** Static checks done before compiling: syntax the runtime cannot take away (module loading). */
export function precheckSource(source: string): SandboxError | undefined {
  if (source.length > MAX_SOURCE_LENGTH) {
    return { kind: 'output', message: `the program is ${source.length} characters; the limit is ${MAX_SOURCE_LENGTH}` };
  }
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /\bimport\s*\(|^\s*import\s|\bimport\.meta\b/.exec(lines[i]);
    if (m) {
      return {
        kind: 'denied',
        message: `SandboxDenied: import is not available in the affordance sandbox (no loading code) at line ${i + 1}`,
        line: i + 1,
        column: m.index + 1,
      };
    }
  }
  return undefined;
}

/** Validates a program's return value into actions; throws a readable message on anything else. */
export function checkActions(value: unknown, width = SCREEN_WIDTH, height = SCREEN_HEIGHT): Action[] {
  if (value && typeof (value as { then?: unknown }).then === 'function') {
    throw new Error('the program returned a Promise; affordances() must return an array synchronously');
  }
  if (!Array.isArray(value)) throw new Error(`affordances() must return an array of actions, got ${describe(value)}`);
  if (value.length > MAX_ACTIONS) {
    throw new Error(`affordances() returned ${value.length} actions; the limit is ${MAX_ACTIONS} (an affordance set is small)`);
  }
  const out: Action[] = [];
  const seen = new Set<string>();
  value.forEach((a: unknown, i: number) => {
    const where = `action ${i}`;
    if (!a || typeof a !== 'object') throw new Error(`${where}: expected an object like {type:'click', x, y}, got ${describe(a)}`);
    let action: Action;
    if ((a as Record<string, unknown>).type === 'macro') {
      const parts = (a as Record<string, unknown>).actions;
      if (!Array.isArray(parts) || parts.length < 1 || parts.length > MAX_MACRO_LENGTH) {
        throw new Error(
          `${where}: a macro needs an array of 1–${MAX_MACRO_LENGTH} actions, got ${Array.isArray(parts) ? `${parts.length}` : describe(parts)}`,
        );
      }
      action = { type: 'macro', actions: parts.map((p: unknown, j: number) => checkPrimitive(p, `${where}, step ${j}`, width, height)) };
    } else action = checkPrimitive(a, where, width, height);
    const k = actionKey(action);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(action);
    }
  });
  return out;
}

function checkPoint(
  o: Record<string, unknown>,
  xName: string,
  yName: string,
  where: string,
  width: number,
  height: number,
): [number, number] {
  const x = o[xName];
  const y = o[yName];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
    throw new Error(`${where} needs finite numbers ${xName} and ${yName}`);
  const rx = Math.round(x);
  const ry = Math.round(y);
  if (rx < 0 || ry < 0 || rx >= width || ry >= height) throw new Error(`${where} (${rx}, ${ry}) is outside the ${width}×${height} screen`);
  return [rx, ry];
}

/** One click, type, key or drag, checked field by field; only the known fields are copied. */
function checkPrimitive(a: unknown, where: string, width: number, height: number): PrimitiveAction {
  if (!a || typeof a !== 'object') throw new Error(`${where}: expected an object like {type:'click', x, y}, got ${describe(a)}`);
  const o = a as Record<string, unknown>;
  if (o.type === 'click') {
    const [x, y] = checkPoint(o, 'x', 'y', `${where}: click`, width, height);
    return { type: 'click', x, y };
  }
  if (o.type === 'drag') {
    const [x, y] = checkPoint(o, 'x', 'y', `${where}: drag start`, width, height);
    const [x2, y2] = checkPoint(o, 'x2', 'y2', `${where}: drag end`, width, height);
    return { type: 'drag', x, y, x2, y2 };
  }
  if (o.type === 'type') {
    if (typeof o.text !== 'string') throw new Error(`${where}: type needs a string text`);
    if (o.text.length > MAX_TEXT_LENGTH) throw new Error(`${where}: text longer than ${MAX_TEXT_LENGTH} characters`);
    return { type: 'type', text: o.text };
  }
  if (o.type === 'key') {
    if (typeof o.name !== 'string' || !(KEY_NAMES as readonly string[]).includes(o.name)) {
      throw new Error(`${where}: key needs one of ${KEY_NAMES.join(', ')}, got ${describe(o.name)}`);
    }
    return { type: 'key', name: o.name };
  }
  if (o.type === 'scroll') {
    const [x, y] = checkPoint(o, 'x', 'y', `${where}: scroll`, width, height);
    if (typeof o.dy !== 'number' || !Number.isInteger(o.dy) || o.dy === 0 || Math.abs(o.dy) > MAX_SCROLL)
      throw new Error(
        `${where}: scroll needs a whole dy from -${MAX_SCROLL} to ${MAX_SCROLL}, not 0, got ${typeof o.dy === 'number' ? o.dy : describe(o.dy)}`,
      );
    return { type: 'scroll', x, y, dy: o.dy };
  }
  if (o.type === 'macro') throw new Error(`${where}: macros cannot nest`);
  throw new Error(`${where}: unknown type ${describe(o.type)} (use 'click', 'type', 'key', 'drag', 'scroll' or 'macro')`);
}

export function actionKey(a: Action): string {
  switch (a.type) {
    case 'click':
      return `c${a.x},${a.y}`;
    case 'type':
      return `t${a.text}`;
    case 'key':
      return `k${a.name}`;
    case 'drag':
      return `d${a.x},${a.y},${a.x2},${a.y2}`;
    case 'scroll':
      return `s${a.x},${a.y},${a.dy}`;
    case 'macro':
      return `m[${a.actions.map(actionKey).join(';')}]`;
  }
}

export function describeAction(a: Action): string {
  switch (a.type) {
    case 'click':
      return `click(${a.x}, ${a.y})`;
    case 'type':
      return `type(${JSON.stringify(a.text)})`;
    case 'key':
      return `key(${a.name})`;
    case 'drag':
      return `drag(${a.x}, ${a.y} → ${a.x2}, ${a.y2})`;
    case 'scroll':
      return `scroll(${a.x}, ${a.y} by ${a.dy})`;
    case 'macro':
      return a.actions.map(describeAction).join(' then ');
  }
}

export function formatSandboxError(e: SandboxError): string {
  const where = e.line ? `${PROGRAM_FILE}:${e.line}:${e.column ?? 1}: ` : '';
  return `${where}${e.kind} error: ${e.message}`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 30));
  return typeof v;
}
