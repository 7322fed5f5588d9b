// Attention kernels through Dawn (SwiftShader here) against float64 CPU references.
// Error measure: max|gpu − ref| / max|ref| (maxRelativeError); f32 bound 1e-4.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeGpu } from '../../../src/gpu/node-gpu';
import { GpuContext } from '../../../src/gpu/context';
import {
  AttentionInputError,
  blockSparseAttention,
  blockTopKMask,
  denseAttention,
  fullMask,
  localWindowMask,
  maxRelativeError,
  pooledBlockScores,
  pooledBlockScoresGpu,
  prepareAttention,
  referenceAttention,
  referencePagedAttention,
  referenceQuest,
  verticalSlashMask,
  type AttentionShape,
  type BlockMaskCSR,
} from '../../../src/attention/core';
import { poisonF32 } from '../../../src/gpu/buffers';
import { randomInputs, runPoisoned, shapeName } from './helpers';

const TOL = 1e-4;
let ctx: GpuContext;
beforeAll(async () => {
  ctx = await GpuContext.create(await nodeGpu());
});
afterAll(() => ctx?.close());

describe('dense prefill', () => {
  const shapes: AttentionShape[] = [
    { B: 1, H: 2, KVH: 1, Sq: 77, Skv: 77, D: 32, causal: true },
    { B: 2, H: 2, KVH: 2, Sq: 129, Skv: 129, D: 64, causal: false },
    { B: 1, H: 2, KVH: 1, Sq: 33, Skv: 77, D: 80, causal: true },
    { B: 1, H: 1, KVH: 1, Sq: 77, Skv: 40, D: 96, causal: true },
    { B: 1, H: 4, KVH: 2, Sq: 65, Skv: 65, D: 128, causal: true },
  ];
  for (const shape of shapes) {
    test(shapeName(shape), async () => {
      const inputs = randomInputs(shape);
      const { out } = await runPoisoned(ctx, shape, inputs, { kind: 'dense' });
      expect(maxRelativeError(out, referenceAttention(shape, inputs))).toBeLessThan(TOL);
    });
  }

  test('rows that see no key (causal, Sq > Skv) are zeros', async () => {
    const shape = { B: 1, H: 1, KVH: 1, Sq: 40, Skv: 17, D: 32, causal: true };
    const { out } = await runPoisoned(ctx, shape, randomInputs(shape), { kind: 'dense' });
    // Query i sees keys j <= i − 23: rows 0..22 see nothing.
    expect(Array.from(out.subarray(0, 23 * 32)).every((x) => x === 0)).toBe(true);
    expect(out[23 * 32]).not.toBe(0);
  });
});

test('a prepared kernel runs repeatedly without re-uploading, and encodes into a caller encoder', async () => {
  const shape = { B: 1, H: 2, KVH: 1, Sq: 77, Skv: 77, D: 32, causal: true };
  const inputs = randomInputs(shape);
  const att = await prepareAttention(ctx, shape, { kind: 'dense' });
  try {
    att.write(inputs);
    const t1 = await att.run();
    const first = await att.read();
    poisonF32(ctx.device, att.buffers.out);
    const encoder = ctx.device.createCommandEncoder();
    att.encode(encoder);
    ctx.device.queue.submit([encoder.finish()]);
    const second = await att.read();
    expect(t1.ms).toBeGreaterThan(0);
    expect(Array.from(second)).toEqual(Array.from(first));
    expect(maxRelativeError(first, referenceAttention(shape, inputs))).toBeLessThan(TOL);
    await expect(att.readPages()).rejects.toThrow(/only the quest kernel/);
  } finally {
    att.destroy();
  }
});

describe('block-sparse prefill', () => {
  const shape: AttentionShape = { B: 1, H: 2, KVH: 1, Sq: 129, Skv: 129, D: 32, causal: true };
  const nonCausal: AttentionShape = { ...shape, B: 2, H: 2, KVH: 1, Sq: 77, Skv: 129, causal: false };

  test('with every block present it equals the dense kernel', async () => {
    const inputs = randomInputs(shape);
    const dense = await denseAttention(ctx, shape, inputs);
    for (const bs of [16, 64] as const) {
      const sparse = await blockSparseAttention(ctx, shape, inputs, fullMask(shape, bs));
      expect(maxRelativeError(sparse.out, dense.out)).toBeLessThan(1e-5);
    }
  });

  const patterns: [string, (s: AttentionShape, i: { q: Float32Array; k: Float32Array }, bs: 16 | 32 | 64) => BlockMaskCSR][] = [
    ['local+sinks', (s, _i, bs) => localWindowMask(s, { blockSize: bs, compression: 3 })],
    ['vertical-slash', (s, i, bs) => verticalSlashMask(s, i, { blockSize: bs, compression: 3 })],
    ['block top-k', (s, i, bs) => blockTopKMask(s, i, { blockSize: bs, compression: 3 })],
  ];
  for (const [name, build] of patterns) {
    for (const bs of [16, 32, 64] as const) {
      // Block 64 needs a longer sequence for a mask that is not dense (the forced blocks cover short ones).
      const shapes = bs === 32 ? [shape, nonCausal] : bs === 64 ? [{ ...shape, H: 1, Sq: 257, Skv: 257 }] : [shape];
      for (const s of shapes) {
        test(`${name}, block ${bs}, ${shapeName(s)}: equals dense attention under the mask`, async () => {
          const inputs = randomInputs(s);
          const mask = build(s, inputs, bs);
          expect(mask.density).toBeLessThan(1);
          const { out } = await runPoisoned(ctx, s, inputs, { kind: 'block-sparse', mask });
          expect(maxRelativeError(out, referenceAttention(s, inputs, { mask }))).toBeLessThan(TOL);
          // The mask changes the result: the check above is not dense attention in disguise.
          expect(maxRelativeError(out, referenceAttention(s, inputs))).toBeGreaterThan(1e-3);
        });
      }
    }
  }
});

