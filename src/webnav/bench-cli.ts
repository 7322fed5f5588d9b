/**
 * `npm run bench:rl` — the CoGA experiment in Node: both arms (full action space vs affordance-masked)
 * with the identical DQN agent on every task over several seeds; success vs environment steps, steps to
 * 90 % success, the full/affordance ratio per task and its median; then the transfer table.
 *
 *   npm run bench:rl                        # every task, 3 seeds, 1000 env steps per arm (~25 min on 2 free cores)
 *   npm run bench:rl -- --quick             # 3 click tasks, 2 seeds, 300 steps: about a minute
 *   npm run bench:rl -- --json out.json     # also writes {tasks:[…], medianRatio, transfer}
 *   npm run bench:rl -- --tasks click-tab,click-link --seeds 2 --steps 800
 *   npm run bench:rl -- --seed-base 100 --seeds 5   # seeds 101…105 (check the result on other seeds)
 *   npm run bench:rl -- --full-steps 3000           # give the full arm a longer budget than the affordance arm
 */
import fs from 'node:fs';
import { TASK_NAMES } from './tasks/index';
import { nodeSandbox } from './affordance/node-sandbox';
import { readTextFromPixels } from './affordance/lib';
import { formatCi, formatRatio, runExperiment, type ExperimentReport, type TaskReport } from './experiment/coga';
import type { CurvePoint } from './agent/train';
import { DEFAULT_DQN } from './agent/dqn';

const QUICK_TASKS = ['click-button', 'click-link', 'click-tab'];

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function fmtSteps(s: number | null, budget: number): string {
  return s === null ? `>${budget}` : String(s);
}

