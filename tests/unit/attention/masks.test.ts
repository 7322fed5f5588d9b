// Block-mask builders and CSR helpers (CPU only): target density, forced blocks, planted structure, errors.
import { describe, expect, test } from 'vitest';
import {
  AttentionInputError,
  allowedPairs,
  blockTopKMask,
  localWindowMask,
  maskFromBlockSets,
  maskHasBlock,
  totalAllowedPairs,
  validateMask,
  verticalSlashMask,
  type AttentionShape,
  type BlockMaskCSR,
  type MaskBlockSize,
} from '../../../src/attention/core';
import { random, randomInputs } from './helpers';

/** Density is a ratio of pairs; builders reach the target within this relative tolerance at S = 2048. */
const DENSITY_TOL = 0.25;

function rowHas(mask: BlockMaskCSR, head: number, qb: number, kb: number): boolean {
  return maskHasBlock(mask, head * mask.numQueryBlocks + qb, kb);
}

test('allowed-pair counts match brute force on odd causal shapes', () => {
  for (const shape of [
    { B: 1, H: 1, KVH: 1, Sq: 77, Skv: 129, D: 4, causal: true },
    { B: 1, H: 1, KVH: 1, Sq: 129, Skv: 77, D: 4, causal: true },
    { B: 1, H: 1, KVH: 1, Sq: 77, Skv: 77, D: 4, causal: false },
  ]) {
    let total = 0;
    for (const bs of [16, 64]) {
      for (let qb = 0; qb < Math.ceil(shape.Sq / bs); qb++) {
        for (let kb = 0; kb < Math.ceil(shape.Skv / bs); kb++) {
          let n = 0;
          for (let i = qb * bs; i < Math.min(qb * bs + bs, shape.Sq); i++) {
            for (let j = kb * bs; j < Math.min(kb * bs + bs, shape.Skv); j++) if (!shape.causal || j <= i + shape.Skv - shape.Sq) n++;
          }
          expect(allowedPairs(shape, bs, qb, kb)).toBe(n);
          if (bs === 16) total += n;
        }
      }
    }
    expect(totalAllowedPairs(shape)).toBe(total);
  }
});

describe('builders reach the target density', () => {
  const shape: AttentionShape = { B: 1, H: 2, KVH: 1, Sq: 2048, Skv: 2048, D: 32, causal: true };
  const inputs = randomInputs(shape);
  for (const bs of [16, 32, 64] as MaskBlockSize[]) {
    for (const compression of [4, 8]) {
      test(`block ${bs}, compression ${compression}`, () => {
        const masks = {
          local: localWindowMask(shape, { blockSize: bs, compression }),
          blockTopK: blockTopKMask(shape, inputs, { blockSize: bs, compression }),
          verticalSlash: verticalSlashMask(shape, inputs, { blockSize: bs, compression }),
        };
        for (const [name, mask] of Object.entries(masks)) {
          validateMask(mask, shape);
          expect(Math.abs(mask.density * compression - 1), `${name}: density ${mask.density}`).toBeLessThanOrEqual(DENSITY_TOL);
        }
        // Data-dependent masks are per (batch, head) and keep the sink and diagonal blocks.
        for (const mask of [masks.blockTopK, masks.verticalSlash]) {
          expect(mask.numMaskHeads).toBe(2);
          for (let head = 0; head < 2; head++) {
            for (let qb = 0; qb < mask.numQueryBlocks; qb++) {
              expect(rowHas(mask, head, qb, 0)).toBe(true);
              expect(rowHas(mask, head, qb, qb)).toBe(true);
            }
          }
        }
        expect(masks.local.numMaskHeads).toBe(1);
      });
    }
  }

  test('non-causal shapes and compression 1', () => {
    const nc = { ...shape, Sq: 300, Skv: 500, causal: false };
    const ncInputs = randomInputs(nc);
    for (const mask of [
      localWindowMask(nc, { blockSize: 32, compression: 4 }),
      blockTopKMask(nc, ncInputs, { blockSize: 32, compression: 4 }),
      verticalSlashMask(nc, ncInputs, { blockSize: 32, compression: 4 }),
    ]) {
      validateMask(mask, nc);
      expect(Math.abs(mask.density * 4 - 1)).toBeLessThanOrEqual(0.35);
    }
    expect(localWindowMask(shape, { blockSize: 64, compression: 1 }).density).toBe(1);
    expect(blockTopKMask(shape, inputs, { blockSize: 64, compression: 1 }).density).toBe(1);
  });
});