test('pooled block scores on the GPU match the CPU reference and give the same block top-k mask', async () => {
  const shape = { B: 2, H: 2, KVH: 1, Sq: 77, Skv: 129, D: 32, causal: true };
  const inputs = randomInputs(shape);
  const gpu = await pooledBlockScoresGpu(ctx, shape, inputs, 16);
  const cpu = pooledBlockScores(shape, inputs, 16);
  expect(gpu.length).toBe(2 * 2 * 5 * 9);
  expect(maxRelativeError(gpu, cpu)).toBeLessThan(TOL);
  const opts = { blockSize: 16, compression: 2 } as const;
  const fromGpu = blockTopKMask(shape, inputs, { ...opts, scores: gpu });
  const fromCpu = blockTopKMask(shape, inputs, opts);
  expect(Array.from(fromGpu.colIdx)).toEqual(Array.from(fromCpu.colIdx));
  expect(Array.from(fromGpu.rowPtr)).toEqual(Array.from(fromCpu.rowPtr));
});

describe('decode', () => {
  test('split-KV over 1000 keys with grouped-query heads matches the reference', async () => {
    const shape = { B: 2, H: 4, KVH: 2, Sq: 1, Skv: 1000, D: 64, causal: true };
    const inputs = randomInputs(shape);
    const { out } = await runPoisoned(ctx, shape, inputs, { kind: 'decode', splitSize: 64 });
    expect(maxRelativeError(out, referenceAttention(shape, inputs))).toBeLessThan(TOL);
  });

  // D = 80 splits the 64 invocations into 3 groups of 20 for P·V (4 idle); D = 128 into 2 groups of 32.
  for (const D of [80, 128]) {
    test(`D = ${D}, 77 keys in 5 splits (the last one partial)`, async () => {
      const shape = { B: 1, H: 2, KVH: 1, Sq: 1, Skv: 77, D, causal: false };
      const inputs = randomInputs(shape);
      const { out } = await runPoisoned(ctx, shape, inputs, { kind: 'decode', splitSize: 16 });
      expect(maxRelativeError(out, referenceAttention(shape, inputs))).toBeLessThan(TOL);
    });
  }
});

describe('Quest sparse decode', () => {
  const shape = { B: 1, H: 4, KVH: 2, Sq: 1, Skv: 517, D: 64, causal: true };

  test('chooses a top-k set of pages by upper bound and attends over exactly those', async () => {
    const inputs = randomInputs(shape);
    const pageSize = 16,
      pageBudget = 8;
    const ref = referenceQuest(shape, inputs, { pageBudget, pageSize });
    const { out, pages } = await runPoisoned(ctx, shape, inputs, { kind: 'quest', pageBudget, pageSize });
    const numPages = Math.ceil(517 / pageSize);
    for (let bh = 0; bh < shape.B * shape.H; bh++) {
      const chosen = Array.from(pages!.subarray(bh * pageBudget, (bh + 1) * pageBudget));
      expect(new Set(chosen).size).toBe(pageBudget);
      expect(chosen).toContain(numPages - 1); // the current page is always attended
      // Every chosen page scores at least the k-th best reference bound (up to f32 rounding of the scores).
      const scores = Array.from(ref.scores.subarray(bh * numPages, (bh + 1) * numPages - 1));
      const kth = [...scores].sort((a, b) => b - a)[pageBudget - 2];
      for (const p of chosen) if (p !== numPages - 1) expect(scores[p]).toBeGreaterThanOrEqual(kth - 1e-4 * Math.abs(kth));
    }
    expect(maxRelativeError(out, referencePagedAttention(shape, inputs, pageSize, pages!))).toBeLessThan(TOL);
    // Random keys give distinct bounds, so the pages match the float64 choice too.
    expect(Array.from(pages!)).toEqual(Array.from(ref.pages));
    // Attending to 8 of 33 pages is not the dense answer.
    expect(maxRelativeError(out, referenceAttention(shape, inputs))).toBeGreaterThan(1e-3);
  });

  test('with a budget of every page it equals dense decode', async () => {
    const inputs = randomInputs(shape);
    const { out } = await runPoisoned(ctx, shape, inputs, { kind: 'quest', pageBudget: 1000, pageSize: 32 });
    expect(maxRelativeError(out, referenceAttention(shape, inputs))).toBeLessThan(TOL);
  });
});

