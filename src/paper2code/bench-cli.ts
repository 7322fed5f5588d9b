/**
 * `npm run bench:paper2code [-- --pdf FILE] [--runs N]`: the sandboxes' costs on this machine — Pyodide's cold
 * start (fresh process: load + first run) and warm runs, QuickJS's cold and warm runs, of the same small
 * program (an averaged perceptron on 200 points, 10 epochs), and, with --pdf, PDF → paper extraction time.
 */
import fs from 'node:fs';
import { getQuickJS, runJsHere } from './js-core';
import { nodePythonSandbox } from './node-sandbox';
import { paperFromPdfNode } from './node-pdf';

const PY = `import random
rng = random.Random(7)
pts = [([rng.gauss(2 * y, 1), rng.gauss(2 * y, 1)], y) for y in [1, -1] * 100]
w, b, ws, bs, n = [0.0, 0.0], 0.0, [0.0, 0.0], 0.0, 0
for epoch in range(10):
    for x, y in pts:
        if y * (w[0] * x[0] + w[1] * x[1] + b) <= 0:
            w = [w[0] + 0.1 * y * x[0], w[1] + 0.1 * y * x[1]]
            b += 0.1 * y
        ws = [ws[0] + w[0], ws[1] + w[1]]
        bs += b
        n += 1
print(sum(1 for x, y in pts if (ws[0] * x[0] + ws[1] * x[1] + bs) * y > 0) / len(pts))
`;
const JS = `let s = 7;
const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
const gauss = (m) => m + Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
const pts = [];
for (let i = 0; i < 200; i++) { const y = i % 2 ? -1 : 1; pts.push([[gauss(2 * y), gauss(2 * y)], y]); }
let w = [0, 0], b = 0, ws = [0, 0], bs = 0;
for (let e = 0; e < 10; e++) for (const [x, y] of pts) {
  if (y * (w[0] * x[0] + w[1] * x[1] + b) <= 0) { w = [w[0] + 0.1 * y * x[0], w[1] + 0.1 * y * x[1]]; b += 0.1 * y; }
  ws = [ws[0] + w[0], ws[1] + w[1]]; bs += b;
}
console.log(pts.filter(([x, y]) => (ws[0] * x[0] + ws[1] * x[1] + bs) * y > 0).length / pts.length);
`;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

export async function main(argv: string[]): Promise<number> {
  const runs = Number(argv[argv.indexOf('--runs') + 1]) || 5;
  const pdf = argv.includes('--pdf') ? argv[argv.indexOf('--pdf') + 1] : undefined;
  const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  const sandbox = nodePythonSandbox();
  try {
    const job = { files: { 'main.py': PY }, entry: 'main.py', allowInstall: false };
    const [cold, first] = await timed(() => sandbox.run(job, { timeoutMs: 60_000 }));
    if (!first.ok) throw new Error(`Python run failed: ${first.error}`);
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) warm.push((await timed(() => sandbox.run(job, { timeoutMs: 60_000 })))[0]);
    console.log(
      `Python (Pyodide, Node child process): cold start + first run ${cold.toFixed(0)} ms; warm runs ${ms(warm)} ms; output ${first.stdout.trim()}`,
    );
  } finally {
    sandbox.dispose();
  }
  const jsJob = { files: { 'main.js': JS }, entry: 'main.js', allowInstall: false };
  const [jsCold, jsFirst] = await timed(async () => runJsHere(await getQuickJS(), jsJob, { timeoutMs: 60_000 }));
  if (!jsFirst.ok) throw new Error(`JavaScript run failed: ${jsFirst.error}`);
  const jsWarm: number[] = [];
  for (let i = 0; i < runs; i++) jsWarm.push((await timed(async () => runJsHere(await getQuickJS(), jsJob, { timeoutMs: 60_000 })))[0]);
  console.log(
    `JavaScript (QuickJS, in-process): engine load + first run ${jsCold.toFixed(0)} ms; warm runs ${ms(jsWarm)} ms; output ${jsFirst.stdout.trim()}`,
  );
  if (pdf) {
    const bytes = new Uint8Array(fs.readFileSync(pdf));
    const times: number[] = [];
    let sections = 0;
    for (let i = 0; i < runs; i++) {
      const [t, paper] = await timed(() => paperFromPdfNode(bytes));
      times.push(t);
      sections = paper.sections.length;
    }
    console.log(
      `PDF extraction (pdfjs legacy build, Node) of ${pdf} (${(bytes.length / 1024).toFixed(0)} KB, ${sections} sections): ${ms(times)} ms`,
    );
  }
  return 0;
}
