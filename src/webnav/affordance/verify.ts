/**
 * Verification of an affordance program on sample screens of a task (both generators use it):
 *   1. it runs in the sandbox without error and returns at least one action on every sample;
 *   2. its actions DO something: each is stepped in a cloned environment (same seed) and should change the
 *      screen's pixels or end the episode; a set where more than half change nothing is rejected (typing
 *      before a field has focus may be inert on the first screen, a set of clicks on empty page may not);
 *   3. the set leads to success: some path through the program's own actions (re-run on each new screen,
 *      depth ≤ `maxDepth`) earns a positive reward. This is the synthesiser's acceptance test; the report
 *      also serves the transfer table (coverage of sibling tasks).
 * A clone is `makeEnv(task)` reset with the same seed and replayed: the environment is deterministic per seed.
 *
 * Example:
 *   const v = await verifyProgram(sandbox, source, 'click-button', [1, 2, 3]);
 *   v.ok        // true when every sample passed
 *   v.failures  // ['seed 2: action 1 click(80, 120) changes nothing', …] — fed back to the LLM or the search
 */
import { makeEnv } from '../tasks/index';
import type { Action, Observation } from '../env/types';
import { describeAction, formatSandboxError } from './program';
import type { AffordanceSandbox } from './sandbox';

export interface SampleReport {
  seed: number;
  ok: boolean;
  /** Actions on the first screen. */
  actions: Action[];
  /** A rewarded path was found within the program's actions. */
  solved: boolean;
  /** Number of first-screen actions that changed nothing. */
  inert: number;
  problem?: string;
}

export interface VerifyReport {
  task: string;
  ok: boolean;
  samples: SampleReport[];
  failures: string[];
  /** Fraction of samples with a rewarded path (coverage). */
  solvedRate: number;
  meanActions: number;
}

export interface VerifyOptions {
  /** Depth of the path search through the program's own actions (multi-step tasks need 2–4). */
  maxDepth?: number;
  /** Environment steps the path search may spend per sample. */
  maxNodes?: number;
  /** Require every first-screen action to change something (the generators do; the transfer table does not). */
  requireEffective?: boolean;
}

function samePixels(a: Uint8ClampedArray, b: Uint8ClampedArray): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A fresh environment in the state reached from `seed` by `history`. */
function cloneAt(task: string, seed: number, history: Action[]) {
  const env = makeEnv(task);
  let obs = env.reset(seed);
  for (const a of history) obs = env.step(a).observation;
  return { env, obs };
}

async function runOn(sandbox: AffordanceSandbox, source: string, obs: Observation): Promise<{ actions: Action[]; error?: string }> {
  const [r] = await sandbox.run(source, [obs]);
  return r.ok ? { actions: r.actions } : { actions: [], error: formatSandboxError(r.error) };
}

export async function verifySample(
  sandbox: AffordanceSandbox,
  source: string,
  task: string,
  seed: number,
  opts: VerifyOptions = {},
): Promise<SampleReport> {
  const maxDepth = opts.maxDepth ?? 4;
  const maxNodes = opts.maxNodes ?? 80;
  const requireEffective = opts.requireEffective ?? true;
  const first = cloneAt(task, seed, []);
  const top = await runOn(sandbox, source, first.obs);
  if (top.error) return { seed, ok: false, actions: [], solved: false, inert: 0, problem: top.error };
  if (top.actions.length === 0) return { seed, ok: false, actions: [], solved: false, inert: 0, problem: 'returned no actions' };

  // Inert actions: stepped from the first screen, they neither change the pixels nor end the episode.
  const inertNames: string[] = [];
  for (const a of top.actions) {
    const { env } = cloneAt(task, seed, []);
    const r = env.step(a);
    if (!(r.terminated || r.truncated) && samePixels(first.obs.pixels, r.observation.pixels)) inertNames.push(describeAction(a));
  }
  const inert = inertNames.length;

  // Depth-first search over the program's own actions; each node is a replayed clone (deterministic).
  // It recurses through unchanged screens too: a task may keep hidden progress (click ONE, then TWO).
  let nodes = 0;
  const search = async (history: Action[], actions: Action[], depth: number): Promise<boolean> => {
    for (const a of actions) {
      if (nodes >= maxNodes) return false;
      nodes++;
      const { env } = cloneAt(task, seed, history);
      const r = env.step(a);
      if (r.terminated || r.truncated) {
        if (r.reward > 0) return true;
        continue;
      }
      if (depth + 1 >= maxDepth) continue;
      const next = await runOn(sandbox, source, r.observation);
      if (next.error || next.actions.length === 0) continue;
      if (await search([...history, a], next.actions, depth + 1)) return true;
    }
    return false;
  };
  const solved = await search([], top.actions, 0);
  let problem: string | undefined;
  // Typing before a field has focus changes nothing yet, so some inert actions are fine; a set that is
  // mostly inert is not an affordance set.
  if (requireEffective && inert * 2 > top.actions.length) {
    problem = `${inertNames.slice(0, 3).join(', ')}${inert > 3 ? ` and ${inert - 3} more` : ''} of its ${top.actions.length} actions change nothing`;
  } else if (!solved)
    problem = `no path through its ${top.actions.length} action${top.actions.length === 1 ? '' : 's'} (depth ≤ ${maxDepth}) completes the task`;
  return { seed, ok: !problem, actions: top.actions, solved, inert, problem };
}

export async function verifyProgram(
  sandbox: AffordanceSandbox,
  source: string,
  task: string,
  seeds: number[],
  opts: VerifyOptions = {},
): Promise<VerifyReport> {
  const samples: SampleReport[] = [];
  for (const seed of seeds) samples.push(await verifySample(sandbox, source, task, seed, opts));
  const failures = samples.filter((s) => !s.ok).map((s) => `seed ${s.seed}: ${s.problem}`);
  return {
    task,
    ok: failures.length === 0,
    samples,
    failures,
    solvedRate: samples.filter((s) => s.solved).length / Math.max(1, samples.length),
    meanActions: samples.reduce((n, s) => n + s.actions.length, 0) / Math.max(1, samples.length),
  };
}
