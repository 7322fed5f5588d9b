/**
 * Float64 CPU references for every kernel, and the error measure the tests and the benchmark use.
 * Deliberately naive (three loops and a two-pass softmax) so they are easy to trust.
 *
 * Example:
 *   const ref = referenceAttention(shape, { q, k, v }, { mask });   // Float64Array [B, H, Sq, D]
 *   maxRelativeError(gpuOut, ref);                                  // max|a-b| / max|ref|
 */
import type { AttentionInputs, AttentionShape } from './shape';
import { maskHasBlock, type BlockMaskCSR } from './mask';

export interface ReferenceOptions {
  /** Only keys in the mask's active blocks are visible (on top of causality). */
  mask?: BlockMaskCSR;
  scale?: number;
}

/**
 * Attention for one (b, h, query row) over the keys `visible` says, written into out[oBase .. oBase+D).
 * Keys are given by index; no visible key gives zeros.
 */
function attendRow(
  D: number,
  scale: number,
  q: Float32Array,
  qBase: number,
  k: Float32Array,
  v: Float32Array,
  kvBase: number,
  keys: number[],
  out: Float64Array,
  oBase: number,
): void {
  if (keys.length === 0) return;
  const scores = new Float64Array(keys.length);
  let max = -Infinity;
  keys.forEach((j, n) => {
    let s = 0;
    for (let d = 0; d < D; d++) s += q[qBase + d] * k[kvBase + j * D + d];
    scores[n] = s * scale;
    if (scores[n] > max) max = scores[n];
  });
  let sum = 0;
  for (let n = 0; n < keys.length; n++) sum += scores[n] = Math.exp(scores[n] - max);
  keys.forEach((j, n) => {
    const p = scores[n] / sum;
    for (let d = 0; d < D; d++) out[oBase + d] += p * v[kvBase + j * D + d];
  });
}

/** Dense attention (optionally under a block mask), float64: O [B, H, Sq, D]. Also the decode reference (Sq = 1). */
export function referenceAttention(shape: AttentionShape, { q, k, v }: AttentionInputs, opts: ReferenceOptions = {}): Float64Array {
  const { B, H, KVH, Sq, Skv, D, causal } = shape;
  const scale = opts.scale ?? 1 / Math.sqrt(D);
  const out = new Float64Array(B * H * Sq * D);
  const group = H / KVH;
  const mask = opts.mask;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const kvBase = (b * KVH + Math.floor(h / group)) * Skv * D;
      for (let i = 0; i < Sq; i++) {
        const last = causal ? Math.min(Skv - 1, i + Skv - Sq) : Skv - 1;
        const keys: number[] = [];
        for (let j = 0; j <= last; j++) {
          if (mask) {
            const row = (mask.numMaskHeads > 1 ? (b * H + h) * mask.numQueryBlocks : 0) + Math.floor(i / mask.blockSize);
            if (!maskHasBlock(mask, row, Math.floor(j / mask.blockSize))) continue;
          }
          keys.push(j);
        }
        const base = ((b * H + h) * Sq + i) * D;
        attendRow(D, scale, q, base, k, v, kvBase, keys, out, base);
      }
    }
  }
  return out;
}

/** Attention of the single query row (Sq = 1) over the given pages only: O [B, H, 1, D]. pages: [B·H, perHead]. */
export function referencePagedAttention(
  shape: AttentionShape,
  { q, k, v }: AttentionInputs,
  pageSize: number,
  pages: Uint32Array,
  opts: { scale?: number } = {},
): Float64Array {
  const { B, H, KVH, Skv, D } = shape;
  const scale = opts.scale ?? 1 / Math.sqrt(D);
  const perHead = pages.length / (B * H);
  const out = new Float64Array(B * H * D);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const keys: number[] = [];
      for (let n = 0; n < perHead; n++) {
        const page = pages[(b * H + h) * perHead + n];
        for (let j = page * pageSize; j < Math.min((page + 1) * pageSize, Skv); j++) keys.push(j);
      }
      const kvBase = (b * KVH + Math.floor(h / (H / KVH))) * Skv * D;
      attendRow(D, scale, q, (b * H + h) * D, k, v, kvBase, keys, out, (b * H + h) * D);
    }
  }
  return out;
}

/** Quest page scores, float64: Σ_d max(q_d·min_d, q_d·max_d) per page, [B·H, numPages] (the last page is not forced here). */
export function referenceQuestScores(shape: AttentionShape, { q, k }: Pick<AttentionInputs, 'q' | 'k'>, pageSize: number): Float64Array {
  const { B, H, KVH, Skv, D } = shape;
  const numPages = Math.ceil(Skv / pageSize);
  const scores = new Float64Array(B * H * numPages);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const kvBase = (b * KVH + Math.floor(h / (H / KVH))) * Skv * D;
      for (let page = 0; page < numPages; page++) {
        let s = 0;
        for (let d = 0; d < D; d++) {
          let lo = Infinity,
            hi = -Infinity;
          for (let j = page * pageSize; j < Math.min((page + 1) * pageSize, Skv); j++) {
            const x = k[kvBase + j * D + d];
            if (x < lo) lo = x;
            if (x > hi) hi = x;
          }
          const qd = q[(b * H + h) * D + d];
          s += Math.max(qd * lo, qd * hi);
        }
        scores[(b * H + h) * numPages + page] = s;
      }
    }
  }
  return scores;
}

/** Quest reference: top-`pageBudget` pages by bound (last page forced, ties to lower index), then attention over them. */
export function referenceQuest(
  shape: AttentionShape,
  inputs: AttentionInputs,
  quest: { pageBudget: number; pageSize?: number },
  opts: { scale?: number } = {},
): { out: Float64Array; pages: Uint32Array; scores: Float64Array } {
  const pageSize = quest.pageSize ?? 16;
  const numPages = Math.ceil(shape.Skv / pageSize);
  const perHead = Math.min(quest.pageBudget, numPages);
  const scores = referenceQuestScores(shape, inputs, pageSize);
  const heads = shape.B * shape.H;
  const pages = new Uint32Array(heads * perHead);
  for (let bh = 0; bh < heads; bh++) {
    const order = Array.from({ length: numPages }, (_, p) => p);
    const score = (p: number) => (p === numPages - 1 ? Infinity : scores[bh * numPages + p]);
    order.sort((a, b) => score(b) - score(a) || a - b);
    pages.set(
      order.slice(0, perHead).sort((a, b) => a - b),
      bh * perHead,
    );
  }
  return { out: referencePagedAttention(shape, inputs, pageSize, pages, opts), pages, scores };
}

/**
 * The error measure used everywhere: max_i |a_i − b_i| / max_i |b_i| (normalised by the largest reference
 * magnitude, so near-zero outputs do not blow it up). NaN anywhere in `a` gives NaN, which fails every bound.
 */
export function maxRelativeError(a: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (a.length !== ref.length) throw new Error(`maxRelativeError: lengths differ (${a.length} vs ${ref.length})`);
  let maxDiff = 0,
    maxRef = 0;
  for (let i = 0; i < a.length; i++) {
    const diff = Math.abs(a[i] - ref[i]);
    if (Number.isNaN(diff)) return NaN;
    if (diff > maxDiff) maxDiff = diff;
    if (Math.abs(ref[i]) > maxRef) maxRef = Math.abs(ref[i]);
  }
  return maxDiff / Math.max(maxRef, 1e-30);
}
