/**
 * The attention workloads the Energy tab measures on this GPU, run with attn-kernels' kernels
 * (src/attention/core): prefill (dense, or block-sparse at a compression ratio) and one decode step
 * (dense split-KV, or Quest over 1/compression of the pages). One attention layer of H = 4 query heads,
 * KVH = 2 key/value heads (grouped-query), head dim 64 — not a whole LLM: only attention is measured.
 * Every timed run reports itself to the energy meter (feature 'energy').
 *
 * Example (GPU worker or Node):
 *   const [p] = await measureAttention(ctx, [{ kind: 'prefill', batch: 1, seqLen: 128, compression: 4, dtype: 'f32' }]);
 *   p.medianMs; p.flops; p.density; // ≈ 0.25 of the causal pairs computed
 */
import type { GpuContext } from '../gpu/context';
import { startTiming } from '../gpu/timer';
import {
  prepareAttention,
  maskFromBlockSets,
  attentionFlops,
  type AttentionShape,
  type AttentionKernel,
  type AttentionDtype,
  type BlockMaskCSR,
  type MaskBlockSize,
} from '../attention';

export const LAYER = { H: 4, KVH: 2, D: 64 } as const;
export const QUEST_PAGE_SIZE = 16;

export type WorkloadPoint =
  | { kind: 'prefill'; batch: number; seqLen: number; compression: number; dtype: AttentionDtype }
  | { kind: 'decode'; batch: number; context: number; quest: boolean; compression: number; dtype: AttentionDtype };

export interface MeasuredPoint {
  point: WorkloadPoint;
  /** Median GPU time of `repeats` timed runs after one warm-up, ms. */
  medianMs: number;
  allMs: number[];
  source: 'timestamp' | 'wall';
  /** FLOPs actually computed (masked blocks and unchosen pages excluded). */
  flops: number;
  /** Fraction of the dense work computed: 1 for dense. */
  density: number;
  /** Units the energy is divided by: queries (prefill: batch) or tokens (decode: batch). */
  units: number;
}

/** Upper bounds that keep one point from hogging the GPU worker (the UI offers less). */
export const LIMITS = { batch: 64, seqLen: 8192, context: 32768, compression: 64, repeats: 20 } as const;

export function pointLabel(p: WorkloadPoint): string {
  return p.kind === 'prefill'
    ? `prefill B${p.batch} S${p.seqLen} ${p.compression > 1 ? `sparse 1/${p.compression}` : 'dense'} ${p.dtype}`
    : `decode B${p.batch} ctx${p.context} ${p.quest ? `Quest 1/${p.compression}` : 'dense'} ${p.dtype}`;
}

/** Refuses points outside the limits, naming the field. */
export function checkPoint(p: WorkloadPoint): void {
  const ints: [string, number, number][] =
    p.kind === 'prefill'
      ? [
          ['batch', p.batch, LIMITS.batch],
          ['seqLen', p.seqLen, LIMITS.seqLen],
          ['compression', p.compression, LIMITS.compression],
        ]
      : [
          ['batch', p.batch, LIMITS.batch],
          ['context', p.context, LIMITS.context],
          ['compression', p.compression, LIMITS.compression],
        ];
  for (const [name, v, max] of ints) {
    if (!Number.isInteger(v) || v < 1 || v > max)
      throw new RangeError(`${pointLabel(p)}: ${name} = ${v} must be an integer from 1 to ${max}`);
  }
  if (p.dtype !== 'f32' && p.dtype !== 'f16') throw new RangeError(`${pointLabel(p)}: dtype must be f32 or f16`);
}

/**
 * A causal block mask that keeps about 1/compression of each query block's visible key blocks: the diagonal
 * block, the first block (attention sink) when two or more are kept, then the most recent blocks — the shape of a sliding window
 * with a sink. Which blocks are kept does not change the work; how many does.
 */
