/**
 * Trains one arm of the CoGA experiment on one task: the same DQN agent over either the full action space
 * (`fullActionSpace`) or the affordance set (an affordance program run in the sandbox at every step).
 * Success is measured by greedy evaluation episodes on held-out seeds at fixed environment-step points;
 * `stepsTo90` is the first point where it reaches 90 %. Runs the same in Node (bench) and in a worker (tab).
 *
 * Example:
 *   const r = await trainArm({ task: 'click-button', arm: 'affordance', seed: 1, steps: 400, readText,
 *                              affordances: (obs) => runProgramOn(obs) });
 *   r.curve   // [{ step: 10, success: 0.4 }, …];  r.stepsTo90 // 50 or null
 */
import { makeEnv } from '../tasks/index';
import type { Action, Observation, WebNavEnv } from '../env/types';
import { fullActionSpace } from './action-space';
import { DEFAULT_DQN, DqnAgent, type DqnConfig } from './dqn';
import { FEATURE_DIM, featuresOf, newMemory, observationContext, remember, type ReadText } from './features';
import { Rng } from '../../util/random';

export type Arm = 'full' | 'affordance';

export interface CurvePoint {
  /** Environment steps of training so far. */
  step: number;
  /** Greedy success rate on the evaluation seeds. */
  success: number;
}

export interface StepView {
  arm: Arm;
  step: number;
  observation: Observation;
  candidates: Action[];
  action: Action;
  reward: number;
  done: boolean;
}

export interface TrainSpec {
  task: string;
  arm: Arm;
  seed: number;
  /** Training budget in environment steps. */
  steps: number;
  readText: ReadText;
  /** The affordance arm's candidates (the program, through the sandbox). Required for arm 'affordance'. */
  affordances?: (obs: Observation) => Promise<Action[]>;
  config?: DqnConfig;
  evalEpisodes?: number;
  /** Steps at which to evaluate; default `evalSchedule(steps)`. */
  evalAt?: number[];
  onEval?: (p: CurvePoint) => void;
  /** Every training step, for the live view (keep it cheap). */
  onStep?: (v: StepView) => void;
  signal?: AbortSignal;
  /** In a worker, yield to the event loop every this many steps so a cancel message gets through. */
  yieldEvery?: number;
  /**
   * Stop once greedy success ≥ 90 % at this many consecutive evaluation points (the bench's time saver; the
   * same rule for both arms). The remaining points of the curve repeat the last measured value.
   */
  stopAfter90?: number;
}

export interface TrainResult {
  task: string;
  arm: Arm;
  seed: number;
  steps: number;
  curve: CurvePoint[];
  stepsTo90: number | null;
  finalSuccess: number;
  episodes: number;
  /** Steps where the program returned nothing (or failed) and the full space stood in. */
  fallbackSteps: number;
  /**
   * Mean number of candidate actions per training step (screens where the full space stood in excluded). An
   * affordance program with 1.0 here is a policy: it leaves the agent nothing to choose.
   */
  meanCandidates: number;
  /** Set when training stopped early (`stopAfter90`): the step it stopped at. */
  stoppedAt: number | null;
  /** Wall-clock milliseconds spent per part (to see where a run's time goes). */
  ms: { candidates: number; features: number; env: number; learn: number; evaluate: number };
}

/** Seeds of evaluation episodes: disjoint from training seeds (which are below 10⁶). */
export const EVAL_SEED_BASE = 1_000_000;

/** Evaluation points: dense early (where the affordance arm learns), then every 10 % of the budget. */
export function evalSchedule(steps: number): number[] {
  const early = [10, 25, 50, 100, 150, 200, 300];
  const points = new Set(early.filter((s) => s < steps));
  const every = Math.max(50, Math.round(steps / 10));
  for (let s = every; s < steps; s += every) if (s > 300) points.add(s);
  points.add(steps);
  return [...points].sort((a, b) => a - b);
}

/** Candidate actions for one observation in one arm. */
async function candidatesFor(spec: TrainSpec, obs: Observation): Promise<{ actions: Action[]; fallback: boolean }> {
  if (spec.arm === 'full') return { actions: fullActionSpace(obs.utterance), fallback: false };
  if (!spec.affordances) throw new Error(`trainArm(${spec.task}): the affordance arm needs an affordance program`);
  const actions = await spec.affordances(obs);
  if (actions.length > 0) return { actions, fallback: false };
  return { actions: fullActionSpace(obs.utterance), fallback: true };
}

