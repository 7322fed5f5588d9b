/**
 * Does an affordance program cover what a person did? For each recorded step, the program runs (in the
 * sandbox) on the frame the person acted on, and the step is covered when one of the program's actions does
 * what the person's action did: the same next screen, reward and ending in a copy of the environment at that
 * step (a click on another pixel of the same button counts; typing a whole word where the person typed one
 * letter does not). A step that changed nothing (a click on the bare page) is marked inert and left out of the
 * rate: there is nothing to cover. A program that misses a person's step would have masked it away (CoGA).
 *
 * Example:
 *   const r = await demoCoverage(demo, program.source, sandbox);
 *   r.rate          // 0.75: three of four recorded steps were among the program's actions
 *   r.steps[2]      // { step: 2, action, covered: false, inert: false, programActions: 3, error: null }
 */
import { SCREEN_HEIGHT, SCREEN_WIDTH, type Action, type StepResult, type WebNavEnv } from '../env/types';
import { actionKey, formatSandboxError } from '../affordance/program';
import type { AffordanceSandbox } from '../affordance/sandbox';
import { makeEnv } from '../tasks/index';
import { decodeFrame, type Demonstration } from './demonstration';

export interface CoverageStep {
  step: number;
  action: Action;
  covered: boolean;
  /** The person's action changed nothing (same screen, no reward): not counted. */
  inert: boolean;
  /** How many actions the program offered on that frame. */
  programActions: number;
  /** The program's error on that frame (the step is then not covered). */
  error: string | null;
}

export interface CoverageReport {
  task: string;
  steps: CoverageStep[];
  covered: number;
  /** Steps that count (not inert). */
  total: number;
  inert: number;
  /** covered / total (1 when no step counts). */
  rate: number;
}

export async function demoCoverage(demo: Demonstration, source: string, sandbox: AffordanceSandbox): Promise<CoverageReport> {
  const steps: CoverageStep[] = [];
  for (let i = 0; i < demo.steps.length; i++) {
    const { action, frame } = demo.steps[i];
    const pixels = decodeFrame(frame);
    const wanted = outcomeOf(demo, i, action);
    const inert =
      wanted !== null && wanted.reward === 0 && !wanted.terminated && !wanted.truncated && samePixels(wanted.observation.pixels, pixels);
    const [run] = await sandbox.run(source, [{ pixels, width: SCREEN_WIDTH, height: SCREEN_HEIGHT, utterance: demo.utterance }]);
    if (!run.ok) {
      steps.push({ step: i, action, covered: false, inert, programActions: 0, error: formatSandboxError(run.error) });
      continue;
    }
    const offered = run.actions;
    const key = actionKey(action);
    const covered =
      !inert &&
      (offered.some((a) => actionKey(a) === key) || (wanted !== null && offered.some((a) => sameOutcome(outcomeOf(demo, i, a), wanted))));
    steps.push({ step: i, action, covered, inert, programActions: offered.length, error: null });
  }
  const counted = steps.filter((s) => !s.inert);
  const covered = counted.filter((s) => s.covered).length;
  return {
    task: demo.task,
    steps,
    covered,
    total: counted.length,
    inert: steps.length - counted.length,
    rate: counted.length ? covered / counted.length : 1,
  };
}

/** The environment at recorded step `i` (the person's first i actions replayed), then `action` applied. */
function outcomeOf(demo: Demonstration, i: number, action: Action): StepResult | null {
  const env: WebNavEnv = makeEnv(demo.task, { maxSteps: demo.maxSteps });
  env.reset(demo.seed);
  try {
    for (let k = 0; k < i; k++) {
      const r = env.step(demo.steps[k].action);
      if (r.terminated || r.truncated) return null; // the recording goes on past the end: nothing to compare
    }
    return env.step(action);
  } catch {
    return null;
  }
}

function sameOutcome(a: StepResult | null, b: StepResult): boolean {
  if (!a || a.reward !== b.reward || a.terminated !== b.terminated || a.truncated !== b.truncated) return false;
  return samePixels(a.observation.pixels, b.observation.pixels);
}

function samePixels(p: Uint8ClampedArray, q: Uint8ClampedArray): boolean {
  if (p.length !== q.length) return false;
  for (let k = 0; k < p.length; k++) if (p[k] !== q[k]) return false;
  return true;
}
