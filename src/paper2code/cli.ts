/**
 * `npm run paper2code -- <command>`:
 *   extract FILE [--json]                       the paper as {title, sections:[{heading, text}], chars}
 *   generate FILE --endpoint URL --model NAME --out DIR [--key K] [--context N] [--max-tokens N]
 *            [--language python|javascript] [--rounds N] [--timeout S] [--request-timeout S] [--price-in USD --price-out USD] [--no-run] [--json]
 *                                               the whole pipeline headless; resumes from DIR/state.json
 *   run DIR [--entry main.py] [--timeout S] [--memory MB] [--json]
 *                                               the repository in Pyodide (main.js: in QuickJS) → {ok, exitCode, stdout, stderr, timedOut}
 * FILE: .pdf, .tex (its \input files read from its folder), .zip/.tar.gz/.tgz/.tar of LaTeX sources, .md, .txt.
 * The API key may also come from the OPENAI_API_KEY environment variable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openAiCompatible } from '../llm/openai';
import { artifactFiles } from './artifacts';
import { paperFromFile } from './input';
import { paperChars, type Paper } from './paper';
import { nodePythonSandbox } from './node-sandbox';
import { paperFromPdfNode } from './node-pdf';
import { runPipeline, stageName, usageByStage, type Prices, type Runner } from './pipeline';
import { getQuickJS, runJsHere } from './js-core';
import { newProject, type ProjectState, type RunResult } from './types';

const USAGE = `usage:
  npm run paper2code -- extract FILE [--json]
  npm run paper2code -- generate FILE --endpoint URL --model NAME --out DIR [--key K] [--no-run] [--json]
  npm run paper2code -- run DIR [--entry main.py] [--timeout S] [--memory MB] [--json]`;

function parseArgs(argv: string[]): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) positional.push(a);
    else if (['--json', '--no-run', '--allow-install'].includes(a)) flags[a.slice(2)] = true;
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      flags[a.slice(2)] = v;
      i++;
    }
  }
  return { positional, flags };
}

function num(flags: Record<string, string | true>, name: string): number | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number (got ${String(v)})`);
  return n;
}

/** Text files of a repository folder (`DIR`, or `DIR/repo` when the pipeline's output folder is given). */
export function readRepo(dir: string): { root: string; files: Record<string, string> } {
  const root = !fs.existsSync(path.join(dir, 'main.py')) && fs.existsSync(path.join(dir, 'repo')) ? path.join(dir, 'repo') : dir;
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new Error(`${dir} is not a folder`);
  const files: Record<string, string> = {};
  let total = 0;
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!['.git', '__pycache__', 'node_modules', '.venv'].includes(entry.name)) walk(p);
      } else if (entry.isFile() && /\.(py|js|mjs|yaml|yml|json|txt|csv|md|cfg|ini|toml)$/.test(entry.name)) {
        const text = fs.readFileSync(path.join(root, p), 'utf8');
        total += text.length;
        if (Object.keys(files).length >= 500 || total > 20_000_000) throw new Error(`${root} holds more than 500 files or 20 MB of text`);
        files[p] = text;
      }
    }
  };
  walk('');
  return { root, files };
}

/** A paper file from disk; a .tex file brings the .tex files of its folder for \\input. */
async function readPaper(file: string): Promise<Paper> {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
  const siblings: Record<string, string> = {};
  if (file.toLowerCase().endsWith('.tex')) {
    const dir = path.dirname(file);
    for (const p of fs.readdirSync(dir, { recursive: true }) as string[]) {
      if (p.endsWith('.tex') && Object.keys(siblings).length < 200)
        siblings[p.split(path.sep).join('/')] = fs.readFileSync(path.join(dir, p), 'utf8');
    }
  }
  const warnings: string[] = [];
  const paper = await paperFromFile(path.basename(file), new Uint8Array(fs.readFileSync(file)), {
    pdf: paperFromPdfNode,
    siblings,
    warnings,
  });
  for (const w of warnings) console.error(`warning: ${w}`);
  return paper;
}

async function extract(file: string, json: boolean): Promise<number> {
  const paper = await readPaper(file);
  const out = { title: paper.title, sections: paper.sections, chars: paperChars(paper) };
  if (json) console.log(JSON.stringify(out, null, 2));
  else
    console.log(`${out.title}\n${out.sections.map((s) => `  ${s.heading} (${s.text.length} chars)`).join('\n')}\n${out.chars} characters`);
  return 0;
}