/** Plays greedy episodes on the evaluation seeds; returns the success rate. */
export async function evaluate(
  spec: TrainSpec,
  agent: DqnAgent | null,
  episodes: number,
  env: WebNavEnv = makeEnv(spec.task),
  rng?: Rng,
): Promise<number> {
  let wins = 0;
  for (let e = 0; e < episodes; e++) {
    let obs = env.reset(EVAL_SEED_BASE + e);
    let memory = newMemory();
    for (;;) {
      const { actions } = await candidatesFor(spec, obs);
      // agent null → a uniformly random policy over the same candidates (the test's baseline).
      const i: number = agent
        ? agent.act(featuresOf(observationContext(obs, spec.readText, memory), actions), actions.length, true)
        : rng!.int(0, actions.length);
      const a: Action = actions[i];
      memory = remember(memory, a);
      const r = env.step(a);
      if (r.terminated || r.truncated) {
        if (r.reward > 0) wins++;
        break;
      }
      obs = r.observation;
    }
  }
  return wins / episodes;
}

export async function trainArm(spec: TrainSpec): Promise<TrainResult> {
  const config = spec.config ?? DEFAULT_DQN;
  const agent = new DqnAgent(FEATURE_DIM, config, spec.seed * 7919 + 13);
  const env = makeEnv(spec.task);
  const evalEnv = makeEnv(spec.task);
  const evalEpisodes = spec.evalEpisodes ?? 20;
  const evalAt = spec.evalAt ?? evalSchedule(spec.steps);
  const curve: CurvePoint[] = [];
  let episodes = 0;
  let fallbackSteps = 0;
  let candidateSum = 0;
  let candidateSteps = 0;
  let stoppedAt: number | null = null;
  const trainSeed = () => (spec.seed * 100_003 + episodes) % EVAL_SEED_BASE;

  const ms = { candidates: 0, features: 0, env: 0, learn: 0, evaluate: 0 };
  let t = performance.now();
  const lap = (part: keyof typeof ms) => {
    const now = performance.now();
    ms[part] += now - t;
    t = now;
  };
  let obs = env.reset(trainSeed());
  let memory = newMemory();
  let cands = await candidatesFor(spec, obs);
  let x = featuresOf(observationContext(obs, spec.readText, memory), cands.actions);
  for (let step = 1; step <= spec.steps; step++) {
    if (spec.yieldEvery && step % spec.yieldEvery === 0) await new Promise((r) => setTimeout(r, 0));
    if (spec.signal?.aborted) break;
    if (cands.fallback) fallbackSteps++;
    else {
      candidateSum += cands.actions.length;
      candidateSteps++;
    }
    t = performance.now();
    const i = agent.act(x, cands.actions.length);
    lap('learn');
    const action = cands.actions[i];
    memory = remember(memory, action);
    const r = env.step(action);
    // A timeout ends the episode with −1 like a wrong answer, so it is terminal for the value target too.
    const done = r.terminated || r.truncated;
    const chosen = x.slice(i * FEATURE_DIM, (i + 1) * FEATURE_DIM);
    spec.onStep?.({ arm: spec.arm, step, observation: obs, candidates: cands.actions, action, reward: r.reward, done });
    if (done) {
      agent.remember(chosen, r.reward, true, null, 0);
      episodes++;
      obs = env.reset(trainSeed());
      memory = newMemory();
    } else {
      obs = r.observation;
    }
    lap('env');
    cands = await candidatesFor(spec, obs);
    lap('candidates');
    x = featuresOf(observationContext(obs, spec.readText, memory), cands.actions);
    lap('features');
    if (!done) agent.remember(chosen, r.reward, false, x, cands.actions.length);
    agent.learn();
    lap('learn');
    if (evalAt.includes(step)) {
      const p = { step, success: await evaluate(spec, agent, evalEpisodes, evalEnv) };
      lap('evaluate');
      curve.push(p);
      spec.onEval?.(p);
      const streak = spec.stopAfter90 ?? 0;
      if (streak > 0 && curve.length >= streak && curve.slice(-streak).every((c) => c.success >= 0.9)) {
        stoppedAt = step;
        break;
      }
    }
  }
  if (stoppedAt !== null) {
    const last = curve[curve.length - 1].success;
    for (const s of evalAt) if (s > stoppedAt) curve.push({ step: s, success: last });
  }
  const hit = curve.find((p) => p.success >= 0.9);
  return {
    task: spec.task,
    arm: spec.arm,
    seed: spec.seed,
    steps: spec.steps,
    curve,
    stepsTo90: hit ? hit.step : null,
    finalSuccess: curve.length ? curve[curve.length - 1].success : 0,
    episodes,
    fallbackSteps,
    meanCandidates: candidateSteps ? candidateSum / candidateSteps : 0,
    stoppedAt,
    ms,
  };
}
