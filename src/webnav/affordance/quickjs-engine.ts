/**
 * The affordance sandbox's engine: every program runs in QuickJS compiled to WebAssembly (quickjs-emscripten),
 * in a FRESH runtime and context for every request (one program on its screens), with a memory limit, a
 * stack limit and an interrupt handler that stops it at its time limit. The program's realm has no host
 * object at all: the screen goes in as a copied ArrayBuffer, `lib` is a set of stubs that send their
 * arguments out as JSON text plus copied typed arrays to the perception library running outside, and the
 * answer comes back the same way. Whatever the program returns leaves as JSON text that this file parses and
 * validates (`checkActions`) in the host realm, which the program cannot reach. The same code runs in the
 * page's worker and in Node's worker_thread (each passes its own loaded `QuickJSWASMModule`).
 *
 * Example (inside a worker):
 *   const engine = new QuickJsEngine(await newQuickJSWASMModuleFromVariant(variant), makeAffordanceLib());
 *   engine.run({ id: 1, source, screens, timeLimitMs: 500 });   // → SandboxResponse
 */
import { newQuickJSWASMModuleFromVariant, newVariant } from 'quickjs-emscripten-core';
import type {
  CustomizeVariantOptions,
  QuickJSContext,
  QuickJSHandle,
  QuickJSSyncVariant,
  QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import {
  DENIED_GLOBALS,
  PROGRAM_FILE,
  checkActions,
  deniedMessage,
  type RunResult,
  type SandboxError,
  type ScreenWithUtterance,
} from './program';
import { MISSING_ENTRY, locate, timeoutError, wrapSource, type SandboxRequest, type SandboxResponse } from './sandbox-core';
import { PORTABLE_HELPERS } from './lib';

/** QuickJS's own heap limit for one program (objects, strings, arrays). */
export const SANDBOX_MEMORY_MB = 64;
/**
 * The whole engine's WebAssembly memory, a hard cap: QuickJS does not count ArrayBuffer contents against its
 * heap limit, so this is what stops `new ArrayBuffer` in a loop (the engine itself takes a few MB of it).
 */
export const ENGINE_MEMORY_MB = 128;
/** QuickJS's own stack limit: deep recursion ends in a catchable "stack overflow" well before the host's stack. */
export const SANDBOX_STACK_KB = 128;
/** A program's JSON answer longer than this is not an affordance set (64 actions fit in a few kB). */
export const MAX_OUTPUT_CHARS = 1 << 20;
/** Largest image (screen, template, mask) the perception library accepts from a program. */
const MAX_IMAGE_SIDE = 2048;

/** Typed arrays that may cross the boundary (both ways), by name. */
const TYPED = {
  Uint8ClampedArray,
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
} as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;

/**
 * Evaluated first in every fresh context; returns the internals the host calls. `hostCall` and `hostDeny` are
 * host functions passed as arguments, so they never appear on the global object. Everything the stubs use
 * is captured here before the program runs; a program that poisons its own built-ins only garbles the
 * data it sends out, which the host checks like any other input.
 */
const PRELUDE = `(function (hostCall, hostDeny, denied, libNames, libConstants, portable) {
  'use strict';
  const indirectEval = eval;
  const stringify = JSON.stringify, parse = JSON.parse, isView = ArrayBuffer.isView, tagOf = Object.prototype.toString;
  const call = Function.prototype.call, ErrorC = Error, freeze = Object.freeze, defineProperty = Object.defineProperty;
  const TYPED = { ${Object.keys(TYPED)
    .map((n) => `${n}: ${n}`)
    .join(', ')} };
  function encode(value) {
    const buffers = [];
    const json = stringify(value, function (key, v) {
      if (!isView(v)) return v;
      const t = call.call(tagOf, v).slice(8, -1);
      if (!TYPED[t]) return null;
      buffers.push(new TYPED[t](v).buffer);
      return { $typed: t, $i: buffers.length - 1 };
    });
    return [json === undefined ? 'null' : json, buffers];
  }
  function decode(json, buffers) {
    return parse(json, function (key, v) {
      return v && typeof v === 'object' && typeof v.$typed === 'string' ? new TYPED[v.$typed](buffers[v.$i]) : v;
    });
  }
  const lib = {};
  for (let i = 0; i < libNames.length; i++) {
    lib[libNames[i]] = function () {
      const e = encode(Array.prototype.slice.call(arguments));
      const out = hostCall(i, e[0], ...e[1]);
      return decode(out[0], out.slice(1));
    };
  }
  const sources = parse(portable);
  for (const k of Object.keys(sources)) lib[k] = indirectEval('(' + sources[k] + ')');
  const constants = parse(libConstants);
  for (const k of Object.keys(constants)) lib[k] = freeze(constants[k]);
  freeze(lib);
  for (const name of denied) {
    const deny = function () {
      const e = new ErrorC(name + ' is not available in the affordance sandbox');
      e.name = 'SandboxDenied';
      hostDeny(name, typeof e.stack === 'string' ? e.stack : '');
      throw e;
    };
    defineProperty(globalThis, name, { get: deny, set: deny, configurable: false, enumerable: false });
  }
  function text(v) { return typeof v === 'string' ? v.slice(0, 2000) : undefined; }
  return {
    screen: function (buffer, width, height) { return { pixels: new Uint8ClampedArray(buffer), width: width, height: height }; },
    run: function (fn, screen, utterance) {
      const v = fn(screen, utterance, lib);
      if (v instanceof Promise) return '{"$promise":true}';
      const json = stringify(v);
      return json === undefined ? 'null' : json;
    },
    describe: function (e) {
      try {
        if (e === null || (typeof e !== 'object' && typeof e !== 'function')) return stringify({ thrown: typeof e === 'symbol' ? 'a symbol' : '' + e });
        return stringify({ isError: e instanceof ErrorC, name: text(e.name), message: text(e.message), stack: text(e.stack) });
      } catch (_) { return '{}'; }
    },
  };
})`;

/** The perception library as the engine needs it: functions called with plain data, and constants. */
type HostLib = Record<string, unknown>;

/** Copies a QuickJS ArrayBuffer out of wasm memory. */
function copyOut(ctx: QuickJSContext, h: QuickJSHandle): ArrayBuffer {
  const view = ctx.getArrayBuffer(h);
  try {
    return view.value.slice().buffer as ArrayBuffer;
  } finally {
    view.dispose();
  }
}

/** Host-side JSON.parse with typed arrays restored from the copied buffers (type names from a fixed list). */
function decodeHost(json: string, buffers: ArrayBuffer[]): unknown {
  return JSON.parse(json, (_k, v: unknown) => {
    if (!v || typeof v !== 'object' || !('$typed' in v)) return v;
    const { $typed, $i } = v as { $typed: unknown; $i: unknown };
    if (typeof $typed !== 'string' || !Object.hasOwn(TYPED, $typed) || typeof $i !== 'number' || !buffers[$i]) return null;
    const C = TYPED[$typed as TypedName];
    const buf = buffers[$i];
    return buf.byteLength % C.BYTES_PER_ELEMENT === 0 ? new C(buf) : null;
  });
}

/** JSON text plus the typed arrays it refers to, for the stubs' `decode`. */
function encodeHost(value: unknown): { json: string; buffers: ArrayBuffer[] } {
  const buffers: ArrayBuffer[] = [];
  const json = JSON.stringify(value, (_k, v: unknown) => {
    if (!ArrayBuffer.isView(v)) return v;
    const name = Object.prototype.toString.call(v).slice(8, -1);
    if (!Object.hasOwn(TYPED, name)) return null;
    const t = v as Typed;
    buffers.push(t.buffer.slice(t.byteOffset, t.byteOffset + t.byteLength) as ArrayBuffer);
    return { $typed: name, $i: buffers.length - 1 };
  });
  return { json: json ?? 'null', buffers };
}

/** Screens, templates and masks from a program must be consistent before the perception library loops over them. */
function checkImages(args: unknown[], fn: string): void {
  const side = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_IMAGE_SIDE;
  for (const [i, a] of args.entries()) {
    if (!a || typeof a !== 'object') continue;
    const o = a as { pixels?: unknown; data?: unknown; width?: unknown; height?: unknown };
    const data = 'pixels' in o ? o.pixels : 'data' in o && 'width' in o ? o.data : undefined;
    if (data === undefined) continue;
    const channels = 'pixels' in o ? 4 : 1;
    if (!side(o.width) || !side(o.height))
      throw new TypeError(`lib.${fn}: argument ${i + 1} needs integer width and height in 0…${MAX_IMAGE_SIDE}`);
    const n = (o.width as number) * (o.height as number) * channels;
    if (!ArrayBuffer.isView(data) || (data as Typed).length !== n) {
      throw new TypeError(
        `lib.${fn}: argument ${i + 1} needs ${'pixels' in o ? 'pixels' : 'data'} of ${n} values (${o.width}×${o.height}${channels === 4 ? '×4' : ''})`,
      );
    }
  }
}

/** What the host functions and the interrupt handler record during a call (the program cannot touch it). */
interface RunState {
  deadline: number;
  interrupted: boolean;
  denial?: SandboxError;
}

interface ReadError {
  isError?: boolean;
  name?: string;
  message?: string;
  stack?: string;
  thrown?: string;
}

export class QuickJsEngine {
  private readonly libNames: string[];
  private readonly libConstants: string;
  /** Source of the PORTABLE_HELPERS, run inside the engine. */
  private readonly portable: string;

  constructor(
    private readonly module: QuickJSWASMModule,
    private readonly lib: HostLib,
    readonly memoryMb = SANDBOX_MEMORY_MB,
  ) {
    const inline = new Set<string>(PORTABLE_HELPERS.filter((k) => typeof lib[k] === 'function'));
    this.libNames = Object.keys(lib).filter((k) => typeof lib[k] === 'function' && !inline.has(k));
    this.portable = JSON.stringify(Object.fromEntries([...inline].map((k) => [k, String(lib[k])])));
    this.libConstants = JSON.stringify(Object.fromEntries(Object.entries(lib).filter(([, v]) => typeof v !== 'function')));
  }

  /** One request: a fresh runtime and context, the program compiled once, called on every screen, then all freed. */
  run(req: SandboxRequest): SandboxResponse {
    const rt = this.module.newRuntime();
    rt.setMemoryLimit(this.memoryMb * 1024 * 1024);
    rt.setMaxStackSize(SANDBOX_STACK_KB * 1024);
    const state: RunState = { deadline: Infinity, interrupted: false };
    rt.setInterruptHandler(() => {
      if (performance.now() <= state.deadline) return false;
      state.interrupted = true;
      return true;
    });
    const ctx = rt.newContext();
    try {
      return this.runIn(ctx, req, state);
    } finally {
      ctx.dispose();
      rt.dispose();
    }
  }

  private runIn(ctx: QuickJSContext, req: SandboxRequest, state: RunState): SandboxResponse {
    const owned: QuickJSHandle[] = [];
    const own = (h: QuickJSHandle) => (owned.push(h), h);
    try {
      const internals = own(this.prelude(ctx, state));
      const [screenFn, runFn, describeFn] = ['screen', 'run', 'describe'].map((k) => own(ctx.getProp(internals, k)));

      state.deadline = performance.now() + req.timeLimitMs;
      const compiled = ctx.evalCode(wrapSource(req.source), PROGRAM_FILE);
      if (compiled.error) {
        const e = this.errorOf(ctx, describeFn, own(compiled.error), state, req.timeLimitMs, 'syntax');
        return { id: req.id, compileError: e, results: [] };
      }
      const program = own(compiled.value);
      // Top-level code ran while compiling: a denied access there fails the program too.
      if (state.denial) return { id: req.id, compileError: state.denial, results: [] };
      if (ctx.typeof(program) !== 'function') return { id: req.id, compileError: MISSING_ENTRY, results: [] };

      const results: RunResult[] = [];
      for (const s of req.screens) {
        state.interrupted = false;
        state.denial = undefined;
        const t0 = performance.now();
        state.deadline = t0 + req.timeLimitMs;
        results.push(this.runScreen(ctx, { screenFn, runFn, describeFn, program }, s, state, req.timeLimitMs, t0));
      }
      return { id: req.id, results };
    } finally {
      for (const h of owned.reverse()) if (h.alive) h.dispose();
    }
  }

  private runScreen(
    ctx: QuickJSContext,
    fns: Record<'screenFn' | 'runFn' | 'describeFn' | 'program', QuickJSHandle>,
    s: ScreenWithUtterance,
    state: RunState,
    limitMs: number,
    t0: number,
  ): RunResult {
    // newArrayBuffer copies into wasm memory; the caller's array is only read.
    const whole = s.pixels.byteOffset === 0 && s.pixels.byteLength === s.pixels.buffer.byteLength;
    const args = [ctx.newArrayBuffer(whole ? s.pixels.buffer : s.pixels.slice().buffer), ctx.newNumber(s.width), ctx.newNumber(s.height)];
    const screen = ctx.callFunction(fns.screenFn, ctx.undefined, ...args);
    args.forEach((h) => h.dispose());
    if (screen.error) {
      screen.error.dispose();
      return { ok: false, error: { kind: 'memory', message: `the screen does not fit in the ${this.memoryMb} MB memory limit` } };
    }
    const utterance = ctx.newString(s.utterance);
    const out = ctx.callFunction(fns.runFn, ctx.undefined, fns.program, screen.value, utterance);
    screen.value.dispose();
    utterance.dispose();
    // Delayed work (promise jobs, an import()) never runs: the runtime is freed with its queue after this request.
    if (out.error) {
      const error = this.errorOf(ctx, fns.describeFn, out.error, state, limitMs, 'runtime');
      out.error.dispose();
      return { ok: false, error };
    }
    const raw = ctx.typeof(out.value) === 'string' ? ctx.getString(out.value) : undefined;
    out.value.dispose();
    if (state.denial) return { ok: false, error: state.denial };
    if (raw === undefined)
      return { ok: false, error: { kind: 'output', message: 'affordances() returned something that could not be read' } };
    const ms = performance.now() - t0;
    if (raw.length > MAX_OUTPUT_CHARS) {
      return {
        ok: false,
        error: { kind: 'output', message: `affordances() returned ${raw.length} characters of output; the limit is ${MAX_OUTPUT_CHARS}` },
      };
    }
    try {
      const value = JSON.parse(raw) as unknown;
      if (value && typeof value === 'object' && (value as { $promise?: unknown }).$promise === true) {
        throw new Error('the program returned a Promise; affordances() must return an array synchronously');
      }
      return { ok: true, actions: checkActions(value, s.width, s.height), ms };
    } catch (e) {
      return { ok: false, error: { kind: 'output', message: e instanceof Error ? e.message : String(e) } };
    }
  }

  /** The host functions and the prelude in a fresh context; returns the prelude's internals. */
  private prelude(ctx: QuickJSContext, state: RunState): QuickJSHandle {
    const hostCall = ctx.newFunction('hostCall', (indexH, jsonH, ...bufferHs) => {
      const name = this.libNames[ctx.getNumber(indexH)];
      const fn = this.lib[name] as ((...a: unknown[]) => unknown) | undefined;
      if (!fn || ctx.typeof(jsonH) !== 'string') throw new TypeError('bad call into the perception library');
      const buffers = bufferHs.map((h) => {
        if (ctx.typeof(h) !== 'object') throw new TypeError(`lib.${name}: bad argument`);
        return copyOut(ctx, h);
      });
      const args = decodeHost(ctx.getString(jsonH), buffers);
      if (!Array.isArray(args)) throw new TypeError(`lib.${name}: bad arguments`);
      checkImages(args, name);
      let result: unknown;
      try {
        result = fn(...args);
      } catch (e) {
        throw new Error(`lib.${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const { json, buffers: outBuffers } = encodeHost(result);
      const arr = ctx.newArray();
      [ctx.newString(json), ...outBuffers.map((b) => ctx.newArrayBuffer(b))].forEach((h, i) => {
        ctx.setProp(arr, i, h);
        h.dispose();
      });
      return arr;
    });
    const hostDeny = ctx.newFunction('hostDeny', (nameH, stackH) => {
      const name = ctx.typeof(nameH) === 'string' ? ctx.getString(nameH) : '';
      const stack = ctx.typeof(stackH) === 'string' ? ctx.getString(stackH).slice(0, 4000) : '';
      if (Object.hasOwn(DENIED_GLOBALS, name) && !state.denial)
        state.denial = { kind: 'denied', message: deniedMessage(name), ...locate(stack) };
    });
    const args = [
      hostCall,
      hostDeny,
      own(ctx, ctx.evalCode(JSON.stringify(Object.keys(DENIED_GLOBALS)))),
      own(ctx, ctx.evalCode(JSON.stringify(this.libNames))),
      ctx.newString(this.libConstants),
      ctx.newString(this.portable),
    ];
    const factory = own(ctx, ctx.evalCode(PRELUDE, 'sandbox-prelude.js'));
    const internals = ctx.callFunction(factory, ctx.undefined, ...args);
    factory.dispose();
    args.forEach((h) => h.dispose());
    return ctx.unwrapResult(internals);
  }

  /** What a failed compile or call threw, as a SandboxError whose kind only the host decides. */
  private errorOf(
    ctx: QuickJSContext,
    describeFn: QuickJSHandle,
    thrown: QuickJSHandle,
    state: RunState,
    limitMs: number,
    kind: 'syntax' | 'runtime',
  ): SandboxError {
    if (state.interrupted) return timeoutError(limitMs);
    if (state.denial) return state.denial;
    // Reading the thrown value runs its getters (program code): they get a short deadline of their own,
    // and whatever they do, the kind of error is decided here.
    state.deadline = performance.now() + 50;
    let e: ReadError = {};
    const d = ctx.callFunction(describeFn, ctx.undefined, thrown);
    if (d.error) d.error.dispose();
    else {
      if (ctx.typeof(d.value) === 'string') {
        const raw = ctx.getString(d.value);
        try {
          const parsed = JSON.parse(raw.slice(0, 10_000)) as unknown;
          if (parsed && typeof parsed === 'object') e = parsed as ReadError;
        } catch {
          // unreadable: stays {}
        }
      }
      d.value.dispose();
    }
    const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 2000) : undefined);
    const name = str(e.name) ?? 'Error';
    const message = str(e.message);
    if (name === 'InternalError' && message === 'out of memory') {
      return {
        kind: 'memory',
        message: `the program ran out of memory (limits: ${this.memoryMb} MB of objects, ${ENGINE_MEMORY_MB} MB for the engine in all) and was stopped`,
      };
    }
    if (e.isError !== true) {
      // Not an Error (a plain object, null, a string …): its fields are the program's word, so no location.
      const text = message !== undefined ? `${e.name !== undefined ? `${name}: ` : ''}${message}` : str(e.thrown);
      return {
        kind,
        message: text !== undefined ? `thrown value: ${text}` : 'the program threw a value that could not be read (not an Error)',
      };
    }
    if (message === undefined) return { kind, message: `${name} (no message)` };
    return { kind: name === 'SyntaxError' ? 'syntax' : kind, message: `${name}: ${message}`, ...locate(str(e.stack) ?? '') };
  }
}

function own(ctx: QuickJSContext, r: ReturnType<QuickJSContext['evalCode']>): QuickJSHandle {
  return ctx.unwrapResult(r);
}

/** Loads the QuickJS wasm module with its memory capped at ENGINE_MEMORY_MB. */
export function loadQuickJs(
  variant: QuickJSSyncVariant,
  wasm: Pick<CustomizeVariantOptions, 'wasmLocation' | 'wasmBinary'>,
): Promise<QuickJSWASMModule> {
  const wasmMemory = new WebAssembly.Memory({ initial: 256, maximum: ENGINE_MEMORY_MB * 16 }); // 64 KiB pages
  return newQuickJSWASMModuleFromVariant(newVariant(variant, { ...wasm, wasmMemory }));
}

/**
 * The worker side of the protocol, shared by the page's worker and Node's worker_thread: posts 'ready' once the
 * engine has loaded (or failed to), then answers each request; an engine failure is answered as `fatal`.
 */
export function serveSandbox(
  variant: QuickJSSyncVariant,
  wasm: Pick<CustomizeVariantOptions, 'wasmLocation' | 'wasmBinary'>,
  lib: HostLib,
  post: (m: unknown) => void,
  listen: (cb: (m: unknown) => void) => void,
): void {
  const engine = loadQuickJs(variant, wasm).then((m) => {
    const e = new QuickJsEngine(m, lib);
    // One run on a 1×1 screen before 'ready', so that the first real call does not pay for cold code paths.
    e.run({
      id: 0,
      source: 'function affordances() { return []; }',
      screens: [{ pixels: new Uint8ClampedArray(4), width: 1, height: 1, utterance: '' }],
      timeLimitMs: 1000,
    });
    return e;
  });
  engine.catch(() => undefined).finally(() => post('ready'));
  listen(async (m) => {
    const req = m as SandboxRequest;
    try {
      post((await engine).run(req));
    } catch (e) {
      post({ id: req?.id, fatal: e instanceof Error ? e.message : String(e), results: [] });
    }
  });
}
