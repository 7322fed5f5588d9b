/**
 * The one service "train an arm with a program": an affordance program (run in the sandbox, its answer kept per
 * screen), a random baseline over the same candidates, and `trainArm`. The tab's training worker, `bench:rl`
 * (`experiment/coga.ts`) and the workflow function `TrainAgent` all train through it.
 *
 * Example:
 *   const { result, random } = await trainWithProgram(
 *     { task: 'click-button', arm: 'affordance', seed: 1, steps: 300, source, randomBaseline: true },
 *     sandbox,
 *   );
 *   result.curve   // [{ step: 10, success: 0.4 }, …];  random // 0.25 (uniform over the program's actions)
 */
import type { Action, Observation } from '../env/types';
import { screenKey, readTextFromPixels } from '../affordance/lib';
import type { SandboxError } from '../affordance/program';
import type { AffordanceSandbox } from '../affordance/sandbox';
import type { ReadText } from '../agent/features';
import { evaluate, trainArm, type TrainResult, type TrainSpec } from '../agent/train';
import { Rng } from '../../util/random';

export interface ProgramTrainSpec extends Omit<TrainSpec, 'affordances' | 'readText'> {
  /** The affordance program's source; required for arm 'affordance', unused by arm 'full'. */
  source?: string;
  /** How the agent reads text on screens (default: the perception library's OCR). */
  readText?: ReadText;
  /**
   * A run of the program that failed. Default: the full action space stands in for that step (and it is
   * counted in `fallbackSteps`); a callback that throws stops training with its error instead.
   */
  onProgramError?: (e: SandboxError) => void;
  /** Also measure a uniformly random policy over the same candidates on the evaluation seeds (before training). */
  randomBaseline?: boolean;
  onRandom?: (success: number) => void;
}

export interface ProgramTrainResult {
  result: TrainResult;
  /** Greedy success of the random policy (null unless `randomBaseline`). */
  random: number | null;
}

export async function trainWithProgram(spec: ProgramTrainSpec, sandbox: AffordanceSandbox | null): Promise<ProgramTrainResult> {
  const { source, readText, onProgramError, randomBaseline, onRandom, ...rest } = spec;
  let affordances: TrainSpec['affordances'];
  if (spec.arm === 'affordance') {
    if (!source) throw new Error(`train ${spec.task}: the affordance arm needs an affordance program`);
    if (!sandbox) throw new Error(`train ${spec.task}: the affordance arm needs a sandbox to run its program in`);
    affordances = programOnScreens(sandbox, source, onProgramError);
  }
  const trainSpec: TrainSpec = { ...rest, readText: readText ?? readTextFromPixels, affordances };
  let random: number | null = null;
  if (randomBaseline) {
    random = await evaluate(trainSpec, null, spec.evalEpisodes ?? 20, undefined, new Rng(spec.seed));
    onRandom?.(random);
  }
  return { result: await trainArm(trainSpec), random };
}

/**
 * A program as a function of the screen for training: run in the sandbox (a fresh realm per call), and the
 * answer kept per screen (pixels and utterance), since RL revisits screens all the time (evaluation seeds,
 * clicks that change nothing). Programs are meant to be deterministic; one that is not gets its first answer
 * for a screen reused. A failed run gives [] (the full space stands in, and the step is counted).
 */
export function programOnScreens(
  sandbox: AffordanceSandbox,
  source: string,
  onError?: (e: SandboxError) => void,
  limit = 4096,
): (obs: Observation) => Promise<Action[]> {
  const cache = new Map<string, Action[]>();
  return async (obs) => {
    const key = `${screenKey(obs)}|${obs.utterance}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const [r] = await sandbox.run(source, [obs]);
    if (!r.ok) onError?.(r.error);
    const actions = r.ok ? r.actions : [];
    if (r.ok) {
      cache.set(key, actions);
      if (cache.size > limit) cache.delete(cache.keys().next().value!);
    }
    return actions;
  };
}
