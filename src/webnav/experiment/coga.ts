/**
 * The CoGA experiment: for each task, get an affordance program (synthesised once per task family and
 * reused by its siblings when it verifies there, else synthesised for the task), then train the SAME DQN
 * agent with the SAME hyper-parameters over the full action space and over the affordance set, on several
 * seeds. Curves are averaged over seeds; `stepsTo90` is the first evaluation point where the mean success
 * reaches 90 %; the ratio full/affordance is a lower bound when the full arm never got there (then its
 * budget stands in). Also measures how programs transfer to sibling tasks.
 *
 * Example:
 *   const report = await runExperiment({ tasks: ['click-button'], seeds: [1, 2], steps: 1000 }, deps);
 *   report.tasks[0].ratio; report.medianRatio; report.transfer
 */
import { getTask, makeEnv, TASKS } from '../tasks/index';
import { fullActionSpace } from '../agent/action-space';
import type { ReadText } from '../agent/features';
import { DEFAULT_DQN, type DqnConfig } from '../agent/dqn';
import { evalSchedule, type Arm, type CurvePoint, type TrainResult } from '../agent/train';
import { trainWithProgram } from './train-program';
import type { AffordanceProgram } from '../affordance/program';
import type { AffordanceSandbox } from '../affordance/sandbox';
import { synthesise } from '../affordance/synthesiser';
import { verifyProgram } from '../affordance/verify';
import { HANDWRITTEN_PROGRAMS, verifyHandwritten } from '../affordance/handwritten';
import { median } from '../../util/stats';

export interface ArmSummary {
  /** First evaluation point where the MEAN curve over seeds reaches 90 %. */
  stepsTo90: number | null;
  finalSuccess: number;
  /** Mean success over seeds at each evaluation point. */
  curve: CurvePoint[];
  /** Each seed's own steps to 90 % (null: not within the budget). */
  perSeed: (number | null)[];
  /**
   * Mean and 95 % confidence interval (Student t) of steps to 90 % over seeds; a seed that never got there
   * counts with the arm's budget (`censored` of them), so the mean is then a lower bound.
   */
  ci: MeanCi | null;
  /** Mean candidate actions per training step over seeds (1.0 for the affordance arm = a policy). */
  meanCandidates: number;
}

export interface MeanCi {
  mean: number;
  lo: number;
  hi: number;
  n: number;
  censored: number;
}

/** s(t) = 1 − exp(−t/τ) fitted to a curve; steps to 90 % = τ·ln 10. */
export interface SaturationFit {
  tau: number;
  stepsTo90: number;
  /** Root-mean-square error of the fit over the curve's points. */
  rmse: number;
}

export interface TaskReport {
  task: string;
  family: string;
  seeds: number;
  steps: number;
  /** The full arm's budget (≥ steps). */
  fullSteps: number;
  full: ArmSummary;
  affordance: ArmSummary;
  /** full.stepsTo90 / affordance.stepsTo90; null when the affordance arm never reached 90 %. */
  ratio: number | null;
  /** True when the full arm never reached 90 % and its budget stood in (so the real ratio is larger). */
  ratioIsLowerBound: boolean;
  /** Where the full arm never reached 90 %: its curve extrapolated with `fitSaturation` (null when it shows no learning). */
  fullFit: SaturationFit | null;
  /** fullFit.stepsTo90 / affordance.stepsTo90 (null unless the full arm needed extrapolating and could be). */
  ratioExtrapolated: number | null;
  /**
   * The affordance program leaves the agent fewer than 2 actions per screen on average: a policy, not an
   * affordance. Such tasks are reported apart and left out of the headline median.
   */
  policy: boolean;
  /** Which program the affordance arm used, and where it came from. */
  program: { name: string; reused: boolean; size: number | null; meanActions: number };
  fullActions: number;
}

export interface TransferRow {
  program: string;
  sourceTask: string;
  family: string;
  targetTask: string;
  /** Fraction of sample screens where the program's actions contain a path to success. */
  coverage: number;
  meanActions: number;
  /** Passes full verification on the target (non-empty, effective, solvable on every sample). */
  verified: boolean;
}

