/**
 * Attention kernels on WebGPU: the public API (stable; the benchmark and the Attention tab build on it).
 * Everything takes a `GpuContext` and reads `ctx.device` per call, so it runs in the GPU worker and in Node.
 *
 * Layout (row-major f32): Q [B, H, Sq, D], K and V [B, KVH, Skv, D], O [B, H, Sq, D].
 * Grouped-query: query head h uses kv head floor(h / (H / KVH)). Causal aligns the last query with the
 * last key: query i sees keys j <= i + Skv - Sq; a query that sees no key outputs zeros.
 * Scores are scaled by 1/sqrt(D) unless `opts.scale` says otherwise.
 * Bad input throws `AttentionInputError` (naming the field, row or index) before anything is dispatched;
 * NaN/Inf in Q, K or V are rejected with the index of the first bad value (never propagated).
 *
 * Example (Node through Dawn, or the GPU worker):
 *   const ctx = await GpuContext.create(await nodeGpu());
 *   const shape = { B: 1, H: 4, KVH: 2, Sq: 256, Skv: 256, D: 64, causal: true };
 *   const rand = (n: number) => Float32Array.from({ length: n }, () => Math.random() * 2 - 1);
 *   const q = rand(1 * 4 * 256 * 64), k = rand(1 * 2 * 256 * 64), v = rand(1 * 2 * 256 * 64);
 *   const dense = await denseAttention(ctx, shape, { q, k, v });            // { out, timing }
 *   const mask = blockTopKMask(shape, { q, k }, { blockSize: 32, compression: 8 });  // mask.density ≈ 1/8
 *   const sparse = await blockSparseAttention(ctx, shape, { q, k, v }, mask);
 *   const ref = referenceAttention(shape, { q, k, v }, { mask });              // float64, for checking
 *   maxRelativeError(sparse.out, ref);                                         // ≤ 1e-4 in f32
 *
 * Repeated timing without re-uploading (what the benchmark does):
 *   const att = await prepareAttention(ctx, shape, { kind: 'block-sparse', mask });
 *   att.write({ q, k, v });
 *   await att.run();                                   // warm-up
 *   const ms = []; for (let i = 0; i < 10; i++) ms.push((await att.run()).ms);
 *   const out = await att.read(); att.destroy();
 *
 * Kernels: 'dense' (FlashAttention-2 style prefill), 'block-sparse' (same kernel over a CSR block mask),
 * 'decode' (Sq = 1, split-KV + log-sum-exp merge), 'quest' (Sq = 1, page min/max bounds, top-k pages,
 * attention over the chosen pages). Masks: localWindowMask, verticalSlashMask, blockTopKMask (CPU; block
 * top-k can take GPU-computed pooled scores from pooledBlockScoresGpu). float64 references: referenceAttention
 * (dense, masked, decode), referenceQuest, referencePagedAttention. Error measure: maxRelativeError.
 * See src/attention/README.md for the kernel notes and tolerances.
 */
import type { GpuContext } from '../../gpu/context';
import type { GpuTiming } from '../../gpu/timer';
import type { AttentionInputs, AttentionShape } from './shape';
import type { BlockMaskCSR } from './mask';
import { prepareAttention, type AttentionKernel, type AttentionOptions } from './prepare';

export * from './shape';
export * from './mask';
export * from './mask-builders';
export { pooledBlockScores, pooledBlockScoresGpu } from './block-scores';
/** WGSL specialisation (constants + storage type), for kernels built on the same conventions (src/lm). */
export { specialize } from './wgsl';
export * from './reference';
export { prepareAttention, DENSE_QUERY_ROWS, type AttentionKernel, type AttentionOptions, type PreparedAttention } from './prepare';

export interface AttentionResult {
  /** O [B, H, Sq, D], f32. */
  out: Float32Array;
  timing: GpuTiming;
}

export interface QuestResult extends AttentionResult {
  /** Chosen pages [B·H, min(pageBudget, numPages)], increasing within each head. */
  pages: Uint32Array;
}

/** One-shot run of any kernel: prepare, upload, one timed run, read back, free. */
export async function runAttention(
  ctx: GpuContext,
  shape: AttentionShape,
  inputs: AttentionInputs,
  kernel: AttentionKernel,
  opts: AttentionOptions = {},
): Promise<AttentionResult & { pages?: Uint32Array }> {
  const att = await prepareAttention(ctx, shape, kernel, opts);
  try {
    att.write(inputs);
    const timing = await att.run();
    const out = await att.read();
    const pages = kernel.kind === 'quest' ? await att.readPages() : undefined;
    return { out, timing, pages };
  } finally {
    att.destroy();
  }
}

export function denseAttention(
  ctx: GpuContext,
  shape: AttentionShape,
  inputs: AttentionInputs,
  opts?: AttentionOptions,
): Promise<AttentionResult> {
  return runAttention(ctx, shape, inputs, { kind: 'dense' }, opts);
}

export function blockSparseAttention(
  ctx: GpuContext,
  shape: AttentionShape,
  inputs: AttentionInputs,
  mask: BlockMaskCSR,
  opts?: AttentionOptions,
): Promise<AttentionResult> {
  return runAttention(ctx, shape, inputs, { kind: 'block-sparse', mask }, opts);
}

/** Sq must be 1. `splitSize` keys per split (16..1024). */
export function decodeAttention(
  ctx: GpuContext,
  shape: AttentionShape,
  inputs: AttentionInputs,
  opts: AttentionOptions & { splitSize?: number } = {},
): Promise<AttentionResult> {
  return runAttention(ctx, shape, inputs, { kind: 'decode', splitSize: opts.splitSize }, opts);
}

/** Sq must be 1. Attends over `pageBudget` pages of `pageSize` keys (the last page always among them). */
export async function questDecodeAttention(
  ctx: GpuContext,
  shape: AttentionShape,
  inputs: AttentionInputs,
  quest: { pageBudget: number; pageSize?: number },
  opts?: AttentionOptions,
): Promise<QuestResult> {
  const r = await runAttention(ctx, shape, inputs, { kind: 'quest', ...quest }, opts);
  return { out: r.out, timing: r.timing, pages: r.pages! };
}
