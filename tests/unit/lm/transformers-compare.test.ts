// Our runtime against transformers.js (onnxruntime-node, CPU) on the same weights: tiny random GPT-2 and Llama
// checkpoints written by scripts/tiny-lm-models.ts as safetensors (ours) and ONNX (theirs). Every prefill position
// and 32 greedy decode steps: max relative error <= 1e-3, identical greedy tokens.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoModelForCausalLM, AutoTokenizer, Tensor, env } from '@huggingface/transformers';
import { TINY_LM_IDS, writeTinyLmModels } from '../../../scripts/tiny-lm-models';
import { GpuContext } from '../../../src/gpu/context';
import { nodeGpu } from '../../../src/gpu/node-gpu';
import { loadModelFiles, MODEL_FILES, type ModelFiles } from '../../../src/lm/load';
import { LmModel } from '../../../src/lm/model';
import { argmax, generateGreedy, maxRelErr } from '../../../src/lm/generate';

const STEPS = 32;
const PROMPT = 'Plan a workflow: load the image, cartoonize it and animate the result.';
let dir: string;
let ctx: GpuContext;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-lm-'));
  writeTinyLmModels(dir);
  env.localModelPath = `${dir}/`;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  ctx = await GpuContext.create(await nodeGpu());
});
afterAll(() => {
  ctx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(['gpt2', 'llama'] as const)('%s: our kernels equal transformers.js on the same weights', (arch) => {
  it(`every prefill position and ${STEPS} greedy steps`, async () => {
    const id = TINY_LM_IDS[arch];
    const files: ModelFiles = {};
    for (const f of MODEL_FILES) files[f] = fs.readFileSync(path.join(dir, id, f));
    const { config, weights, tokenizer } = loadModelFiles(files);
    const theirTokenizer = await AutoTokenizer.from_pretrained(id);
    const prompt = tokenizer!.encode(PROMPT);
    expect(prompt).toEqual(theirTokenizer.encode(PROMPT, { add_special_tokens: false }));
    expect(prompt.length).toBeGreaterThan(8);

    const theirs = await AutoModelForCausalLM.from_pretrained(id, { device: 'cpu', dtype: 'fp32' });
    const S = prompt.length;
    const total = S + STEPS;
    const model = await LmModel.load(ctx, config, weights, { capacity: total, logitRows: S });
    try {
      const ours = await model.prefill(prompt, { allLogits: true });
      const ids = (t: number[]) => new Tensor('int64', BigInt64Array.from(t.map(BigInt)), [1, t.length]);
      const generated = (await theirs.generate({
        input_ids: ids(prompt),
        attention_mask: ids(prompt.map(() => 1)),
        max_new_tokens: STEPS,
        do_sample: false,
      })) as Tensor;
      const theirTokens = Array.from(generated.data as BigInt64Array, Number).slice(S);
      expect(theirTokens).toHaveLength(STEPS);

      const gen = await generateGreedy(model, prompt, { maxNewTokens: STEPS });
      expect(gen.tokens).toEqual(theirTokens);
      // Their logits at every position of prompt + generated tokens (one forward pass, no cache).
      const seq = [...prompt, ...theirTokens];
      const out = await theirs({ input_ids: ids(seq), attention_mask: ids(seq.map(() => 1)) });
      const ref = out.logits.data as Float32Array;
      const V = config.vocab;
      expect(maxRelErr(ours.logits, ref.subarray(0, S * V)), 'prefill').toBeLessThanOrEqual(1e-3);
      gen.logits.forEach((l, i) => {
        const at = S - 1 + i;
        expect(maxRelErr(l, ref.subarray(at * V, (at + 1) * V)), `decode step ${i}`).toBeLessThanOrEqual(1e-3);
        expect(argmax(l)).toBe(theirTokens[i]);
      });
      expect(gen.logits).toHaveLength(STEPS);
    } finally {
      model.destroy();
      await theirs.dispose();
    }
  });
});
