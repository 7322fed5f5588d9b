// Grammar-constrained decoding on the real transformers.js generation loop (onnxruntime-node) with the tiny random
// chat model the repo generates: whatever the model's weights, every sampled program parses and checks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TINY_CHAT_MODEL_ID, writeTinyChatModel } from '../../../scripts/make-tiny-models';
import { TransformersEngine } from '../../../src/llm/transformers-engine';
import { engineBackend } from '../../../src/llm/engine-backend';
import { analyse } from '../../../src/workflow/lang';
import { getRegistry } from '../../../src/workflow/functions';
import { plan } from '../../../src/workflow/planner';
import { PLANNER_GRAMMARS, programGrammar } from '../../../src/workflow/planner/constrained';

let dir: string;
let engine: TransformersEngine;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-constrained-'));
  writeTinyChatModel(dir);
  engine = new TransformersEngine({ modelId: TINY_CHAT_MODEL_ID, device: 'cpu', dtype: 'fp32', localModelPath: dir });
});
afterAll(async () => {
  await engine?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const registry = getRegistry();
const errorsOf = (text: string) => analyse(text, registry).diagnostics.filter((d) => d.severity === 'error');

test('unconstrained, the random model writes no program; constrained, its answer parses and checks', async () => {
  const messages = [{ role: 'user' as const, content: 'Plan: blur this photo' }];
  const free = await engine.chat(messages, { maxTokens: 40 });
  expect(errorsOf(free.text).length).toBeGreaterThan(0);
  const grammar = programGrammar(registry);
  const r = await engine.chat(messages, { maxTokens: 200 }, undefined, PLANNER_GRAMMARS[grammar.kind](grammar.data));
  expect(r.tokens).toBeLessThanOrEqual(200);
  expect(r.constrained).toEqual({ complete: true });
  expect(errorsOf(r.text), r.text).toEqual([]);
});

test('20 sampled plans (temperature 1, seeds 1–20) through the planner: 100% parse and check, first attempt', async () => {
  const llm = engineBackend(engine, PLANNER_GRAMMARS);
  expect(llm.grammar).toBe(true);
  const programs: string[] = [];
  for (let seed = 1; seed <= 20; seed++) {
    const stages: string[] = [];
    const r = await plan('turn this cat photo into a cartoon-style video', {
      backend: llm,
      temperature: 1,
      seed,
      maxTokens: 200,
      onStage: (s) => stages.push(s),
    });
    expect(stages).toEqual(['retrieve', 'program', 'check']);
    expect(r.attempts, `seed ${seed}`).toHaveLength(1);
    expect(r.attempts[0].raw).toMatch(/decoded under the program grammar/);
    expect(errorsOf(r.program), `seed ${seed}: ${r.program}`).toEqual([]);
    expect(r.ok).toBe(true);
    programs.push(r.program);
  }
  // The seeds give different samples (the grammar constrains, it does not pick the program).
  expect(new Set(programs).size).toBeGreaterThan(10);
  // The same seed gives the same sample, also through planWithModel (the entry point the benchmark calls).
  // (Its engine shares the loaded pipeline with `engine`, which afterAll disposes.)
  const { planWithModel } = await import('../../../src/workflow/planner/model-planner');
  const again = await planWithModel('turn this cat photo into a cartoon-style video', {
    modelId: TINY_CHAT_MODEL_ID,
    localModelPath: dir,
    dtype: 'fp32',
    temperature: 1,
    seed: 5,
    maxTokens: 200,
  });
  expect(again).toMatchObject({ ok: true, program: programs[4], backend: `transformers:${TINY_CHAT_MODEL_ID}` });
}, 120_000);
