/**
 * Where the RL workflow functions run affordance programs, and the synthesised program of each task.
 * Affordance programs are generated code, so they run only in the web-nav sandbox (src/webnav/affordance):
 * in the workflow worker that is `browserSandbox()` (a nested, locked-down worker); Node hosts (tests) choose
 * one with `setRlSandbox(() => nodeSandbox())`, because the Node host must never be bundled into the page.
 *
 * Example:
 *   setRlSandbox(() => nodeSandbox({ timeLimitMs: 2000 }));          // Node only
 *   const p = await synthesisedProgram('click-button', signal);       // { source, clauses: ['text → mentioned → click-centre'], … }
 */
import { browserSandbox, synthesise, type AffordanceSandbox } from '../../../webnav';

let provider: (() => Promise<AffordanceSandbox>) | undefined;
let shared: AffordanceSandbox | undefined;

/** Hosts and tests choose the sandbox; `undefined` goes back to the default (the browser sandbox). */
export function setRlSandbox(get: (() => Promise<AffordanceSandbox>) | undefined): void {
  provider = get;
  synthesised.clear();
}

export async function rlSandbox(): Promise<AffordanceSandbox> {
  if (provider) return provider();
  if (typeof Worker === 'undefined') {
    throw new Error(
      'affordance programs run in a sandbox worker, and none is available here (in Node, call setRlSandbox(() => nodeSandbox()) first); arm="full" needs none',
    );
  }
  shared ??= browserSandbox();
  return shared;
}

export interface SynthesisedProgram {
  source: string;
  /** The DSL listing, e.g. ['text → mentioned → click-centre']. */
  clauses: string[];
  size: number;
  tried: number;
}

/** Sample screens (seeds) the program must verify on; the same as the Web-nav tab's synthesise button. */
const SAMPLE_SEEDS = [1, 2, 3, 4, 5];
// Synthesis is deterministic per task, so a verified program is kept for the session.
const synthesised = new Map<string, SynthesisedProgram>();

/** The offline synthesiser's smallest verified program for `task`; a clear error when none verifies. */
export async function synthesisedProgram(task: string, signal?: AbortSignal): Promise<SynthesisedProgram> {
  const known = synthesised.get(task);
  if (known) return known;
  const r = await synthesise(await rlSandbox(), task, { seeds: SAMPLE_SEEDS, signal });
  if (signal?.aborted) throw new Error(`cancelled while synthesising an affordance program for ${task}`);
  if (!r.program) {
    throw new Error(
      `no affordance program of the synthesiser's DSL verifies on ${task} (tried ${r.tried}; last failure: ${r.rejected.at(-1)?.reason ?? 'none'}); connect a program to the 'program' input or use arm="full"`,
    );
  }
  const p = { source: r.program.source, clauses: r.clauses, size: r.size, tried: r.tried };
  synthesised.set(task, p);
  return p;
}
