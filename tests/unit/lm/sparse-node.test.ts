// Sparse attention inside the model: block-sparse prefill at full density (compression 1) equals dense prefill for
// every mask builder; Quest decode with a budget of all pages equals dense decode, and a small budget differs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GpuContext } from '../../../src/gpu/context';
import { nodeGpu } from '../../../src/gpu/node-gpu';
import { parseConfig } from '../../../src/lm/config';
import { parseSafetensors, writeSafetensors } from '../../../src/lm/safetensors';
import { loadWeights } from '../../../src/lm/weights';
import { LmModel } from '../../../src/lm/model';
import { tinyCheckpoint } from '../../../src/lm/tiny';
import { maxRelErr } from '../../../src/lm/generate';

let ctx: GpuContext;
let model: LmModel;
const V = 61;
beforeAll(async () => {
  ctx = await GpuContext.create(await nodeGpu());
  // llama: C 32, 4 heads over 2 KV heads × 8, 2 layers; capacity 96
  const ck = tinyCheckpoint('llama', {
    vocab: V,
    hidden: 32,
    layers: 2,
    heads: 4,
    kvHeads: 2,
    intermediate: 48,
    maxPositions: 256,
    seed: 5,
  });
  const cfg = parseConfig(ck.config);
  model = await LmModel.load(ctx, cfg, loadWeights(cfg, parseSafetensors(writeSafetensors(ck.tensors))), { capacity: 96, logitRows: 64 });
});
afterAll(() => {
  model?.destroy();
  ctx?.close();
});

const prompt = Array.from({ length: 64 }, (_, i) => (i * 17 + 3) % V);

describe('block-sparse prefill at compression 1 equals dense', () => {
  it.each(['block-topk', 'local-window', 'vertical-slash'] as const)('%s', async (pattern) => {
    model.reset();
    const dense = await model.prefill(prompt, { allLogits: true });
    model.reset();
    const sparse = await model.prefill(prompt, {
      allLogits: true,
      method: { kind: 'block-sparse', pattern, compression: 1, blockSize: 16 },
    });
    expect(sparse.density).toBe(1);
    expect(maxRelErr(sparse.logits, dense.logits)).toBeLessThanOrEqual(1e-5);
    // and at compression 4 the mask really drops blocks and the logits move
    model.reset();
    const cut = await model.prefill(prompt, { allLogits: true, method: { kind: 'block-sparse', pattern, compression: 4, blockSize: 16 } });
    expect(cut.density).toBeLessThan(0.9); // 4 query blocks of 16: the forced sink and diagonal blocks bound it
    expect(maxRelErr(cut.logits, dense.logits)).toBeGreaterThan(1e-4);
  });
});

it('Quest decode with every page equals dense decode; a 1-page budget does not', async () => {
  const run = async (decode: Parameters<LmModel['setDecodeMethod']>[0]) => {
    await model.setDecodeMethod(decode);
    model.reset();
    await model.prefill(prompt);
    const out: Float32Array[] = [];
    for (let i = 0; i < 20; i++) out.push(await model.decode((i * 7) % V));
    return out;
  };
  const dense = await run({ kind: 'dense' });
  const all = await run({ kind: 'quest', pageBudget: 6, pageSize: 16 }); // 84 tokens = 6 pages
  all.forEach((l, i) => expect(maxRelErr(l, dense[i]), `step ${i}`).toBeLessThanOrEqual(1e-5));
  const one = await run({ kind: 'quest', pageBudget: 1, pageSize: 16 });
  expect(Math.max(...one.map((l, i) => maxRelErr(l, dense[i])))).toBeGreaterThan(1e-3);
  await model.setDecodeMethod({ kind: 'dense' });
});
