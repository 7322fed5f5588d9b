/**
 * Block masks in CSR form: for each query block, the sorted key blocks to visit.
 * One mask is shared by every batch and head (`numMaskHeads = 1`) or there is one per (batch, head)
 * (`numMaskHeads = B·H`, mask head index b·H + h): rows are then [numMaskHeads · numQueryBlocks].
 * Causality is applied on top of the mask by the kernels, per element.
 *
 * Example:
 *   const mask = maskFromBlockSets(shape, 32, [[0], [0, 1], [1, 2]]);   // 3 query blocks, one shared mask
 *   validateMask(mask, shape);  // throws AttentionInputError for empty/malformed masks
 *   mask.density;               // fraction of the causally allowed query-key pairs that are computed
 */
import { AttentionInputError, type AttentionShape } from './shape';

export type MaskBlockSize = 16 | 32 | 64;
export const MASK_BLOCK_SIZES: readonly MaskBlockSize[] = [16, 32, 64];

export interface BlockMaskCSR {
  blockSize: MaskBlockSize;
  numQueryBlocks: number;
  numKeyBlocks: number;
  /** 1 (shared) or B·H (one per batch and head). */
  numMaskHeads: number;
  /** [numMaskHeads·numQueryBlocks + 1] offsets into colIdx. */
  rowPtr: Uint32Array;
  /** Key block indices, strictly increasing within a row. */
  colIdx: Uint32Array;
  /** Computed pairs / causally allowed pairs, averaged over mask heads (1 = dense). */
  density: number;
}

/** Σ_{t=lo}^{hi} clamp(t, 0, w), in O(1). */
function clampSum(lo: number, hi: number, w: number): number {
  if (hi < lo) return 0;
  let s = 0;
  const a = Math.max(lo, 0),
    b = Math.min(hi, w);
  if (b >= a) s += ((a + b) * (b - a + 1)) / 2;
  const c = Math.max(lo, w + 1);
  if (hi >= c) s += w * (hi - c + 1);
  return s;
}

/** Number of (query, key) pairs in query block qb × key block kb that the shape allows (causality), in O(1). */
export function allowedPairs(shape: AttentionShape, blockSize: number, qb: number, kb: number): number {
  const q0 = qb * blockSize,
    q1 = Math.min(q0 + blockSize, shape.Sq);
  const k0 = kb * blockSize,
    k1 = Math.min(k0 + blockSize, shape.Skv);
  if (q1 <= q0 || k1 <= k0) return 0;
  if (!shape.causal) return (q1 - q0) * (k1 - k0);
  // Query i sees min(k1-1, i+offset) - k0 + 1 keys of the block, clamped to [0, k1-k0].
  const offset = shape.Skv - shape.Sq;
  return clampSum(q0 + offset - k0 + 1, q1 - 1 + offset - k0 + 1, k1 - k0);
}

/** Total causally allowed pairs for one head. */
export function totalAllowedPairs(shape: AttentionShape): number {
  if (!shape.causal) return shape.Sq * shape.Skv;
  const offset = shape.Skv - shape.Sq;
  return clampSum(offset + 1, shape.Sq + offset, shape.Skv);
}

/** Density of a CSR mask for `shape`: computed allowed pairs over all allowed pairs, averaged over mask heads. */
export function maskDensity(
  shape: AttentionShape,
  blockSize: number,
  numMaskHeads: number,
  rowPtr: Uint32Array,
  colIdx: Uint32Array,
): number {
  const total = totalAllowedPairs(shape);
  if (total === 0) return 0;
  const nqb = Math.ceil(shape.Sq / blockSize);
  let covered = 0;
  for (let r = 0; r < numMaskHeads * nqb; r++) {
    const qb = r % nqb;
    for (let e = rowPtr[r]; e < rowPtr[r + 1]; e++) covered += allowedPairs(shape, blockSize, qb, colIdx[e]);
  }
  return covered / (total * numMaskHeads);
}

/** Builds a CSR mask from per-row key block lists (any order, duplicates removed); rows = numMaskHeads·numQueryBlocks. */
export function maskFromBlockSets(shape: AttentionShape, blockSize: MaskBlockSize, rows: Iterable<number>[]): BlockMaskCSR {
  const numQueryBlocks = Math.ceil(shape.Sq / blockSize);
  const numKeyBlocks = Math.ceil(shape.Skv / blockSize);
  if (rows.length % numQueryBlocks !== 0) {
    throw new AttentionInputError(`mask has ${rows.length} rows; expected a multiple of ${numQueryBlocks} query blocks`);
  }
  const numMaskHeads = rows.length / numQueryBlocks;
  const rowPtr = new Uint32Array(rows.length + 1);
  const cols: number[] = [];
  rows.forEach((row, r) => {
    const sorted = [...new Set(row)].sort((a, b) => a - b);
    cols.push(...sorted);
    rowPtr[r + 1] = cols.length;
  });
  const colIdx = Uint32Array.from(cols);
  return {
    blockSize,
    numQueryBlocks,
    numKeyBlocks,
    numMaskHeads,
    rowPtr,
    colIdx,
    density: maskDensity(shape, blockSize, numMaskHeads, rowPtr, colIdx),
  };
}

