/**
 * `npm run bench`: the attention benchmark (src/attention/bench/suite.ts) with its ceilings and peers.
 *
 *   npm run build && npm run bench -- --quick                # headless Chromium (default), with the ORT peers
 *   npm run bench -- --runtime node --quick --json out.json  # Node through Dawn, no browser; ORT peers skipped
 *   npm run bench -- --shape B=1,H=4,KVH=2,Sq=256,Skv=256,D=64,causal=1
 *
 * The browser runtime serves the built app (dist/, or $PLAYGROUND_DIST) on 127.0.0.1, opens the Attention
 * tab in headless Chromium and calls the same function its "Benchmark this GPU" button calls; progress lines
 * are forwarded to stderr. Exit status: 0 when every kernel matched its reference, 1 when one did not or the
 * run failed, 2 for a bad command line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_USAGE, BenchArgsError, parseBenchArgs, type BenchArgs } from './bench/args';
import { formatReport, type BenchReport } from './bench/report';
import type { BenchHookOptions } from './ui/bench-runner';

export async function main(argv: string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (e) {
    if (!(e instanceof BenchArgsError)) throw e;
    console.error(`bench: ${e.message}\n\n${BENCH_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(BENCH_USAGE);
    return 0;
  }
  let report: BenchReport;
  try {
    report = args.runtime === 'node' ? await runInNode(args) : await runInBrowser(args);
  } catch (e) {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  // The JSON is written first: a long run's numbers must survive anything that follows.
  if (args.json) {
    fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
    fs.writeFileSync(args.json, JSON.stringify(report, null, 2));
  }
  console.log(formatReport(report));
  if (args.json) console.log(`\nwrote ${args.json}`);
  const failed = report.results.filter((r) => !r.passed);
  if (failed.length) {
    console.error(`bench: ${failed.length} case(s) exceeded their error tolerance`);
    return 1;
  }
  return 0;
}

const progressLine = (p: { done: number; total: number; label: string }) => console.error(`[${p.done}/${p.total}] ${p.label}`);

async function runInNode(args: BenchArgs): Promise<BenchReport> {
  const { nodeGpu } = await import('../gpu/node-gpu');
  const { GpuContext } = await import('../gpu/context');
  const { runSuite } = await import('./bench/suite');
  const ctx = await GpuContext.create(await nodeGpu());
  try {
    return await runSuite(ctx, {
      runtime: 'node',
      quick: args.quick,
      shapes: args.shapes,
      ortSkipReason: 'onnxruntime-web runs only in a browser (use --runtime browser)',
      onProgress: progressLine,
    });
  } finally {
    ctx.close();
  }
}

/** Newest modification time under `dir` (source files only), to tell whether dist/ is older than the code. */
function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.(ts|svelte|wgsl|css|html|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

async function runInBrowser(args: BenchArgs): Promise<BenchReport> {
  const root = process.env.PLAYGROUND_DIST ?? 'dist';
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(`${index} is missing: run "npm run build" first (or use --runtime node, which needs no build)`);
  }
  const built = fs.statSync(index).mtimeMs;
  if (['src', 'workers', 'shaders'].some((d) => newestMtime(d) > built)) {
    console.error(`bench: warning: ${root}/ is older than the sources; run "npm run build" to benchmark the current code`);
  }
  const { startStaticServer } = await import('../../scripts/serve.mjs');
  const puppeteer = (await import('puppeteer-core')).default;
  const server = await startStaticServer({ root, base: '/' });
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    // WebGPU in headless Chromium; on a machine without a GPU Chromium falls back to SwiftShader.
    args: [
      '--no-sandbox',
      '--headless=new',
      '--no-first-run',
      '--disable-background-networking',
      '--enable-unsafe-webgpu',
      '--disable-dev-shm-usage',
    ],
    // A full run on a software adapter takes many minutes in one evaluate().
    protocolTimeout: 6 * 3600_000,
  });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      const text = m.text();
      if (text.startsWith('[attention-bench] ')) console.error(text.slice('[attention-bench] '.length));
      else if (m.type() === 'error') console.error(`page: ${text}`);
    });
    page.on('pageerror', (e) => console.error(`page error: ${String(e)}`));
    await page.goto(`${server.url}#attention`, { waitUntil: 'load' });
    await page.waitForFunction(() => '__attentionBench' in globalThis, { timeout: 60_000 });
    const hookOptions: BenchHookOptions = { quick: args.quick, shapes: args.shapes };
    const outcome = await page.evaluate(
      (o) => (globalThis as unknown as { __attentionBench: (o: unknown) => Promise<unknown> }).__attentionBench(o),
      hookOptions,
    );
    const r = outcome as { ok: true; value: BenchReport } | { ok: false; error: { message: string } };
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  } finally {
    await browser.close();
    await server.close();
  }
}

function chromiumPath(): string {
  const candidates = [process.env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/google-chrome'];
  const found = candidates.find((p) => p && fs.existsSync(p));
  if (!found)
    throw new Error('Chromium not found: install it (apt-get install -y chromium) or set PUPPETEER_EXECUTABLE_PATH, or use --runtime node');
  return found;
}