describe('bad input is rejected before dispatch', () => {
  const good: AttentionShape = { B: 1, H: 2, KVH: 1, Sq: 8, Skv: 8, D: 32, causal: true };
  const cases: [string, AttentionShape, RegExp][] = [
    ['H not a multiple of KVH', { ...good, H: 3, KVH: 2 }, /H = 3 is not a multiple of shape\.KVH = 2/],
    ['unsupported D', { ...good, D: 66 }, /shape\.D = 66 is unsupported/],
    ['D too large', { ...good, D: 512 }, /shape\.D = 512 is unsupported/],
    ['zero length', { ...good, Skv: 0 }, /shape\.Skv = 0: must be a positive integer/],
    ['negative batch', { ...good, B: -1 }, /shape\.B = -1/],
    [
      'buffer over the binding limit',
      { ...good, B: 64, H: 64, KVH: 64, Sq: 4096, Skv: 4096, D: 128 },
      /over this GPU's storage buffer binding limit/,
    ],
  ];
  for (const [name, shape, message] of cases) {
    test(name, async () => {
      const inputs = { q: new Float32Array(1), k: new Float32Array(1), v: new Float32Array(1) };
      const err = await denseAttention(ctx, shape, inputs).catch((e) => e);
      expect(err).toBeInstanceOf(AttentionInputError);
      expect(err.message).toMatch(message);
    });
  }

  test('NaN or Inf in an input names the tensor, index and position', async () => {
    const inputs = randomInputs(good);
    inputs.k[3 * 32 + 5] = Number.NaN;
    await expect(denseAttention(ctx, good, inputs)).rejects.toThrow(/k\[101\] \(b=0, head=0, row=3, d=5\) is NaN/);
    const inputs2 = randomInputs(good);
    inputs2.q[8 * 32 + 1] = Infinity;
    await expect(denseAttention(ctx, good, inputs2)).rejects.toThrow(/q\[257\] \(b=0, head=1, row=0, d=1\) is Infinity/);
  });

  test('wrong input length', async () => {
    const inputs = randomInputs(good);
    await expect(denseAttention(ctx, good, { ...inputs, v: inputs.v.subarray(1) })).rejects.toThrow(/v has 255 values; shape needs 256/);
  });

  test('decode needs Sq = 1; Quest needs a positive page budget', async () => {
    const inputs = randomInputs(good);
    await expect(runPoisoned(ctx, good, inputs, { kind: 'decode' })).rejects.toThrow(/Sq = 8: decode attention takes one query row/);
    const one = { ...good, Sq: 1 };
    await expect(runPoisoned(ctx, one, randomInputs(one), { kind: 'quest', pageBudget: 0 })).rejects.toThrow(/pageBudget = 0/);
  });

  test('malformed and empty masks', async () => {
    const inputs = randomInputs(good);
    const mask = fullMask(good, 16);
    const bad = (m: Partial<BlockMaskCSR>) => blockSparseAttention(ctx, good, inputs, { ...mask, ...m });
    await expect(bad({ rowPtr: Uint32Array.of(0, 0), colIdx: new Uint32Array(0) })).rejects.toThrow(/mask is empty/);
    await expect(bad({ colIdx: Uint32Array.of(3) })).rejects.toThrow(/names key block 3, but there are only 1/);
    await expect(bad({ blockSize: 8 as 16 })).rejects.toThrow(/mask\.blockSize = 8 is unsupported/);
    await expect(bad({ numQueryBlocks: 2 })).rejects.toThrow(/mask\.numQueryBlocks = 2/);
    await expect(bad({ rowPtr: Uint32Array.of(0, 1, 1) })).rejects.toThrow(/rowPtr must be a Uint32Array of 2 offsets/);
  });

  test('f16 without shader-f16 is refused; with it, f16 storage runs within f16 rounding', async () => {
    const shape = { ...good, Sq: 33, Skv: 33 };
    const inputs = randomInputs(shape);
    if (!ctx.features.has('shader-f16')) {
      await expect(denseAttention(ctx, shape, inputs, { dtype: 'f16' })).rejects.toThrow(/dtype f16 needs the "shader-f16" feature/);
    } else {
      const { out } = await denseAttention(ctx, shape, inputs, { dtype: 'f16' });
      expect(maxRelativeError(out, referenceAttention(shape, inputs))).toBeLessThan(5e-3);
    }
  });
});