export function formatReport(r: ExperimentReport): string {
  const lines: string[] = [];
  const table = (rows: TaskReport[]) => {
    lines.push(
      '| task | program (actions/step in training) | full: steps to 90 % (mean curve) | full: mean [95 % CI] over seeds | full: final | affordance: steps to 90 % | affordance: mean [95 % CI] | affordance: final | full / affordance |',
    );
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const t of rows) {
      lines.push(
        `| ${t.task} | ${t.program.name}${t.program.reused ? ' (reused)' : ''} (${t.affordance.meanCandidates.toFixed(1)}) | ${fmtSteps(t.full.stepsTo90, t.fullSteps)} | ${formatCi(t.full)} | ${t.full.finalSuccess.toFixed(2)} | ${fmtSteps(t.affordance.stepsTo90, t.steps)} | ${formatCi(t.affordance)} | ${t.affordance.finalSuccess.toFixed(2)} | ${formatRatio(t)} |`,
      );
    }
  };
  lines.push('Tasks whose program leaves the agent a choice (≥ 2 actions per step on average):');
  lines.push('');
  table(r.tasks.filter((t) => !t.policy));
  const policies = r.tasks.filter((t) => t.policy);
  if (policies.length) {
    lines.push('');
    lines.push('Policies (the program returns fewer than 2 actions per step on average: nothing left to learn; not in the median):');
    lines.push('');
    table(policies);
  }
  lines.push('');
  const fmtMedian = (m: number | null, lb: boolean) => (m === null ? 'n/a' : `${lb ? '≥ ' : ''}${m.toFixed(1)}×`);
  lines.push(
    `Median full/affordance ratio over the ${r.choiceTasks.length} tasks with a choice: ${fmtMedian(r.medianRatio, r.medianIsLowerBound)} (measured, or extrapolated with s(t) = 1 − exp(−t/τ) where the full arm never reached 90 %); with budget lower bounds instead of the fit: ≥ ${fmtMedian(r.medianLowerBound, false)} (target ≥ 10×).`,
  );
  const fits = r.tasks.filter((t) => t.fullFit);
  if (fits.length) {
    lines.push('');
    lines.push(
      `Full-arm fits (τ, extrapolated steps to 90 %, rmse): ${fits.map((t) => `${t.task} τ=${t.fullFit!.tau.toFixed(0)} → ${t.fullFit!.stepsTo90.toFixed(0)} (rmse ${t.fullFit!.rmse.toFixed(2)})`).join('; ')}`,
    );
  }
  lines.push('');
  lines.push('Success rate (greedy, mean over seeds) against environment steps:');
  lines.push('');
  const steps = [...new Set(r.tasks.flatMap((t) => [...t.full.curve, ...t.affordance.curve].map((p) => p.step)))].sort((a, b) => a - b);
  const row = (curve: CurvePoint[]) => steps.map((s) => curve.find((p) => p.step === s)?.success.toFixed(2) ?? '').join(' | ');
  lines.push(`| task / arm | ${steps.join(' | ')} |`);
  lines.push(`|---|${steps.map(() => '---').join('|')}|`);
  for (const t of r.tasks) {
    lines.push(`| ${t.task} full | ${row(t.full.curve)} |`);
    if (t.affordance.curve.length) lines.push(`| ${t.task} affordance | ${row(t.affordance.curve)} |`);
  }
  lines.push('');
  lines.push(
    'Transfer of each family program to the tasks of its family (coverage = share of sample screens whose affordance set contains a path to success):',
  );
  lines.push('');
  lines.push('| program | synthesised on | family | applied to | coverage | actions/screen | verifies |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const row of r.transfer) {
    lines.push(
      `| ${row.program} | ${row.sourceTask} | ${row.family} | ${row.targetTask} | ${row.coverage.toFixed(2)} | ${row.meanActions.toFixed(1)} | ${row.verified ? 'yes' : 'no'} |`,
    );
  }
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const tasksArg = arg(argv, '--tasks');
  const tasks = tasksArg ? tasksArg.split(',').map((s) => s.trim()) : quick ? QUICK_TASKS : [...TASK_NAMES];
  const unknown = tasks.filter((t) => !TASK_NAMES.includes(t));
  if (unknown.length) {
    console.error(`unknown task(s): ${unknown.join(', ')}; known: ${TASK_NAMES.join(', ')}`);
    return 2;
  }
  const nSeeds = Number(arg(argv, '--seeds') ?? (quick ? 2 : 3));
  const seedBase = Number(arg(argv, '--seed-base') ?? 0);
  const steps = Number(arg(argv, '--steps') ?? (quick ? 300 : 1000));
  const fullSteps = Number(arg(argv, '--full-steps') ?? steps);
  const evalEpisodes = Number(arg(argv, '--eval-episodes') ?? 10);
  if (
    !Number.isInteger(nSeeds) ||
    nSeeds < 1 ||
    !Number.isInteger(steps) ||
    steps < 20 ||
    !Number.isInteger(fullSteps) ||
    fullSteps < steps
  ) {
    console.error('--seeds must be a positive integer, --steps an integer ≥ 20 and --full-steps an integer ≥ --steps');
    return 2;
  }
  if (!Number.isInteger(seedBase) || seedBase < 0 || seedBase + nSeeds >= 1_000_000) {
    console.error('--seed-base must be an integer ≥ 0 (seeds base+1 … base+k, below 1,000,000: evaluation seeds start there)');
    return 2;
  }
  const seeds = Array.from({ length: nSeeds }, (_, i) => seedBase + i + 1);
  console.log(
    `# Web-navigation RL bench: ${tasks.length} task(s), seeds ${seeds.join(',')}, ${steps} env steps (affordance arm), ${fullSteps} (full arm), ${evalEpisodes} eval episodes per point`,
  );
  console.log(`# DQN (both arms): ${JSON.stringify(DEFAULT_DQN)}`);
  console.log('# training stops after 2 consecutive evaluation points at ≥ 90 % (both arms); later points repeat the last value');
  const sandbox = await nodeSandbox({ timeLimitMs: 1000 });
  const t0 = performance.now();
  try {
    const report = await runExperiment(
      { tasks, seeds, steps, fullSteps, evalEpisodes, stopAfter90: 2, log: (l) => console.log(l) },
      { sandbox, readText: readTextFromPixels },
    );
    console.log('');
    console.log(formatReport(report));
    console.log(`\nwall time ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const json = arg(argv, '--json');
    if (json) {
      const out = {
        tasks: report.tasks.map((t) => ({
          task: t.task,
          seeds: t.seeds,
          full: {
            stepsTo90: t.full.stepsTo90,
            finalSuccess: t.full.finalSuccess,
            perSeed: t.full.perSeed,
            ci: t.full.ci,
            steps: t.fullSteps,
          },
          affordance: {
            stepsTo90: t.affordance.stepsTo90,
            finalSuccess: t.affordance.finalSuccess,
            perSeed: t.affordance.perSeed,
            ci: t.affordance.ci,
            meanCandidates: t.affordance.meanCandidates,
          },
          ratio: t.ratio,
          ratioIsLowerBound: t.ratioIsLowerBound,
          ratioExtrapolated: t.ratioExtrapolated,
          fullFit: t.fullFit,
          policy: t.policy,
          program: t.program,
          curves: { full: t.full.curve, affordance: t.affordance.curve },
        })),
        medianRatio: report.medianRatio,
        medianIsLowerBound: report.medianIsLowerBound,
        medianLowerBound: report.medianLowerBound,
        choiceTasks: report.choiceTasks,
        policyTasks: report.policyTasks,
        wallSeconds: (performance.now() - t0) / 1000,
        transfer: report.transfer,
        steps,
        seeds,
        config: report.config,
      };
      fs.writeFileSync(json, JSON.stringify(out, null, 2));
      console.log(`wrote ${json}`);
    }
    return 0;
  } finally {
    sandbox.dispose();
  }
}
