// The GPU runtime (Node, Dawn) against the float64 CPU reference on tiny random checkpoints of both families:
// every prefill position, then greedy decode steps reading the preallocated KV cache in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GpuContext } from '../../../src/gpu/context';
import { nodeGpu } from '../../../src/gpu/node-gpu';
import { parseConfig } from '../../../src/lm/config';
import { parseSafetensors, writeSafetensors } from '../../../src/lm/safetensors';
import { loadWeights } from '../../../src/lm/weights';
import { referenceLogits } from '../../../src/lm/reference';
import { LmModel } from '../../../src/lm/model';
import { tinyCheckpoint, type TinySpec } from '../../../src/lm/tiny';
import { argmax, maxRelErr } from '../../../src/lm/generate';

let ctx: GpuContext;
beforeAll(async () => {
  ctx = await GpuContext.create(await nodeGpu());
});
afterAll(() => ctx?.close());

const CASES: { name: string; arch: 'gpt2' | 'llama'; spec: TinySpec }[] = [
  // gpt2: C 32, 4 heads × 8, MLP 64, vocab 97
  {
    name: 'gpt2',
    arch: 'gpt2',
    spec: { vocab: 97, hidden: 32, layers: 2, heads: 4, kvHeads: 4, intermediate: 64, maxPositions: 64, seed: 7 },
  },
  // llama with GQA (4 query heads over 2 KV heads × 8), q/k/v bias, untied head
  {
    name: 'llama (GQA, qkv bias, untied)',
    arch: 'llama',
    spec: { vocab: 97, hidden: 32, layers: 2, heads: 4, kvHeads: 2, intermediate: 48, maxPositions: 256, qkvBias: true, seed: 11 },
  },
];

describe.each(CASES)('$name on the GPU equals the float64 reference', ({ arch, spec }) => {
  it('every prefill position and 8 greedy decode steps, max relative error <= 1e-3', async () => {
    const ck = tinyCheckpoint(arch, spec);
    const cfg = parseConfig(ck.config);
    const weights = loadWeights(cfg, parseSafetensors(writeSafetensors(ck.tensors)));
    const model = await LmModel.load(ctx, cfg, weights, { capacity: 48, logitRows: 16 });
    try {
      const prompt = Array.from({ length: 13 }, (_, i) => (i * 31 + 5) % spec.vocab);
      const pre = await model.prefill(prompt, { allLogits: true });
      const ref = referenceLogits(cfg, weights, prompt);
      expect(maxRelErr(pre.logits, ref)).toBeLessThanOrEqual(1e-3);
      const seq = [...prompt];
      let next = argmax(pre.logits.subarray((prompt.length - 1) * spec.vocab));
      for (let step = 0; step < 8; step++) {
        seq.push(next);
        const logits = await model.decode(next);
        const refAll = referenceLogits(cfg, weights, seq);
        const refLast = refAll.subarray((seq.length - 1) * spec.vocab);
        expect(maxRelErr(logits, refLast), `step ${step}`).toBeLessThanOrEqual(1e-3);
        next = argmax(logits);
        expect(next).toBe(argmax(refLast));
      }
    } finally {
      model.destroy();
    }
  });
});

it('a prompt longer than the KV cache or a token outside the vocabulary is refused with the numbers; the model stays usable', async () => {
  const spec = CASES[1].spec;
  const ck = tinyCheckpoint('llama', spec);
  const cfg = parseConfig(ck.config);
  const weights = loadWeights(cfg, parseSafetensors(writeSafetensors(ck.tensors)));
  const model = await LmModel.load(ctx, cfg, weights, { capacity: 16 });
  try {
    await expect(model.prefill(Array.from({ length: 17 }, () => 1))).rejects.toThrow(
      '0 cached + 17 new tokens exceed the KV cache of 16 tokens',
    );
    await expect(model.prefill([1, 2, 97])).rejects.toThrow('token 2 = 97: must be an integer id from 0 to 96');
    await model.prefill(Array.from({ length: 16 }, (_, i) => i));
    await expect(model.decode(3)).rejects.toThrow('16 cached + 1 new tokens exceed the KV cache of 16 tokens');
    model.reset();
    const logits = (await model.prefill([1, 2, 3])).logits;
    expect(maxRelErr(logits, referenceLogits(cfg, weights, [1, 2, 3]).subarray(2 * spec.vocab))).toBeLessThanOrEqual(1e-3);
  } finally {
    model.destroy();
  }
});
