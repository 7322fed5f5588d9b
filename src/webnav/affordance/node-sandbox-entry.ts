/**
 * The Node sandbox (worker_thread side): every program runs in a fresh `node:vm` context that has only the
 * language built-ins, the screen, the utterance and the frozen `lib`; the denied globals throw
 * `SandboxDenied`, and the call is interrupted by vm's own timeout. The thread's own globals are locked
 * down too (defence in depth: `node:vm` alone is not a security boundary), and the host runs this thread
 * with V8 heap limits and terminates it on overrun. Bundled and started by `node-sandbox.ts`.
 */
import { parentPort } from 'node:worker_threads';
import vm from 'node:vm';
import { makeAffordanceLib } from './lib';
import { DENIED_GLOBALS, PROGRAM_FILE } from './program';
import { MISSING_ENTRY, errorFrom, lockdown, runProgram, wrapSource, type SandboxRequest, type SandboxResponse } from './sandbox-core';

const port = parentPort!;
const now = performance.now.bind(performance);
const lib = makeAffordanceLib();

/** Runs inside the context: installs the throwing getters with the same messages as the browser worker. */
const LOCKDOWN = `(function (g, denied) {
  for (const name of Object.keys(denied)) {
    const deny = () => { const e = new Error(name + ' is not available in the affordance sandbox (' + denied[name] + ')'); e.name = 'SandboxDenied'; throw e; };
    Object.defineProperty(g, name, { get: deny, set: deny, configurable: false, enumerable: false });
  }
})(globalThis, ${JSON.stringify(DENIED_GLOBALS)});`;

const CALL = new vm.Script('__program(__screen, __utterance, __lib)', { filename: 'sandbox-call.js' });

let compiled: { source: string; context: vm.Context; error?: SandboxResponse['compileError'] } | undefined;

function compile(source: string, timeLimitMs: number): NonNullable<typeof compiled> {
  if (compiled?.source === source) return compiled;
  const context = vm.createContext({}, { codeGeneration: { strings: true, wasm: false }, name: 'affordance sandbox' });
  vm.runInContext(LOCKDOWN, context);
  try {
    const fn: unknown = new vm.Script(wrapSource(source), { filename: PROGRAM_FILE }).runInContext(context, { timeout: timeLimitMs });
    context.__program = fn;
    context.__lib = lib;
    compiled = { source, context, error: typeof fn === 'function' ? undefined : MISSING_ENTRY };
  } catch (e) {
    compiled = { source, context, error: errorFrom(e, 'syntax', timeLimitMs) };
  }
  return compiled;
}

port.on('message', (req: SandboxRequest) => {
  const c = compile(req.source, req.timeLimitMs);
  const res: SandboxResponse = { id: req.id, results: [] };
  if (c.error) res.compileError = c.error;
  else {
    for (const s of req.screens) {
      const screen = { pixels: s.pixels, width: s.width, height: s.height };
      c.context.__screen = screen;
      c.context.__utterance = s.utterance;
      res.results.push(runProgram(() => CALL.runInContext(c.context, { timeout: req.timeLimitMs }), screen, now, req.timeLimitMs));
    }
  }
  port.postMessage(res);
});

lockdown(globalThis);
port.postMessage('ready');
