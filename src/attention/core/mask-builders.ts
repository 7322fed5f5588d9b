/**
 * Block-mask builders for the three prefill patterns of The Sparse Frontier. Each takes a target
 * compression ratio (1/density), tunes its one size parameter by bisection (density grows monotonically
 * with it) and reports the density reached in `mask.density` (computed pairs / causally allowed pairs).
 * The selection runs on the CPU: O((S/block)²) per head plus what the pattern inherently needs
 * (block top-k: pooling O(S·D) + pooled scores O((S/block)²·D), which `pooledBlockScoresGpu` can compute on
 * the GPU and pass in as `scores`; vertical-slash: the last-queries scores O(lastQueries·S·D), CPU only).
 *
 * Example:
 *   const local = localWindowMask(shape, { blockSize: 32, compression: 8 });             // shared by all heads
 *   const topk = blockTopKMask(shape, { q, k }, { blockSize: 32, compression: 8 });      // one per (batch, head)
 *   const vs = verticalSlashMask(shape, { q, k }, { blockSize: 32, compression: 8 });
 *   topk.density;   // ≈ 1/8 (see the tests for the tolerance)
 */
import { AttentionInputError, type AttentionInputs, type AttentionShape } from './shape';
import { MASK_BLOCK_SIZES, allowedPairs, maskDensity, type BlockMaskCSR, type MaskBlockSize } from './mask';
import { pooledBlockScores } from './block-scores';

export interface MaskBuildOptions {
  blockSize: MaskBlockSize;
  /** Target compression ratio = 1 / target density; ≥ 1. */
  compression: number;
}

export type MaskPattern = 'local' | 'vertical-slash' | 'block-topk';

interface Grid {
  nqb: number;
  nkb: number;
  /** Key block holding the last key visible to the block's last query (the diagonal block), clamped to [0, nkb). */
  diag: (qb: number) => number;
  /** Whether any pair in the block is allowed. */
  allowed: (qb: number, kb: number) => boolean;
}

function grid(shape: AttentionShape, opts: MaskBuildOptions): Grid {
  if (!MASK_BLOCK_SIZES.includes(opts.blockSize)) throw new AttentionInputError(`blockSize = ${opts.blockSize}: use 16, 32 or 64`);
  if (!(opts.compression >= 1) || !Number.isFinite(opts.compression)) {
    throw new AttentionInputError(`compression = ${opts.compression}: must be a finite number ≥ 1 (1 = dense)`);
  }
  const bs = opts.blockSize;
  const nqb = Math.ceil(shape.Sq / bs),
    nkb = Math.ceil(shape.Skv / bs);
  const offset = shape.Skv - shape.Sq;
  return {
    nqb,
    nkb,
    diag: (qb) => Math.max(0, Math.min(nkb - 1, Math.floor((Math.min(qb * bs + bs, shape.Sq) - 1 + offset) / bs))),
    allowed: (qb, kb) => allowedPairs(shape, bs, qb, kb) > 0,
  };
}

function toCSR(shape: AttentionShape, bs: MaskBlockSize, nqb: number, nkb: number, rows: boolean[][]): BlockMaskCSR {
  const rowPtr = new Uint32Array(rows.length + 1);
  const cols: number[] = [];
  rows.forEach((row, r) => {
    for (let kb = 0; kb < row.length; kb++) if (row[kb]) cols.push(kb);
    rowPtr[r + 1] = cols.length;
  });
  const colIdx = Uint32Array.from(cols);
  const numMaskHeads = rows.length / nqb;
  return {
    blockSize: bs,
    numQueryBlocks: nqb,
    numKeyBlocks: nkb,
    numMaskHeads,
    rowPtr,
    colIdx,
    density: maskDensity(shape, bs, numMaskHeads, rowPtr, colIdx),
  };
}

/**
 * Picks the parameter in [lo, hi] (integers, or reals when `integer` is false) whose mask density is
 * closest to `target`, assuming density grows with the parameter.
 */
function calibrate(build: (x: number) => BlockMaskCSR, target: number, lo: number, hi: number, integer: boolean): BlockMaskCSR {
  let best = build(hi);
  if (best.density <= target) return best;
  let a = lo,
    b = hi;
  for (let it = 0; it < 40 && (integer ? b - a > 1 : b - a > 1e-6); it++) {
    const mid = integer ? Math.floor((a + b) / 2) : (a + b) / 2;
    if (build(mid).density < target) a = mid;
    else b = mid;
  }
  const below = build(a),
    above = build(b);
  best = Math.abs(below.density - target) <= Math.abs(above.density - target) ? below : above;
  return best;
}

