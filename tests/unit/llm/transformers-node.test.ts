// The real transformers.js loading and generation code (onnxruntime-node) on the tiny model the repo generates:
// no network (allowRemoteModels = false), files read from a local folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TINY_CHAT_MODEL_ID, writeTinyChatModel, writeTinyDtypeFiles } from '../../../scripts/make-tiny-models';
import { TransformersEngine } from '../../../src/llm/transformers-engine';
import type { LoadProgress } from '../../../src/llm/types';
import { standaloneContext } from '../../../src/workflow/functions/registry';

let dir: string;
let engine: TransformersEngine;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-models-'));
  // The q8 file too: workflow functions ask for the catalogue's dtype for the device (q8 on cpu/wasm).
  writeTinyDtypeFiles(writeTinyChatModel(dir), ['q8']);
});
afterAll(async () => {
  await engine?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('loads the tiny model with progress to 100% and streams generated tokens', async () => {
  engine = new TransformersEngine({ modelId: TINY_CHAT_MODEL_ID, device: 'cpu', dtype: 'fp32', localModelPath: dir });
  const progress: LoadProgress[] = [];
  await engine.load((p) => progress.push(p));
  expect(progress.length).toBeGreaterThan(2);
  const fractions = progress.map((p) => p.fraction);
  for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
  expect(fractions.at(-1)).toBe(1);
  // The byte total covers the real files, the ONNX graph included.
  const onnxBytes = fs.statSync(path.join(dir, TINY_CHAT_MODEL_ID, 'onnx', 'model.onnx')).size;
  expect(progress.at(-1)!.total).toBeGreaterThan(onnxBytes);

  const streamed: string[] = [];
  const { text, tokens } = await engine.chat([{ role: 'user', content: 'Plan a cartoon video' }], { maxTokens: 40 }, (t) =>
    streamed.push(t),
  );
  // The fixture ends its answer with the end token after a full stop (see make-tiny-models.ts).
  expect(tokens).toBeGreaterThan(1);
  expect(tokens).toBeLessThan(40);
  expect(text).toMatch(/^[^.]+\.$/);
  // A token limit stops generation early.
  expect((await engine.chat([{ role: 'user', content: 'Plan a cartoon video' }], { maxTokens: 2 })).tokens).toBe(2);
  expect(streamed.join('')).toBe(text);
  // Greedy decoding is deterministic: the same prompt gives the same text.
  const again = await engine.chat([{ role: 'user', content: 'Plan a cartoon video' }], { maxTokens: 40 });
  expect(again.text).toBe(text);
});

test('a missing model is a clear error naming the model and the folder, not a crash', async () => {
  const missing = new TransformersEngine({ modelId: 'no-such-model', device: 'cpu', dtype: 'fp32', localModelPath: dir });
  await expect(missing.load()).rejects.toThrow(/Could not load no-such-model \(cpu, fp32\) from .*tiny-models-/);
});

test('the LLM planner runs its whole pipeline on the real model: every answer checked, repaired, all recorded', async () => {
  const { engineBackend } = await import('../../../src/llm/engine-backend');
  const { plan } = await import('../../../src/workflow/planner');
  const { getRegistry } = await import('../../../src/workflow/functions/implementations');
  const llm = engineBackend(engine);
  const stages: string[] = [];
  // A few functions keep the prompts short: the tiny model's tokenizer is byte-level, so prompt bytes = tokens.
  const keep = ['LoadImage', 'Cartoonize', 'AnimateImage'];
  const registry = new Map([...getRegistry()].filter(([name]) => keep.includes(name)));
  const r = await plan('turn this cat photo into a cartoon-style video', {
    backend: llm,
    registry,
    maxTokens: 24,
    maxRepairs: 1,
    onStage: (s) => stages.push(s),
  });
  // A random model writes no program lines: the first program and the repair fail the check (the 3-repair limit
  // is tested against the HTTP backend in tests/unit/planner; here one repair keeps the test short).
  expect(stages).toEqual(['analyse', 'retrieve', 'nodes', 'link', 'check', 'repair', 'check']);
  expect(r.attempts.map((a) => a.stage)).toEqual(['generate', 'repair']);
  expect(r.attempts[1].diagnostics[0].message).toMatch(/no program lines/);
  expect(r.attempts[0].raw).toMatch(/## analyse\n.+\n## nodes\n/s);
  expect(r.ok).toBe(false);
  expect(r.backend).toBe(`transformers:${TINY_CHAT_MODEL_ID}`);
});

test('GenerateText, a model-backed workflow function, runs the tiny model with node progress', async () => {
  const { getRegistry } = await import('../../../src/workflow/functions/implementations');
  const { configureModels } = await import('../../../src/workflow/functions/models');
  configureModels({ localModelPath: dir, device: 'cpu' });
  const fn = getRegistry().get('GenerateText')!;
  expect(fn.needsModel).toBe(true);
  const progress: number[] = [];
  const out = await fn.run(
    { prompt: { type: 'Text', text: 'Say something' } },
    { model: TINY_CHAT_MODEL_ID, maxTokens: 6 },
    standaloneContext({ progress: (f) => void progress.push(f) }),
  );
  expect(out.text.type).toBe('Text');
  expect((out.text as { text: string }).text.length).toBeGreaterThan(0);
  expect(progress.at(-1)).toBe(1);
  for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
});
