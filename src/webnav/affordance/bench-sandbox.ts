/**
 * `npm run bench:sandbox` — the cost of one sandbox call as bench:rl and training make it (one program on one
 * screen, through the Node host and its worker_thread), for a trivial program and for a typical synthesised
 * program (OCR memoised after its first screen), plus one call on 10 screens. Median and p90 over `--calls`.
 *
 *   npm run bench:sandbox                 # 200 calls each
 *   npm run bench:sandbox -- --calls 50
 */
import { makeEnv } from '../tasks/index';
import { median, quantile } from '../../util/stats';
import { nodeSandbox } from './node-sandbox';

const PROGRAMS = {
  trivial: 'function affordances(screen, utterance, lib) {\n  return [lib.click(5, 60)];\n}',
  'text match': `function affordances(screen, utterance, lib) {
  return lib.textBoxes(screen).filter((b) => lib.mentions(utterance, b.text)).map((b) => lib.clickBox(b));
}`,
};

export async function main(argv: string[]): Promise<number> {
  const i = argv.indexOf('--calls');
  const calls = i >= 0 ? Number(argv[i + 1]) : 200;
  if (!Number.isInteger(calls) || calls < 1) {
    console.error('--calls must be a positive integer');
    return 2;
  }
  const env = makeEnv('click-button');
  const screens = Array.from({ length: 10 }, (_, k) => env.reset(k + 1));
  const sandbox = await nodeSandbox({ timeLimitMs: 1000 });
  try {
    console.log(`| program | screens per call | median ms per call | p90 ms per call |`);
    console.log(`|---|---|---|---|`);
    for (const [name, source] of Object.entries(PROGRAMS)) {
      for (const perCall of [1, 10]) {
        await sandbox.run(source, screens.slice(0, perCall)); // warm: worker started, OCR memoised
        const ms: number[] = [];
        for (let c = 0; c < calls; c++) {
          const t0 = performance.now();
          const rs = await sandbox.run(source, perCall === 1 ? [screens[c % screens.length]] : screens);
          ms.push(performance.now() - t0);
          const bad = rs.find((r) => !r.ok);
          if (bad && !bad.ok) throw new Error(`${name}: ${bad.error.message}`);
        }
        console.log(`| ${name} | ${perCall} | ${median(ms).toFixed(2)} | ${quantile(ms, 0.9).toFixed(2)} |`);
      }
    }
  } finally {
    sandbox.dispose();
  }
  return 0;
}