/** Every key block for every query block: block-sparse attention under this mask equals dense attention. */
export function fullMask(shape: AttentionShape, blockSize: MaskBlockSize): BlockMaskCSR {
  const nkb = Math.ceil(shape.Skv / blockSize);
  const all = Array.from({ length: nkb }, (_, i) => i);
  return maskFromBlockSets(
    shape,
    blockSize,
    Array.from({ length: Math.ceil(shape.Sq / blockSize) }, () => all),
  );
}

/** Whether key block kb is in row r (binary search; rows are sorted). */
export function maskHasBlock(mask: BlockMaskCSR, row: number, kb: number): boolean {
  let lo = mask.rowPtr[row],
    hi = mask.rowPtr[row + 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mask.colIdx[mid] === kb) return true;
    if (mask.colIdx[mid] < kb) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** Throws `AttentionInputError` saying what is wrong (and in which row) with a mask for `shape`. */
export function validateMask(mask: BlockMaskCSR, shape: AttentionShape): void {
  if (!MASK_BLOCK_SIZES.includes(mask.blockSize)) {
    throw new AttentionInputError(`mask.blockSize = ${mask.blockSize} is unsupported: use 16, 32 or 64`);
  }
  const nqb = Math.ceil(shape.Sq / mask.blockSize);
  const nkb = Math.ceil(shape.Skv / mask.blockSize);
  if (mask.numQueryBlocks !== nqb)
    throw new AttentionInputError(
      `mask.numQueryBlocks = ${mask.numQueryBlocks}, but Sq = ${shape.Sq} at block ${mask.blockSize} needs ${nqb}`,
    );
  if (mask.numKeyBlocks !== nkb)
    throw new AttentionInputError(
      `mask.numKeyBlocks = ${mask.numKeyBlocks}, but Skv = ${shape.Skv} at block ${mask.blockSize} needs ${nkb}`,
    );
  if (mask.numMaskHeads !== 1 && mask.numMaskHeads !== shape.B * shape.H) {
    throw new AttentionInputError(`mask.numMaskHeads = ${mask.numMaskHeads}: must be 1 (shared) or B·H = ${shape.B * shape.H}`);
  }
  const rows = mask.numMaskHeads * nqb;
  if (!(mask.rowPtr instanceof Uint32Array) || mask.rowPtr.length !== rows + 1) {
    throw new AttentionInputError(
      `mask.rowPtr must be a Uint32Array of ${rows + 1} offsets (numMaskHeads·numQueryBlocks + 1), got ${mask.rowPtr?.length}`,
    );
  }
  if (!(mask.colIdx instanceof Uint32Array)) throw new AttentionInputError('mask.colIdx must be a Uint32Array');
  if (mask.rowPtr[0] !== 0) throw new AttentionInputError(`mask.rowPtr[0] = ${mask.rowPtr[0]}: must be 0`);
  if (mask.rowPtr[rows] !== mask.colIdx.length) {
    throw new AttentionInputError(`mask.rowPtr[${rows}] = ${mask.rowPtr[rows]} but colIdx has ${mask.colIdx.length} entries`);
  }
  if (mask.colIdx.length === 0) throw new AttentionInputError('mask is empty: no query block visits any key block');
  for (let r = 0; r < rows; r++) {
    if (mask.rowPtr[r + 1] < mask.rowPtr[r])
      throw new AttentionInputError(`mask.rowPtr is decreasing at row ${r} (${mask.rowPtr[r]} > ${mask.rowPtr[r + 1]})`);
  }
  for (let r = 0; r < rows; r++) {
    const a = mask.rowPtr[r],
      b = mask.rowPtr[r + 1];
    for (let e = a; e < b; e++) {
      const kb = mask.colIdx[e];
      if (kb >= nkb)
        throw new AttentionInputError(`mask row ${r} (query block ${r % nqb}) names key block ${kb}, but there are only ${nkb}`);
      if (e > a && kb <= mask.colIdx[e - 1]) {
        throw new AttentionInputError(
          `mask row ${r} (query block ${r % nqb}): key blocks must be strictly increasing, got ${mask.colIdx[e - 1]} then ${kb}`,
        );
      }
    }
  }
}