/** Sinks (the first `sinkBlocks` key blocks) plus a window of key blocks ending at the diagonal (centred when not causal). Shared by all heads. */
export function localWindowMask(shape: AttentionShape, opts: MaskBuildOptions & { sinkBlocks?: number }): BlockMaskCSR {
  const g = grid(shape, opts);
  const sinks = opts.sinkBlocks ?? 1;
  const build = (w: number) => {
    const rows: boolean[][] = [];
    for (let qb = 0; qb < g.nqb; qb++) {
      const row = new Array<boolean>(g.nkb).fill(false);
      const d = g.diag(qb);
      const first = shape.causal ? d - w + 1 : d - Math.floor((w - 1) / 2);
      for (let kb = Math.max(0, first); kb <= Math.min(g.nkb - 1, first + w - 1); kb++) row[kb] = g.allowed(qb, kb);
      for (let kb = 0; kb < Math.min(sinks, g.nkb); kb++) row[kb] = g.allowed(qb, kb);
      rows.push(row);
    }
    return toCSR(shape, opts.blockSize, g.nqb, g.nkb, rows);
  };
  return calibrate(build, 1 / opts.compression, 1, shape.causal ? g.nkb : 2 * g.nkb, true);
}

/**
 * Block top-k: score mean-pooled Q blocks against mean-pooled K blocks, keep per query block the
 * top ⌈t · allowed blocks⌉ key blocks, always with the sink block 0 and the diagonal block; t is tuned to
 * reach the target density. One mask per (batch, head). The pooled scores are computed on the CPU unless
 * `opts.scores` gives them (from `pooledBlockScoresGpu`, [B·H, numQueryBlocks, numKeyBlocks]).
 */
export function blockTopKMask(
  shape: AttentionShape,
  inputs: Pick<AttentionInputs, 'q' | 'k'>,
  opts: MaskBuildOptions & { scores?: ArrayLike<number> },
): BlockMaskCSR {
  const g = grid(shape, opts);
  const bs = opts.blockSize;
  const heads = shape.B * shape.H;
  const scores = opts.scores ?? pooledBlockScores(shape, inputs, bs);
  if (scores.length !== heads * g.nqb * g.nkb) {
    throw new AttentionInputError(
      `scores has ${scores.length} values; expected B·H·numQueryBlocks·numKeyBlocks = ${heads * g.nqb * g.nkb}`,
    );
  }
  // Per (mask head, query block): allowed key blocks ordered by pooled score, forced ones first.
  const orders: number[][] = [];
  for (let bh = 0; bh < heads; bh++) {
    for (let qb = 0; qb < g.nqb; qb++) {
      const cand: { kb: number; s: number }[] = [];
      const d = g.diag(qb);
      for (let kb = 0; kb < g.nkb; kb++) {
        if (!g.allowed(qb, kb)) continue;
        cand.push({ kb, s: kb === 0 || kb === d ? Infinity : scores[(bh * g.nqb + qb) * g.nkb + kb] });
      }
      cand.sort((x, y) => y.s - x.s || x.kb - y.kb);
      orders.push(cand.map((c) => c.kb));
    }
  }
  const build = (t: number) => {
    const rows = orders.map((order, r) => {
      const qb = r % g.nqb;
      const forced = order.filter((kb) => kb === 0 || kb === g.diag(qb)).length;
      const keep = Math.max(forced, Math.ceil(t * order.length));
      const row = new Array<boolean>(g.nkb).fill(false);
      for (let i = 0; i < Math.min(keep, order.length); i++) row[order[i]] = true;
      return row;
    });
    return toCSR(shape, bs, g.nqb, g.nkb, rows);
  };
  return calibrate(build, 1 / opts.compression, 0, 1, false);
}

/**
 * Vertical-slash: softmax scores of the last `lastQueries` queries (default 64) against all keys give
 * vertical (per key) and slash (per query−key offset) importances; the first 4 keys and the min(64, blockSize)
 * nearest diagonals are forced. The top verticals and slashes (the same fraction t of each, tuned to the target
 * density) become the key blocks they touch. One mask per (batch, head).
 */
