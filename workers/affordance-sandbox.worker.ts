/**
 * The page's sandbox for generated affordance programs (see `src/webnav/affordance/sandbox.ts`, the host).
 * It keeps private handles on its own messaging, then removes every denied global (network, DOM, storage,
 * importScripts, timers, messaging …) before any program runs. Programs are compiled with indirect eval,
 * named `affordance.js` so errors carry line:column. The host terminates this worker on a timeout or a crash.
 * Protocol: the worker posts 'ready'; the host posts `SandboxRequest`s, the worker answers `SandboxResponse`s.
 */
import { makeAffordanceLib } from '../src/webnav/affordance/lib';
import { MISSING_ENTRY, errorFrom, lockdown, runProgram, wrapSource, type SandboxRequest, type SandboxResponse } from '../src/webnav/affordance/sandbox-core';
import { PROGRAM_FILE } from '../src/webnav/affordance/program';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = scope.postMessage.bind(scope);
const now = performance.now.bind(performance);
const indirectEval = globalThis.eval;
const lib = makeAffordanceLib();
type ProgramFn = (screen: unknown, utterance: string, lib: unknown) => unknown;
let compiled: { source: string; fn: ProgramFn | undefined; error?: SandboxResponse['compileError'] } | undefined;

function compile(source: string): NonNullable<typeof compiled> {
  if (compiled?.source === source) return compiled;
  try {
    const fn = indirectEval(`${wrapSource(source)}\n//# sourceURL=${PROGRAM_FILE}`) as ProgramFn | undefined;
    compiled = { source, fn, error: typeof fn === 'function' ? undefined : MISSING_ENTRY };
  } catch (e) {
    compiled = { source, fn: undefined, error: errorFrom(e, 'syntax') };
  }
  return compiled;
}

scope.addEventListener('message', (ev: MessageEvent<SandboxRequest>) => {
  const req = ev.data;
  const c = compile(req.source);
  const res: SandboxResponse = { id: req.id, results: [] };
  if (c.error || !c.fn) res.compileError = c.error ?? MISSING_ENTRY;
  else {
    const fn = c.fn;
    for (const s of req.screens) {
      const screen = { pixels: s.pixels, width: s.width, height: s.height };
      res.results.push(runProgram(() => fn(screen, s.utterance, lib), screen, now, req.timeLimitMs));
    }
  }
  post(res);
});

lockdown(globalThis);
post('ready');
