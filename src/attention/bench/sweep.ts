/**
 * The Attention tab's run: one shape, dense against one sparse pattern at a few sequence lengths (¼, ½ and
 * all of the chosen length), each checked against the reference and timed; plus the mask of the full shape
 * for the heatmap. Decode shapes (Sq = 1) sweep Skv with the split-KV decode kernel against Quest.
 *
 * Example:
 *   const r = await runSweep(ctx, { shape, dtype: 'f32', pattern: 'block-topk', compression: 8 }, ceilings);
 *   r.points.map((p) => [p.length, p.dense.gpuMs, p.sparse.gpuMs]);
 */
import type { GpuContext } from '../../gpu/context';
import { capabilitiesOf, validateShape, type AttentionDtype, type BlockMaskCSR } from '../core';
import { blockSizeFor, type CaseKernel } from './cases';
import type { SparsePattern } from './patterns';
import type { BenchCeilings, KernelResult } from './report';
import type { BenchShape } from './shape';
import { randomInputs, runCases, type EnergyPricer } from './suite';

export interface SweepRequest {
  shape: BenchShape;
  dtype: AttentionDtype;
  /** Prefill pattern; decode shapes (Sq = 1) always compare against Quest. */
  pattern: SparsePattern;
  compression: number;
}

export interface SweepPoint {
  /** Skv at this point (Sq scales with it for prefill). */
  length: number;
  dense: KernelResult;
  sparse: KernelResult;
}

/** One head's block mask, small enough to cross the worker boundary and draw. */
export interface MaskPicture {
  blockSize: number;
  numQueryBlocks: number;
  numKeyBlocks: number;
  /** Key blocks visited per query block (head 0). */
  rows: number[][];
  density: number;
}

export interface SweepResult {
  points: SweepPoint[];
  mask?: MaskPicture;
  cancelled: boolean;
}

export interface SweepHooks {
  onProgress?: (p: { done: number; total: number; label: string }) => void;
  shouldStop?: () => boolean | Promise<boolean>;
  /** Prices each point's GPU time (see `SuiteOptions.priceEnergy`). */
  priceEnergy?: EnergyPricer;
}

/** Lengths of the sweep: the chosen one, its half and its quarter (those of at least 16 keys). */
export function sweepLengths(length: number): number[] {
  return [...new Set([Math.round(length / 4), Math.round(length / 2), length])].filter((l) => l >= 16 || l === length);
}

export function maskPicture(mask: BlockMaskCSR): MaskPicture {
  const rows: number[][] = [];
  for (let r = 0; r < mask.numQueryBlocks; r++) rows.push(Array.from(mask.colIdx.subarray(mask.rowPtr[r], mask.rowPtr[r + 1])));
  return { blockSize: mask.blockSize, numQueryBlocks: mask.numQueryBlocks, numKeyBlocks: mask.numKeyBlocks, rows, density: mask.density };
}

export async function runSweep(ctx: GpuContext, req: SweepRequest, ceilings: BenchCeilings, hooks: SweepHooks = {}): Promise<SweepResult> {
  const { shape, dtype } = req;
  // Before any allocation: bad shapes and shapes beyond this GPU's limits get the kernels' own message.
  validateShape(shape, capabilitiesOf(ctx), dtype);
  const decode = shape.Sq === 1;
  const lengths = sweepLengths(shape.Skv);
  const result: SweepResult = { points: [], cancelled: false };
  const timing = { warmup: 1, repeats: 3 };
  let done = 0;
  const total = lengths.length * 2;
  for (const length of lengths) {
    const s: BenchShape = decode
      ? { ...shape, Skv: length }
      : { ...shape, Skv: length, Sq: Math.max(1, Math.round((shape.Sq * length) / shape.Skv)) };
    const inputs = randomInputs(s);
    const denseKernel: CaseKernel = decode ? { kind: 'decode', dtype } : { kind: 'dense', dtype };
    const sparseKernel: CaseKernel = decode
      ? { kind: 'quest', dtype, pageSize: 16, compression: req.compression }
      : { kind: 'block-sparse', dtype, pattern: req.pattern, blockSize: blockSizeFor(Math.min(s.Sq, s.Skv)), compression: req.compression };
    const set = await runCases(ctx, s, inputs, [denseKernel, sparseKernel], ceilings, hooks.priceEnergy, timing, {
      onCase: (k) =>
        hooks.onProgress?.({ done: done++, total, label: `${k.kind === 'block-sparse' ? req.pattern : k.kind} at Skv = ${length}` }),
      shouldStop: async () => Boolean(await hooks.shouldStop?.()),
    });
    // A kernel that refuses the shape (the user's bad input) is an error for the whole run, with its message.
    if (set.skipped.length) throw new Error(set.skipped[0].reason);
    if (set.cancelled || set.runs.length < 2) {
      result.cancelled = true;
      break;
    }
    const [dense, sparse] = set.runs;
    result.points.push({ length, dense: dense.result, sparse: sparse.result });
    if (length === shape.Skv && sparse.mask) result.mask = maskPicture(sparse.mask);
  }
  hooks.onProgress?.({ done, total, label: result.cancelled ? 'cancelled' : 'done' });
  return result;
}