export function verticalSlashMask(
  shape: AttentionShape,
  { q, k }: Pick<AttentionInputs, 'q' | 'k'>,
  opts: MaskBuildOptions & { lastQueries?: number },
): BlockMaskCSR {
  const g = grid(shape, opts);
  const { B, H, KVH, Sq, Skv, D } = shape;
  const bs = opts.blockSize;
  const offset = Skv - Sq;
  const lastQ = Math.min(opts.lastQueries ?? 64, Sq);
  const scale = 1 / Math.sqrt(D);
  const numDiag = Sq + Skv; // slash index = (i + offset) − j + Sq ∈ [0, Sq + Skv)
  const localDiagonals = Math.min(64, bs);
  type Head = { verticalBlocks: number[]; slashes: number[] };
  const heads: Head[] = [];
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const kvBase = (b * KVH + Math.floor(h / (H / KVH))) * Skv * D;
      const vertical = new Float64Array(Skv);
      const slash = new Float64Array(numDiag);
      const row = new Float64Array(Skv);
      for (let i = Sq - lastQ; i < Sq; i++) {
        const last = shape.causal ? Math.min(Skv - 1, i + offset) : Skv - 1;
        if (last < 0) continue;
        const qBase = ((b * H + h) * Sq + i) * D;
        let max = -Infinity;
        for (let j = 0; j <= last; j++) {
          let s = 0;
          for (let d = 0; d < D; d++) s += q[qBase + d] * k[kvBase + j * D + d];
          row[j] = s * scale;
          if (row[j] > max) max = row[j];
        }
        let sum = 0;
        for (let j = 0; j <= last; j++) sum += row[j] = Math.exp(row[j] - max);
        for (let j = 0; j <= last; j++) {
          vertical[j] += row[j] / sum;
          slash[i + offset - j + Sq] += row[j] / sum;
        }
      }
      for (let j = 0; j < Math.min(4, Skv); j++) vertical[j] = Infinity;
      // The paper forces the 64 nearest diagonals with 64-blocks; with smaller blocks, as many as the block size
      // (they already cover the diagonal block and the one below), so short sequences can still reach the target.
      for (let delta = 0; delta < localDiagonals; delta++) if (delta + Sq < numDiag) slash[delta + Sq] = Infinity;
      const byScore = (arr: Float64Array) =>
        Array.from(arr.keys())
          .filter((x) => arr[x] > 0)
          .sort((x, y) => arr[y] - arr[x] || x - y);
      heads.push({ verticalBlocks: byScore(vertical).map((j) => Math.floor(j / bs)), slashes: byScore(slash).map((s) => s - Sq) });
    }
  }
  const build = (t: number) => {
    const rows: boolean[][] = [];
    for (const head of heads) {
      const grid2 = Array.from({ length: g.nqb }, () => new Array<boolean>(g.nkb).fill(false));
      const nv = Math.max(Math.min(4, head.verticalBlocks.length), Math.round(t * head.verticalBlocks.length));
      const ns = Math.max(Math.min(localDiagonals, head.slashes.length), Math.round(t * head.slashes.length));
      const kbs = new Set(head.verticalBlocks.slice(0, nv));
      // Slash delta (query i + offset − key j) touches, in query block qb, key blocks qb + c for c in
      // [floor((offset − delta) / bs), floor((bs − 1 + offset − delta) / bs)]: collect the distinct c.
      const diagonals = new Set<number>();
      for (const delta of head.slashes.slice(0, ns)) {
        diagonals.add(Math.floor((offset - delta) / bs));
        diagonals.add(Math.floor((bs - 1 + offset - delta) / bs));
      }
      for (let qb = 0; qb < g.nqb; qb++) {
        for (const kb of kbs) grid2[qb][kb] = g.allowed(qb, kb);
        for (const c of diagonals) {
          const kb = qb + c;
          if (kb >= 0 && kb < g.nkb) grid2[qb][kb] = g.allowed(qb, kb);
        }
      }
      rows.push(...grid2);
    }
    return toCSR(shape, bs, g.nqb, g.nkb, rows);
  };
  return calibrate(build, 1 / opts.compression, 0, 1, false);
}
