// The language model on our kernels in the built app: Chromium, WebGPU on SwiftShader, the GPU worker.
// Files picked as a person would (tiny random Llama written by scripts/tiny-lm-models.ts): 32 greedy tokens equal
// transformers.js's on the same weights (computed here in Node, onnxruntime-node). Then the shipped model answers a
// retrieval prompt, and a corrupt file is a clear error that leaves the panel usable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ElementHandle } from 'puppeteer-core';
import { AutoModelForCausalLM, AutoTokenizer, Tensor, env } from '@huggingface/transformers';
import { TINY_LM_IDS, writeTinyLmModels } from '../../scripts/tiny-lm-models';
import { openApp, typeInto, type AppSession } from './harness';

const PROMPT = 'Plan a workflow: load the image, cartoonize it and animate the result.';

describe('Language model panel (Attention tab)', () => {
  let app: AppSession;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-lm-browser-'));
    writeTinyLmModels(dir);
    app = await openApp({ tab: 'attention' });
    await app.waitForText('[data-testid=gpu-badge]', 'vendor:');
    await app.page.waitForSelector('[data-testid=lm-panel]');
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('picked tiny Llama files: 32 greedy tokens equal transformers.js on the same weights', async () => {
    const folder = path.join(dir, TINY_LM_IDS.llama);
    const input = (await app.page.$('[data-testid=lm-files]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(
      ...['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'].map((f) => path.join(folder, f)),
    );
    expect(await app.waitForText('[data-testid=lm-info]', 'Fits this GPU')).toMatch(/llama \(qwen2\), 2 layers, 4 heads \/\s*2 KV heads/);
    await typeInto(app.page, '[data-testid=lm-prompt]', PROMPT);
    await typeInto(app.page, '[data-testid=lm-max-tokens]', '32');
    await app.page.click('[data-testid=lm-generate]');
    await app.waitForText('[data-testid=lm-stats]', 'tokens/s');
    const ours = (await app.text('[data-testid=lm-tokens]')).trim().split(' ').map(Number);

    env.localModelPath = `${dir}/`;
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    const tok = await AutoTokenizer.from_pretrained(TINY_LM_IDS.llama);
    const ids = tok.encode(PROMPT, { add_special_tokens: false });
    const model = await AutoModelForCausalLM.from_pretrained(TINY_LM_IDS.llama, { device: 'cpu', dtype: 'fp32' });
    const t = (x: number[]) => new Tensor('int64', BigInt64Array.from(x.map(BigInt)), [1, x.length]);
    const out = (await model.generate({
      input_ids: t(ids),
      attention_mask: t(ids.map(() => 1)),
      max_new_tokens: 32,
      do_sample: false,
    })) as Tensor;
    await model.dispose();
    expect(ours).toEqual(Array.from(out.data as BigInt64Array, Number).slice(ids.length));
    expect(await app.text('[data-testid=lm-stats]')).toMatch(/decode [\d.]+ tokens\/s, ≈ [\d.]+e[-+]\d+ J per token/);
    await app.screenshot('lm-tiny-llama');
  });

  test('a corrupt safetensors file is a clear error; the shipped model then loads, answers and runs the experiment', async () => {
    const bad = path.join(dir, 'bad');
    fs.mkdirSync(bad);
    fs.copyFileSync(path.join(dir, TINY_LM_IDS.gpt2, 'config.json'), path.join(bad, 'config.json'));
    const full = fs.readFileSync(path.join(dir, TINY_LM_IDS.gpt2, 'model.safetensors'));
    fs.writeFileSync(path.join(bad, 'model.safetensors'), full.subarray(0, full.length - 100));
    const input = (await app.page.$('[data-testid=lm-files]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(path.join(bad, 'config.json'), path.join(bad, 'model.safetensors'));
    expect(await app.waitForText('[data-testid=lm-error]', 'truncated')).toMatch(
      /model\.safetensors: tensor \S+ ends at byte \d+ of the data but the file holds \d+ \(truncated\)/,
    );

    await app.page.click('[data-testid=lm-load-shipped]');
    expect(await app.waitForText('[data-testid=lm-info]', 'Fits this GPU')).toContain('recall-llama: llama');
    expect(await app.page.$eval('[data-testid=lm-prompt]', (el) => (el as HTMLTextAreaElement).value)).toMatch(/^<s> .* Q k\d+$/);
    await typeInto(app.page, '[data-testid=lm-max-tokens]', '1');
    await app.page.click('[data-testid=lm-generate]');
    await app.waitForText('[data-testid=lm-stats]', 'J per token');
    // The answer is a value word (v0..v63); whether it is the right one is the lab's measurement, not this test's.
    expect((await app.text('[data-testid=lm-output]')).trim()).toMatch(/^v\d+$/);

    // The experiment: prefill patterns (3 × 3 compressions + dense) and decode (dense + Quest × 3), one row each.
    await typeInto(app.page, '[data-testid=lab-lengths]', '64');
    await typeInto(app.page, '[data-testid=lab-samples]', '2');
    await app.page.click('[data-testid=lab-run]');
    // Rows stream in as each (phase, method, compression) finishes; the Run button comes back at the end.
    await app.page.waitForFunction(() => !(document.querySelector('[data-testid=lab-run]') as HTMLButtonElement).disabled, {
      timeout: 170_000,
      polling: 200,
    });
    await app.page.waitForSelector('[data-testid=lab-json]');
    const rows = await app.page.$$eval('[data-testid=lab-results] tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows).toHaveLength(14);
    expect(rows.filter((r) => r.startsWith('prefill'))).toHaveLength(10);
    expect(rows.some((r) => /^decodequest8×64\d+\.\d%0\.25/.test(r.replace(/\s+/g, '')))).toBe(true);
    // The same results as charts, prefill and decode side by side (a drawn canvas has a non-zero size).
    for (const phase of ['prefill', 'decode'])
      expect(await app.page.$eval(`[data-testid=lab-chart-${phase}] canvas`, (c) => (c as HTMLCanvasElement).width)).toBeGreaterThan(0);
    await app.screenshot('lm-shipped');
  });
});
