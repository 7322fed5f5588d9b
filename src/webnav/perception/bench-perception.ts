/**
 * `npm run bench:perception` — the cost of reading one screen, as RL pays it: OCR of the task area
 * (`readText(screen, TASK_AREA)`), OCR of the whole screen, and colour segmentation, on screens of every task
 * (seeds 1–`--seeds`, each followed by a few random clicks so that screens change as they do in training).
 * Uncached: every call reads the pixels. Best of 3 calls per screen (the machine is shared); median, p90 and
 * max over screens.
 *
 *   npm run bench:perception                 # 5 seeds × 4 screens per task
 *   npm run bench:perception -- --seeds 2
 */
import { makeEnv, TASK_NAMES } from '../tasks/index';
import { mulberry32 } from '../../util/random';
import { median, quantile } from '../../util/stats';
import { TASK_AREA, type Screen } from './image';
import { readText } from './ocr';
import { segment } from './segment';

/** Screens of every task: each seed's first screen and the screens after a few random clicks. */
export function sampleScreens(seeds: number, clicksPerEpisode = 3): Screen[] {
  const screens: Screen[] = [];
  for (const task of TASK_NAMES)
    for (let seed = 1; seed <= seeds; seed++) {
      const env = makeEnv(task, { maxSteps: 50 });
      const rng = mulberry32(seed);
      screens.push(env.reset(seed));
      for (let k = 0; k < clicksPerEpisode; k++) {
        const r = env.step({ type: 'click', x: Math.floor(rng() * 160), y: 45 + Math.floor(rng() * 165) });
        screens.push(r.observation);
        if (r.terminated || r.truncated) break;
      }
    }
  return screens;
}

export async function main(argv: string[]): Promise<number> {
  const i = argv.indexOf('--seeds');
  const seeds = i >= 0 ? Number(argv[i + 1]) : 5;
  if (!Number.isInteger(seeds) || seeds < 1) {
    console.error('--seeds must be a positive integer');
    return 2;
  }
  const screens = sampleScreens(seeds);
  const cases: [string, (s: Screen) => unknown][] = [
    ['readText(task area)', (s) => readText(s, TASK_AREA)],
    ['readText(whole screen)', (s) => readText(s)],
    ['segment(task area)', (s) => segment(s, { box: TASK_AREA, minArea: 30 })],
  ];
  console.log(`${screens.length} screens of ${TASK_NAMES.length} tasks`);
  console.log(`| step | cold first pass: mean ms per screen | warm: median ms per screen | p90 ms | max ms |`);
  console.log(`|---|---|---|---|---|`);
  for (const [name, fn] of cases) {
    // The first pass runs cold (interpreted until V8's compiler threads catch up, slow on a busy machine).
    const c0 = performance.now();
    for (const s of screens) fn(s);
    const cold = (performance.now() - c0) / screens.length;
    for (let k = 0; k < 2; k++) for (const s of screens) fn(s);
    // Best of 3 per screen: the machine is shared, and a preempted call says nothing about the code.
    const ms = screens.map((s) => {
      let best = Infinity;
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        fn(s);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    });
    console.log(
      `| ${name} | ${cold.toFixed(2)} | ${median(ms).toFixed(2)} | ${quantile(ms, 0.9).toFixed(2)} | ${Math.max(...ms).toFixed(2)} |`,
    );
  }
  return 0;
}
