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
import type { Observation } from '../env/types';
import type { ReadText } from '../agent/features';
import { DEFAULT_DQN, type DqnConfig } from '../agent/dqn';
import { evalSchedule, trainArm, type Arm, type CurvePoint, type TrainResult } from '../agent/train';
import type { AffordanceProgram } from '../affordance/program';
import type { AffordanceSandbox } from '../affordance/sandbox';
import { synthesise } from '../affordance/synthesiser';
import { verifyProgram } from '../affordance/verify';
import { median } from '../../util/stats';

export interface ArmSummary {
  stepsTo90: number | null;
  finalSuccess: number;
  /** Mean success over seeds at each evaluation point. */
  curve: CurvePoint[];
}

export interface TaskReport {
  task: string;
  family: string;
  seeds: number;
  steps: number;
  full: ArmSummary;
  affordance: ArmSummary;
  /** full.stepsTo90 / affordance.stepsTo90; null when the affordance arm never reached 90 %. */
  ratio: number | null;
  /** True when the full arm never reached 90 % and its budget stood in (so the real ratio is larger). */
  ratioIsLowerBound: boolean;
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
  medianRatio: number | null;
  medianIsLowerBound: boolean;
  transfer: TransferRow[];
  config: DqnConfig;
  steps: number;
  seeds: number[];
}

export interface ExperimentOptions {
  tasks: string[];
  seeds: number[];
  steps: number;
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

function summarise(runs: TrainResult[]): ArmSummary {
  const points = runs[0].curve.map((p) => p.step);
  const curve = points.map((step, i) => ({ step, success: runs.reduce((s, r) => s + (r.curve[i]?.success ?? 0), 0) / runs.length }));
  const hit = curve.find((p) => p.success >= 0.9);
  return { stepsTo90: hit ? hit.step : null, finalSuccess: curve.length ? curve[curve.length - 1].success : 0, curve };
}

export async function programFor(
  task: string,
  cache: Map<string, { program: AffordanceProgram; size: number }>,
  deps: ExperimentDeps,
  sampleSeeds: number[],
  log: (s: string) => void,
): Promise<{ program: AffordanceProgram; size: number; reused: boolean } | null> {
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
  if (!r.program) return null;
  log(`  synthesised for ${task} after ${r.tried} programs: ${r.clauses.join(' + ')} (size ${r.size})`);
  if (!familyProgram) cache.set(family, { program: r.program, size: r.size });
  return { program: r.program, size: r.size, reused: false };
}

export async function runExperiment(opts: ExperimentOptions, deps: ExperimentDeps): Promise<ExperimentReport> {
  const log = opts.log ?? (() => {});
  const config = opts.config ?? DEFAULT_DQN;
  const sampleSeeds = opts.sampleSeeds ?? [101, 102, 103, 104, 105];
  const cache = new Map<string, { program: AffordanceProgram; size: number }>();
  const tasks: TaskReport[] = [];
  const evalAt = evalSchedule(opts.steps);
  for (const task of opts.tasks) {
    log(`${task}:`);
    const chosen = await programFor(task, cache, deps, sampleSeeds, log);
    const runsOf = async (arm: Arm, source?: string) => {
      const runs: TrainResult[] = [];
      for (const seed of opts.seeds) {
        const affordances = source
          ? async (obs: Observation) => {
              const [r] = await deps.sandbox.run(source, [obs]);
              return r.ok ? r.actions : [];
            }
          : undefined;
        runs.push(await trainArm({ task, arm, seed, steps: opts.steps, readText: deps.readText, affordances, config, evalEpisodes: opts.evalEpisodes, evalAt, stopAfter90: opts.stopAfter90 }));
      }
      return runs;
    };
    const fullRuns = await runsOf('full');
    const full = summarise(fullRuns);
    let affordance: ArmSummary = { stepsTo90: null, finalSuccess: 0, curve: [] };
    let meanActions = 0;
    if (chosen) {
      affordance = summarise(await runsOf('affordance', chosen.program.source));
      meanActions = (await verifyProgram(deps.sandbox, chosen.program.source, task, sampleSeeds, { requireEffective: false })).meanActions;
    } else log(`  no program verified for ${task}: the affordance arm is not run`);
    let ratio: number | null = null;
    let ratioIsLowerBound = false;
    if (affordance.stepsTo90 !== null) {
      if (full.stepsTo90 !== null) ratio = full.stepsTo90 / affordance.stepsTo90;
      else {
        ratio = opts.steps / affordance.stepsTo90;
        ratioIsLowerBound = true;
      }
    }
    const report: TaskReport = {
      task,
      family: getTask(task).family,
      seeds: opts.seeds.length,
      steps: opts.steps,
      full,
      affordance,
      ratio,
      ratioIsLowerBound,
      program: { name: chosen?.program.name ?? '(none)', reused: chosen?.reused ?? false, size: chosen?.size ?? null, meanActions },
      fullActions: fullActionSpace(makeEnv(task).reset(sampleSeeds[0]).utterance).length,
    };
    log(
      `  full: stepsTo90 ${full.stepsTo90 ?? `>${opts.steps}`}, final ${full.finalSuccess.toFixed(2)} | affordance: stepsTo90 ${affordance.stepsTo90 ?? `>${opts.steps}`}, final ${affordance.finalSuccess.toFixed(2)} | ratio ${ratio === null ? 'n/a' : `${ratioIsLowerBound ? '≥' : ''}${ratio.toFixed(1)}`}`,
    );
    tasks.push(report);
  }
  const ratios = tasks.filter((t) => t.ratio !== null);
  const transfer = await transferTable(deps.sandbox, cache, sampleSeeds);
  return {
    tasks,
    medianRatio: medianOrNull(ratios.map((t) => t.ratio!)),
    medianIsLowerBound: ratios.some((t) => t.ratioIsLowerBound),
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
      rows.push({ program: program.name, sourceTask, family, targetTask: t.name, coverage: v.solvedRate, meanActions: v.meanActions, verified: strict.ok });
    }
  }
  return rows;
}
