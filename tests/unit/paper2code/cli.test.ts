// The command line as a person runs it (`node scripts/run-ts.mjs src/paper2code/cli.ts …`, what
// `npm run paper2code --` runs): extract a PDF made by pdf-lib, generate a repository from it against a
// local OpenAI-protocol server playing the model (its first main.py is broken; the repair loop fixes it in
// Pyodide), then run the result.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startOpenAiServer, type OpenAiServer } from '../llm/openai-server';
import { makePaperPdf } from './make-pdf';
import { paperCoderAnswer, paperCoderStage } from './scripted-papercoder';

let dir: string;
let pdf: string;
let server: OpenAiServer;

function cli(args: string[], timeoutMs = 150_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'node',
      ['scripts/run-ts.mjs', 'src/paper2code/cli.ts', ...args],
      { timeout: timeoutMs, maxBuffer: 10_000_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2c-cli-'));
  pdf = path.join(dir, 'tiny-paper.pdf');
  fs.writeFileSync(pdf, (await makePaperPdf()).bytes);
  server = await startOpenAiServer((req) => paperCoderAnswer(req, { malformedDesign: true }));
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('extract FILE --json gives {title, sections, chars}', async () => {
  const r = await cli(['extract', pdf, '--json']);
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.title).toBe('Averaged Perceptrons on Separable Toy Data');
  expect(out.sections.map((s: { heading: string }) => s.heading)).toEqual([
    'Abstract',
    '1 Introduction',
    '2 Method',
    '3 Experiments',
    '4 Results',
  ]);
  expect(out.chars).toBeGreaterThan(1000);
  const missing = await cli(['extract', path.join(dir, 'nope.pdf'), '--json']);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('nope.pdf does not exist');
});

test('generate runs the whole pipeline headless, repairs the broken first version, and run confirms it', async () => {
  const out = path.join(dir, 'out');
  const r = await cli(['generate', pdf, '--endpoint', server.baseUrl, '--model', 'scripted', '--out', out, '--json', '--timeout', '60']);
  expect(r.code, r.stderr).toBe(0);
  const summary = JSON.parse(r.stdout);
  expect(summary.run).toEqual({ ok: true, exitCode: 0 });
  expect(summary.repairs).toBe(1);
  expect(summary.files.sort()).toEqual(['config.yaml', 'data.py', 'main.py', 'model.py']);
  // The model received the real prompts, stage by stage; the repair prompt carried the located error.
  const stages = server.requests.map((q) => paperCoderStage(q).stage);
  expect(stages).toEqual([
    'plan',
    'design',
    'schema-repair',
    'logic',
    'config',
    'analysis',
    'analysis',
    'analysis',
    'code',
    'code',
    'code',
    'repair',
  ]);
  expect(server.requests[0].messages.at(-1)!.content).toContain('We draw 200 points in two dimensions');
  const repairPrompt = server.requests.at(-1)!.messages.at(-1)!.content;
  expect(repairPrompt).toContain("main.py:27: AttributeError: 'AveragedPerceptron' object has no attribute 'train_step'");
  expect(repairPrompt).toContain('### model.py');
  // Artifacts on disk in PaperCoder's layout, the repaired file in the repository.
  for (const f of [
    'planning_artifacts/1.2_arch_design.txt',
    'analyzing_artifacts/main.py_simple_analysis.txt',
    'coding_artifacts/main.py_coding.txt',
    'debugging_artifacts/round_1.txt',
    'usage.json',
    'state.json',
  ]) {
    expect(fs.existsSync(path.join(out, f)), f).toBe(true);
  }
  expect(fs.readFileSync(path.join(out, 'repo/main.py'), 'utf8')).toContain('            model.step(x, y)\n');
  expect(fs.readFileSync(path.join(out, 'coding_artifacts/main.py_coding.txt'), 'utf8')).toContain('model.train_step(x, y)');

  const run = await cli(['run', out, '--timeout', '60', '--json']);
  expect(run.code, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout);
  expect(Object.keys(result)).toEqual(['ok', 'exitCode', 'stdout', 'stderr', 'timedOut']);
  expect(result).toMatchObject({ ok: true, exitCode: 0, stderr: '', timedOut: false });
  const accuracy = Number(/accuracy: ([\d.]+)/.exec(result.stdout)?.[1]);
  expect(accuracy).toBeGreaterThan(0.95);
}, 300_000);