export interface ExperimentReport {
  tasks: TaskReport[];
  /**
   * Median full/affordance ratio over the tasks whose program leaves a choice (not policies): the measured ratio,
   * or the extrapolated one where the full arm never reached 90 % (a budget lower bound where no fit exists).
   */
  medianRatio: number | null;
  /** Some task of the median had only a lower bound (no fit). */
  medianIsLowerBound: boolean;
  /** The same median with budget lower bounds wherever the full arm never reached 90 % (no extrapolation). */
  medianLowerBound: number | null;
  /** Tasks in the median, and tasks left out as policies. */
  choiceTasks: string[];
  policyTasks: string[];
  transfer: TransferRow[];
  config: DqnConfig;
  steps: number;
  seeds: number[];
}

export interface ExperimentOptions {
  tasks: string[];
  seeds: number[];
  steps: number;
  /** Budget of the full arm (default `steps`): give it more to measure where it reaches 90 % instead of extrapolating. */
  fullSteps?: number;
  evalEpisodes?: number;
  config?: DqnConfig;
  /** Early stop after this many consecutive evaluation points ≥ 90 % (0: never). */
  stopAfter90?: number;
  /** Seeds of the sample screens used to synthesise and verify programs. */
  sampleSeeds?: number[];
  log?: (line: string) => void;
}

export interface ExperimentDeps {
  sandbox: AffordanceSandbox;
  readText: ReadText;
}

/** The median of `xs` (src/util/stats.ts), or null when there is none to report. */
function medianOrNull(xs: number[]): number | null {
  return xs.length ? median(xs) : null;
}

/** The full/affordance ratio of steps to 90 %, with the lower bound and the fitted value where the full arm never got there. */
export function ratioOf(
  full: ArmSummary,
  affordance: ArmSummary,
  fullSteps: number,
): Pick<TaskReport, 'ratio' | 'ratioIsLowerBound' | 'fullFit' | 'ratioExtrapolated'> {
  const fullFit = full.stepsTo90 === null ? fitSaturation(full.curve) : null;
  if (affordance.stepsTo90 === null) return { ratio: null, ratioIsLowerBound: false, fullFit, ratioExtrapolated: null };
  if (full.stepsTo90 !== null)
    return { ratio: full.stepsTo90 / affordance.stepsTo90, ratioIsLowerBound: false, fullFit, ratioExtrapolated: null };
  return {
    ratio: fullSteps / affordance.stepsTo90,
    ratioIsLowerBound: true,
    fullFit,
    // The fit cannot make the arm faster than what was measured: at least the budget.
    ratioExtrapolated: fullFit ? Math.max(fullSteps, fullFit.stepsTo90) / affordance.stepsTo90 : null,
  };
}

/** "mean [lo, hi]" of steps to 90 % over seeds, marked as a lower bound when some seed never got there. */
export function formatCi(a: ArmSummary): string {
  if (!a.ci) return '–';
  const c = a.ci;
  return `${c.censored ? '≥ ' : ''}${c.mean.toFixed(0)} [${Math.max(0, c.lo).toFixed(0)}, ${c.hi.toFixed(0)}]${c.censored ? ` (${c.censored}/${c.n} seeds > budget)` : ''}`;
}

export function formatRatio(t: Pick<TaskReport, 'ratio' | 'ratioIsLowerBound' | 'ratioExtrapolated'>): string {
  if (t.ratio === null) return 'n/a (affordance arm < 90 %)';
  if (!t.ratioIsLowerBound) return `${t.ratio.toFixed(1)}×`;
  return `≥ ${t.ratio.toFixed(1)}× (fit: ${t.ratioExtrapolated === null ? 'none, no learning' : `${t.ratioExtrapolated.toFixed(1)}×`})`;
}

/** Two-sided 95 % Student-t quantiles for 1…30 degrees of freedom (beyond: 1.96). */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Mean and 95 % confidence interval of the mean (Student t); one value gives a zero-width interval. */
export function meanCi95(xs: number[]): { mean: number; lo: number; hi: number; n: number } | null {
  const n = xs.length;
  if (n === 0) return null;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, lo: mean, hi: mean, n };
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = (T95[n - 2] ?? 1.96) * (sd / Math.sqrt(n));
  return { mean, lo: mean - half, hi: mean + half, n };
}

/**
 * Least-squares fit of s(t) = 1 − exp(−t/τ) to a success curve (τ searched on a log grid, then refined), for
 * an arm that never reached 90 %: steps to 90 % = τ·ln 10. Null when the curve shows no learning (last point 0).
 */
