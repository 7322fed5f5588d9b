/**
 * `npm run bench:rl` — the CoGA experiment in Node: both arms (full action space vs affordance-masked)
 * with the identical DQN agent on every task over several seeds; success vs environment steps, steps to
 * 90 % success, the full/affordance ratio per task and its median; then the transfer table.
 *
 *   npm run bench:rl                        # every task, 3 seeds, 1000 env steps per arm (~25 min on 2 free cores)
 *   npm run bench:rl -- --quick             # 3 click tasks, 2 seeds, 300 steps: about a minute
 *   npm run bench:rl -- --json out.json     # also writes {tasks:[…], medianRatio, transfer}
 *   npm run bench:rl -- --tasks click-tab,click-link --seeds 2 --steps 800
 */
import fs from 'node:fs';
import { TASK_NAMES } from './tasks/index';
import { nodeSandbox } from './affordance/node-sandbox';
import { readTextFromPixels } from './affordance/lib';
import { runExperiment, type ExperimentReport } from './experiment/coga';
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
  lines.push('| task | family | program (actions/screen) | full: steps to 90 % | full: final success | affordance: steps to 90 % | affordance: final success | full / affordance |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const t of r.tasks) {
    const ratio = t.ratio === null ? 'n/a (affordance arm < 90 %)' : `${t.ratioIsLowerBound ? '≥ ' : ''}${t.ratio.toFixed(1)}×`;
    lines.push(
      `| ${t.task} | ${t.family} | ${t.program.name}${t.program.reused ? ' (reused)' : ''} (${t.program.meanActions.toFixed(1)}) | ${fmtSteps(t.full.stepsTo90, t.steps)} | ${t.full.finalSuccess.toFixed(2)} | ${fmtSteps(t.affordance.stepsTo90, t.steps)} | ${t.affordance.finalSuccess.toFixed(2)} | ${ratio} |`,
    );
  }
  lines.push('');
  lines.push(
    `Median full/affordance ratio over ${r.tasks.filter((t) => t.ratio !== null).length} tasks with a ratio: ${r.medianRatio === null ? 'n/a' : `${r.medianIsLowerBound ? '≥ ' : ''}${r.medianRatio.toFixed(1)}×`} (target ≥ 10×).`,
  );
  lines.push('');
  lines.push('Success rate (greedy, mean over seeds) against environment steps:');
  lines.push('');
  const steps = r.tasks[0]?.full.curve.map((p) => p.step) ?? [];
  lines.push(`| task / arm | ${steps.join(' | ')} |`);
  lines.push(`|---|${steps.map(() => '---').join('|')}|`);
  for (const t of r.tasks) {
    lines.push(`| ${t.task} full | ${t.full.curve.map((p) => p.success.toFixed(2)).join(' | ')} |`);
    if (t.affordance.curve.length) lines.push(`| ${t.task} affordance | ${t.affordance.curve.map((p) => p.success.toFixed(2)).join(' | ')} |`);
  }
  lines.push('');
  lines.push('Transfer of each family program to the tasks of its family (coverage = share of sample screens whose affordance set contains a path to success):');
  lines.push('');
  lines.push('| program | synthesised on | family | applied to | coverage | actions/screen | verifies |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const row of r.transfer) {
    lines.push(`| ${row.program} | ${row.sourceTask} | ${row.family} | ${row.targetTask} | ${row.coverage.toFixed(2)} | ${row.meanActions.toFixed(1)} | ${row.verified ? 'yes' : 'no'} |`);
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
  const steps = Number(arg(argv, '--steps') ?? (quick ? 300 : 1000));
  const evalEpisodes = Number(arg(argv, '--eval-episodes') ?? 10);
  if (!Number.isInteger(nSeeds) || nSeeds < 1 || !Number.isInteger(steps) || steps < 20) {
    console.error('--seeds must be a positive integer and --steps an integer ≥ 20');
    return 2;
  }
  const seeds = Array.from({ length: nSeeds }, (_, i) => i + 1);
  console.log(`# Web-navigation RL bench: ${tasks.length} task(s), seeds ${seeds.join(',')}, ${steps} env steps per arm, ${evalEpisodes} eval episodes per point`);
  console.log(`# DQN (both arms): ${JSON.stringify(DEFAULT_DQN)}`);
  console.log('# training stops after 2 consecutive evaluation points at ≥ 90 % (both arms); later points repeat the last value');
  const sandbox = await nodeSandbox({ timeLimitMs: 1000 });
  const t0 = performance.now();
  try {
    const report = await runExperiment(
      { tasks, seeds, steps, evalEpisodes, stopAfter90: 2, log: (l) => console.log(l) },
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
          full: { stepsTo90: t.full.stepsTo90, finalSuccess: t.full.finalSuccess },
          affordance: { stepsTo90: t.affordance.stepsTo90, finalSuccess: t.affordance.finalSuccess },
          ratio: t.ratio,
          ratioIsLowerBound: t.ratioIsLowerBound,
          program: t.program,
          curves: { full: t.full.curve, affordance: t.affordance.curve },
        })),
        medianRatio: report.medianRatio,
        medianIsLowerBound: report.medianIsLowerBound,
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