describe('builders follow the data', () => {
  const shape: AttentionShape = { B: 1, H: 1, KVH: 1, Sq: 512, Skv: 512, D: 32, causal: true };

  test('block top-k picks a key block planted to align with every query block', () => {
    const inputs = randomInputs(shape);
    const dir = Float32Array.from({ length: 32 }, () => random() + 0.5);
    for (let i = 0; i < 512; i++) for (let d = 0; d < 32; d++) inputs.q[i * 32 + d] += dir[d];
    for (let j = 160; j < 192; j++) for (let d = 0; d < 32; d++) inputs.k[j * 32 + d] += 4 * dir[d]; // key block 5 at block 32
    // Compression 2: at S = 512 the forced sink and diagonal blocks alone are about 1/8 of the pairs.
    const mask = blockTopKMask(shape, inputs, { blockSize: 32, compression: 2 });
    for (let qb = 5; qb < 16; qb++) expect(rowHas(mask, 0, qb, 5)).toBe(true);
  });

  test('vertical-slash picks a planted heavy key column', () => {
    const inputs = randomInputs(shape);
    for (let d = 0; d < 32; d++) {
      const x = random() + 0.5;
      for (let i = 0; i < 512; i++) inputs.q[i * 32 + d] = Math.abs(inputs.q[i * 32 + d]) * x;
      inputs.k[300 * 32 + d] = 6; // key 300 (block 9 at block 32) scores high for every query
    }
    const mask = verticalSlashMask(shape, inputs, { blockSize: 32, compression: 2 });
    for (let qb = 10; qb < 16; qb++) expect(rowHas(mask, 0, qb, 9)).toBe(true);
  });
});

describe('mask errors', () => {
  const shape: AttentionShape = { B: 1, H: 2, KVH: 1, Sq: 77, Skv: 77, D: 32, causal: true };
  test('bad builder options', () => {
    expect(() => localWindowMask(shape, { blockSize: 32, compression: 0.5 })).toThrow(/compression = 0\.5: must be a finite number ≥ 1/);
    expect(() => localWindowMask(shape, { blockSize: 8 as 16, compression: 2 })).toThrow(/blockSize = 8/);
  });
  test('malformed CSR', () => {
    const good = maskFromBlockSets(shape, 32, [[0], [0, 1], [1, 2]]);
    validateMask(good, shape);
    const bad = (m: Partial<BlockMaskCSR>) => () => validateMask({ ...good, ...m }, shape);
    expect(bad({ colIdx: Uint32Array.of(0, 1, 0, 1, 2) })).toThrow(/rowPtr\[3\] = 5 but colIdx has 5|strictly increasing/);
    expect(bad({ colIdx: Uint32Array.of(0, 0, 1, 2, 1) })).toThrow(
      /mask row 2 \(query block 2\): key blocks must be strictly increasing, got 2 then 1/,
    );
    expect(bad({ rowPtr: Uint32Array.of(0, 2, 1, 5) })).toThrow(/rowPtr is decreasing at row 1/);
    expect(bad({ rowPtr: Uint32Array.of(1, 1, 3, 5) })).toThrow(/rowPtr\[0\] = 1: must be 0/);
    expect(bad({ numMaskHeads: 3 })).toThrow(/numMaskHeads = 3: must be 1 \(shared\) or B·H = 2/);
    expect(bad({ colIdx: Uint32Array.of(0, 0, 1, 1, 2), rowPtr: Uint32Array.of(0, 2, 3, 5) })).toThrow(/strictly increasing, got 0 then 0/);
    expect(() => maskFromBlockSets(shape, 32, [[0], [0]])).toThrow(AttentionInputError);
  });
});