export function compressionMask(shape: AttentionShape, compression: number): BlockMaskCSR {
  const blockSize: MaskBlockSize = shape.Sq >= 512 ? 64 : shape.Sq >= 128 ? 32 : 16;
  const nq = Math.ceil(shape.Sq / blockSize);
  const offset = shape.Skv - shape.Sq;
  const rows: number[][] = [];
  for (let qb = 0; qb < nq; qb++) {
    const lastRow = Math.min(shape.Sq, (qb + 1) * blockSize) - 1;
    const lastKb = Math.floor((lastRow + offset) / blockSize);
    const visible = lastKb + 1;
    const keep = Math.max(1, Math.ceil(visible / compression));
    const set = new Set<number>(keep > 1 ? [lastKb, 0] : [lastKb]);
    for (let kb = lastKb - 1; set.size < keep && kb > 0; kb--) set.add(kb);
    rows.push([...set]);
  }
  return maskFromBlockSets(shape, blockSize, rows);
}

/** Deterministic inputs in [-1, 1): content does not change the time of these kernels. */
function filled(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    a[i] = ((x >>> 0) / 2 ** 32) * 2 - 1;
  }
  return a;
}

function setup(p: WorkloadPoint): { shape: AttentionShape; kernel: AttentionKernel; flops: number; density: number } {
  const { H, KVH, D } = LAYER;
  if (p.kind === 'prefill') {
    const shape: AttentionShape = { B: p.batch, H, KVH, Sq: p.seqLen, Skv: p.seqLen, D, causal: true };
    if (p.compression <= 1) return { shape, kernel: { kind: 'dense' }, flops: attentionFlops(shape), density: 1 };
    const mask = compressionMask(shape, p.compression);
    return { shape, kernel: { kind: 'block-sparse', mask }, flops: attentionFlops(shape) * mask.density, density: mask.density };
  }
  const shape: AttentionShape = { B: p.batch, H, KVH, Sq: 1, Skv: p.context, D, causal: false };
  const dense = attentionFlops(shape);
  if (!p.quest) return { shape, kernel: { kind: 'decode' }, flops: dense, density: 1 };
  const numPages = Math.ceil(p.context / QUEST_PAGE_SIZE);
  const pageBudget = Math.max(1, Math.ceil(numPages / p.compression));
  const keys = Math.min(p.context, pageBudget * QUEST_PAGE_SIZE);
  // Page scoring reads each page's min and max key: 2 bounds × D multiply-adds per page and head.
  const selection = 2 * 2 * p.batch * H * numPages * D;
  return {
    shape,
    kernel: { kind: 'quest', pageBudget, pageSize: QUEST_PAGE_SIZE },
    flops: (dense * keys) / p.context + selection,
    density: keys / p.context,
  };
}

/** Measures each point: one warm-up, then `repeats` timed runs; reports every run to the meter. */
export async function measureAttention(
  ctx: GpuContext,
  points: WorkloadPoint[],
  opts: { repeats?: number; onProgress?: (done: number, total: number, label: string) => void } = {},
): Promise<MeasuredPoint[]> {
  const repeats = opts.repeats ?? 3;
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > LIMITS.repeats)
    throw new RangeError(`repeats = ${repeats} must be from 1 to ${LIMITS.repeats}`);
  points.forEach(checkPoint);
  const out: MeasuredPoint[] = [];
  for (const [i, point] of points.entries()) {
    const label = pointLabel(point);
    opts.onProgress?.(i, points.length, label);
    const { shape, kernel, flops, density } = setup(point);
    const att = await prepareAttention(ctx, shape, kernel, { dtype: point.dtype });
    try {
      const qn = shape.B * shape.H * shape.Sq * shape.D;
      const kn = shape.B * shape.KVH * shape.Skv * shape.D;
      att.write({ q: filled(qn, 1 + i), k: filled(kn, 2 + i), v: filled(kn, 3 + i) });
      const ms: number[] = [];
      let source: 'timestamp' | 'wall' = 'wall';
      for (let r = 0; r <= repeats; r++) {
        const device = ctx.device;
        const timing = startTiming(device, { feature: 'energy', job: label, flops });
        const encoder = device.createCommandEncoder({ label });
        att.encode(encoder, timing);
        timing.submit(encoder);
        const t = await timing.result();
        source = t.source;
        if (r > 0) ms.push(t.ms); // run 0 is the warm-up (its energy still counts on the meter)
      }
      const sorted = [...ms].sort((a, b) => a - b);
      out.push({ point, medianMs: sorted[Math.floor(sorted.length / 2)], allMs: ms, source, flops, density, units: shape.B });
    } finally {
      att.destroy();
    }
  }
  opts.onProgress?.(points.length, points.length, 'done');
  return out;
}