export function fitSaturation(curve: CurvePoint[]): SaturationFit | null {
  if (curve.length === 0 || curve[curve.length - 1].success <= 0) return null;
  const sse = (tau: number) => curve.reduce((a, p) => a + (p.success - (1 - Math.exp(-p.step / tau))) ** 2, 0);
  let best = 0;
  let bestErr = Infinity;
  for (let e = 0; e <= 700; e++) {
    const tau = 10 ** (1 + e / 100); // 10 … 10⁸ steps
    const err = sse(tau);
    if (err < bestErr) [best, bestErr] = [tau, err];
  }
  for (let k = -50; k <= 50; k++) {
    const tau = best * 10 ** (k / 5000);
    const err = sse(tau);
    if (err < bestErr) [best, bestErr] = [tau, err];
  }
  return { tau: best, stepsTo90: best * Math.LN10, rmse: Math.sqrt(bestErr / curve.length) };
}

/** One arm's runs over seeds: the mean curve, steps to 90 % per seed and their mean with a 95 % interval. */
export function summariseArm(runs: TrainResult[], budget: number): ArmSummary {
  const points = runs[0].curve.map((p) => p.step);
  const curve = points.map((step, i) => ({ step, success: runs.reduce((s, r) => s + (r.curve[i]?.success ?? 0), 0) / runs.length }));
  const hit = curve.find((p) => p.success >= 0.9);
  const perSeed = runs.map((r) => r.stepsTo90);
  const ci = meanCi95(perSeed.map((v) => v ?? budget));
  return {
    stepsTo90: hit ? hit.step : null,
    finalSuccess: curve.length ? curve[curve.length - 1].success : 0,
    curve,
    perSeed,
    ci: ci && { ...ci, censored: perSeed.filter((v) => v === null).length },
    meanCandidates: runs.reduce((a, r) => a + r.meanCandidates, 0) / runs.length,
  };
}

export async function programFor(
  task: string,
  cache: Map<string, { program: AffordanceProgram; size: number }>,
  deps: ExperimentDeps,
  sampleSeeds: number[],
  log: (s: string) => void,
): Promise<{ program: AffordanceProgram; size: number | null; reused: boolean } | null> {
  const family = getTask(task).family;
  const familyProgram = cache.get(family);
  if (familyProgram) {
    const v = await verifyProgram(deps.sandbox, familyProgram.program.source, task, sampleSeeds);
    if (v.ok) {
      log(`  reusing the ${family} family program ${familyProgram.program.name} (it verifies on ${task})`);
      return { ...familyProgram, reused: true };
    }
    log(`  family program ${familyProgram.program.name} does not verify on ${task} (${v.failures[0]}); synthesising for ${task}`);
  }
  const r = await synthesise(deps.sandbox, task, { seeds: sampleSeeds });
  if (!r.program) return handwrittenFor(task, deps, sampleSeeds, log);
  log(`  synthesised for ${task} after ${r.tried} programs: ${r.clauses.join(' + ')} (size ${r.size})`);
  if (!familyProgram) cache.set(family, { program: r.program, size: r.size });
  return { program: r.program, size: r.size, reused: false };
}

/**
 * Where the DSL has no verified program: the task's hand-written program (affordance/handwritten.ts), if it
 * verifies (with a deeper path search where needed: these tasks take up to seven steps).
 */
async function handwrittenFor(
  task: string,
  deps: ExperimentDeps,
  sampleSeeds: number[],
  log: (s: string) => void,
): Promise<{ program: AffordanceProgram; size: number | null; reused: boolean } | null> {
  const source = HANDWRITTEN_PROGRAMS[task];
  const v = await verifyHandwritten(deps.sandbox, task, sampleSeeds);
  if (!source || !v) return null;
  if (!v.ok) {
    log(`  no DSL program verifies on ${task}, and the hand-written one does not either (${v.failures[0]})`);
    return null;
  }
  log(`  no DSL program verifies on ${task}: using its hand-written program`);
  return { program: { name: `hand:${task}`, family: getTask(task).family, origin: 'user', source }, size: null, reused: false };
}

