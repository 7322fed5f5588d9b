// SparseGenerate on Dawn + SwiftShader with the model that ships with the app (public/models/recall-llama), fetched
// over HTTP from a static server as the workflow worker fetches it from the site: sparse paths at full density equal
// dense, a real compression computes fewer blocks, and bad input is pinned to the prompt port.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { nodeGpu } from '../../../src/gpu/node-gpu';
import { GpuContext } from '../../../src/gpu/context';
import { setWorkflowGpu } from '../../../src/workflow/functions/gpu/device';
import { setFetchBase } from '../../../src/workflow/functions/image/load-image';
import { sparseGenerate } from '../../../src/workflow/functions/gpu/sparse-generate';
import { standaloneContext } from '../../../src/workflow/functions/registry';
import { getRegistry } from '../../../src/workflow/functions/implementations';
import { recallPrompt } from '../../../src/lm/recall-task';
import { startStaticServer } from '../../../scripts/serve.mjs';

let ctx: GpuContext;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  ctx = await GpuContext.create(await nodeGpu());
  setWorkflowGpu(async () => ctx);
  server = await startStaticServer({ root: 'public' });
  setFetchBase(server.url);
});
afterAll(async () => {
  setWorkflowGpu(undefined);
  await server?.close();
});

const run = (prompt: string, params: Record<string, string | number>) =>
  getRegistry()
    .get('SparseGenerate')!
    .run({ prompt: { type: 'Text', text: prompt } }, params, standaloneContext());

test('dense, sparse at full density and Quest over every page agree; compression 4 computes fewer blocks', async () => {
  const prompt = recallPrompt(3, 128);
  const dense = await run(prompt, { maxTokens: 2 });
  const text = (dense.text as { text: string }).text;
  expect(text).toMatch(/^[kvw]\d+/); // the shipped model answers in its own vocabulary
  expect((dense.density as { value: number }).value).toBe(1);
  const full = await run(prompt, { maxTokens: 2, prefill: 'block-topk', compression: 1 });
  expect((full.text as { text: string }).text).toBe(text);
  const quest = await run(prompt, { maxTokens: 2, decode: 'quest', pageBudget: 1024 });
  expect((quest.text as { text: string }).text).toBe(text);
  const sparse = await run(prompt, { maxTokens: 2, prefill: 'block-topk', compression: 4 });
  expect((sparse.density as { value: number }).value).toBeLessThan(0.6);
}, 120_000);

test('bad input: an empty prompt, and a prompt longer than the KV cache, are errors on the prompt port', async () => {
  await expect(run('', {})).rejects.toMatchObject({ port: 'prompt', message: 'the prompt is empty' });
  await expect(run(Array.from({ length: 2100 }, () => 'k1').join(' '), {})).rejects.toMatchObject({
    port: 'prompt',
    message: expect.stringMatching(/the prompt is \d+ tokens; with 16 new ones that exceeds the 2048-token cache/),
  });
  expect(sparseGenerate.name).toBe('SparseGenerate');
}, 60_000);