async function run(dir: string, flags: Record<string, string | true>): Promise<number> {
  const { files } = readRepo(dir);
  const entry = typeof flags.entry === 'string' ? flags.entry : 'main.js' in files && !('main.py' in files) ? 'main.js' : 'main.py';
  const timeoutMs = (num(flags, 'timeout') ?? 30) * 1000;
  const print = (r: RunResult) => {
    if (flags.json)
      console.log(
        JSON.stringify(
          {
            ok: r.ok,
            exitCode: r.exitCode,
            stdout: r.stdout,
            stderr: r.stderr,
            timedOut: r.timedOut,
            ...(r.error ? { error: r.error } : {}),
          },
          null,
          2,
        ),
      );
    else if (r.error) console.error(r.error);
    return r.ok ? 0 : 1;
  };
  const onOutput = flags.json
    ? undefined
    : (s: 'stdout' | 'stderr', t: string) => (s === 'stdout' ? process.stdout : process.stderr).write(t);
  if (/\.m?js$/.test(entry))
    return print(
      await runJsHere(await getQuickJS(), { files, entry, allowInstall: false }, { timeoutMs, memoryMb: num(flags, 'memory') }, onOutput),
    );
  const sandbox = nodePythonSandbox({ memoryMb: num(flags, 'memory') });
  try {
    return print(await sandbox.run({ files, entry, allowInstall: flags['allow-install'] === true }, { timeoutMs, onOutput }));
  } finally {
    sandbox.dispose();
  }
}

function writeOutputs(out: string, state: ProjectState, prices?: Prices): void {
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'state.json'), JSON.stringify(state, null, 2));
  for (const [p, text] of Object.entries(artifactFiles(state, prices))) {
    fs.mkdirSync(path.dirname(path.join(out, p)), { recursive: true });
    fs.writeFileSync(path.join(out, p), text);
  }
}

async function generate(file: string, flags: Record<string, string | true>): Promise<number> {
  const endpoint = flags.endpoint;
  const model = flags.model;
  const out = flags.out;
  if (typeof endpoint !== 'string' || typeof model !== 'string' || typeof out !== 'string')
    throw new Error(`generate needs --endpoint URL --model NAME --out DIR\n${USAGE}`);
  const statePath = path.join(out, 'state.json');
  let state: ProjectState;
  if (fs.existsSync(statePath)) {
    state = JSON.parse(fs.readFileSync(statePath, 'utf8')) as ProjectState;
    console.error(`Resuming ${statePath} (${state.calls.length} calls done)`);
  } else {
    const language = flags.language ?? 'python';
    if (language !== 'python' && language !== 'javascript')
      throw new Error(`--language must be python or javascript (got ${String(language)})`);
    state = newProject(await readPaper(file), language);
  }
  const prices = flags['price-in'] !== undefined ? { input: num(flags, 'price-in')!, output: num(flags, 'price-out') ?? 0 } : undefined;
  const apiKey = typeof flags.key === 'string' ? flags.key : process.env.OPENAI_API_KEY;
  const sandbox = flags['no-run'] || state.language !== 'python' ? undefined : nodePythonSandbox();
  const timeoutMs = (num(flags, 'timeout') ?? 60) * 1000;
  const runner: Runner | undefined = flags['no-run']
    ? undefined
    : sandbox
      ? (files, entry, { signal }) => sandbox.run({ files, entry, allowInstall: false }, { timeoutMs, signal })
      : async (files, entry) => runJsHere(await getQuickJS(), { files, entry, allowInstall: false }, { timeoutMs });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    await runPipeline(state, {
      llm: openAiCompatible({ baseUrl: endpoint, model, apiKey }),
      signal: controller.signal,
      contextTokens: num(flags, 'context'),
      maxTokens: num(flags, 'max-tokens'),
      maxRepairRounds: flags.rounds !== undefined ? Number(flags.rounds) : undefined,
      requestTimeoutMs: num(flags, 'request-timeout') !== undefined ? num(flags, 'request-timeout')! * 1000 : undefined,
      runner,
      onStage: (key) => console.error(`… ${key === 'run' ? 'Running the repository' : stageName(key)}`),
      onState: (s) => writeOutputs(out, s, prices),
    });
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    console.error(`Artifacts so far are in ${out}; run the same command again to resume.`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    sandbox?.dispose();
  }
  const summary = {
    out,
    files: Object.keys(state.files),
    run: state.run ? { ok: state.run.ok, exitCode: state.run.exitCode, error: state.run.error } : undefined,
    repairs: state.repairs.length,
    usage: usageByStage(state, prices),
  };
  if (flags.json) console.log(JSON.stringify(summary, null, 2));
  else
    console.log(
      `Wrote ${summary.files.length} files to ${path.join(out, 'repo')}; run ${state.run ? (state.run.ok ? 'succeeded' : `failed: ${state.run.error}`) : 'skipped'} after ${summary.repairs} repair round(s)`,
    );
  return state.run && !state.run.ok ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, target] = parsed.positional;
  if (!command || !target) {
    console.error(USAGE);
    return 2;
  }
  try {
    if (command === 'extract') return await extract(target, parsed.flags.json === true);
    if (command === 'run') return await run(target, parsed.flags);
    if (command === 'generate') return await generate(target, parsed.flags);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
  console.error(`unknown command ${command}\n${USAGE}`);
  return 2;
}