export async function runExperiment(opts: ExperimentOptions, deps: ExperimentDeps): Promise<ExperimentReport> {
  const log = opts.log ?? (() => {});
  const config = opts.config ?? DEFAULT_DQN;
  const sampleSeeds = opts.sampleSeeds ?? [101, 102, 103, 104, 105];
  const cache = new Map<string, { program: AffordanceProgram; size: number }>();
  const tasks: TaskReport[] = [];
  const evalAt = evalSchedule(opts.steps);
  const fullSteps = opts.fullSteps ?? opts.steps;
  const fullEvalAt = evalSchedule(fullSteps);
  for (const task of opts.tasks) {
    log(`${task}:`);
    const chosen = await programFor(task, cache, deps, sampleSeeds, log);
    const runsOf = async (arm: Arm, source?: string) => {
      const steps = arm === 'full' ? fullSteps : opts.steps;
      const runs: TrainResult[] = [];
      for (const seed of opts.seeds) {
        const evalPoints = arm === 'full' ? fullEvalAt : evalAt;
        const { result } = await trainWithProgram(
          {
            task,
            arm,
            seed,
            steps,
            source,
            readText: deps.readText,
            config,
            evalEpisodes: opts.evalEpisodes,
            evalAt: evalPoints,
            stopAfter90: opts.stopAfter90,
          },
          deps.sandbox,
        );
        runs.push(result);
      }
      return runs;
    };
    const fullRuns = await runsOf('full');
    const full = summariseArm(fullRuns, fullSteps);
    let affordance: ArmSummary = { stepsTo90: null, finalSuccess: 0, curve: [], perSeed: [], ci: null, meanCandidates: 0 };
    let meanActions = 0;
    if (chosen) {
      affordance = summariseArm(await runsOf('affordance', chosen.program.source), opts.steps);
      meanActions = (await verifyProgram(deps.sandbox, chosen.program.source, task, sampleSeeds, { requireEffective: false })).meanActions;
    } else log(`  no program verified for ${task}: the affordance arm is not run`);
    const { ratio, ratioIsLowerBound, fullFit, ratioExtrapolated } = ratioOf(full, affordance, fullSteps);
    const report: TaskReport = {
      task,
      family: getTask(task).family,
      seeds: opts.seeds.length,
      steps: opts.steps,
      fullSteps,
      full,
      affordance,
      ratio,
      ratioIsLowerBound,
      fullFit,
      ratioExtrapolated,
      policy: chosen !== null && affordance.meanCandidates < 2,
      program: { name: chosen?.program.name ?? '(none)', reused: chosen?.reused ?? false, size: chosen?.size ?? null, meanActions },
      fullActions: fullActionSpace(makeEnv(task).reset(sampleSeeds[0]).utterance).length,
    };
    log(
      `  full: stepsTo90 ${full.stepsTo90 ?? `>${fullSteps}`}, final ${full.finalSuccess.toFixed(2)} | affordance: stepsTo90 ${affordance.stepsTo90 ?? `>${opts.steps}`}, final ${affordance.finalSuccess.toFixed(2)}, ${affordance.meanCandidates.toFixed(1)} actions/step | ratio ${ratio === null ? 'n/a' : `${ratioIsLowerBound ? '≥' : ''}${ratio.toFixed(1)}`}${ratioExtrapolated !== null ? ` (extrapolated ${ratioExtrapolated.toFixed(1)})` : ''}`,
    );
    tasks.push(report);
  }
  const choice = tasks.filter((t) => t.ratio !== null && !t.policy);
  const transfer = await transferTable(deps.sandbox, cache, sampleSeeds);
  return {
    tasks,
    medianRatio: medianOrNull(choice.map((t) => t.ratioExtrapolated ?? t.ratio!)),
    medianIsLowerBound: choice.some((t) => t.ratioIsLowerBound && t.ratioExtrapolated === null),
    medianLowerBound: medianOrNull(choice.map((t) => t.ratio!)),
    choiceTasks: choice.map((t) => t.task),
    policyTasks: tasks.filter((t) => t.policy).map((t) => t.task),
    transfer,
    config,
    steps: opts.steps,
    seeds: opts.seeds,
  };
}

/** Each family program on every task of its family (the paper's within-family generalisation claim). */
export async function transferTable(
  sandbox: AffordanceSandbox,
  programs: Map<string, { program: AffordanceProgram }>,
  sampleSeeds: number[],
): Promise<TransferRow[]> {
  const rows: TransferRow[] = [];
  for (const [family, { program }] of programs) {
    const sourceTask = program.name.replace(/^synth:|^llm:/, '');
    for (const t of TASKS.filter((t) => t.family === family)) {
      const v = await verifyProgram(sandbox, program.source, t.name, sampleSeeds, { requireEffective: false });
      const strict = await verifyProgram(sandbox, program.source, t.name, sampleSeeds);
      rows.push({
        program: program.name,
        sourceTask,
        family,
        targetTask: t.name,
        coverage: v.solvedRate,
        meanActions: v.meanActions,
        verified: strict.ok,
      });
    }
  }
  return rows;
}
