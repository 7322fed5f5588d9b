/**
 * One switch from a pattern name (as the CLI, the tab and the report say it) to the kernels' mask builders
 * in src/attention/core. Every builder takes a target compression and reports the density it reached.
 *
 * Example:
 *   const mask = buildMask('block-topk', shape, { q, k, v }, { blockSize: 32, compression: 8 });
 *   mask.density; // ≈ 0.125
 */
import {
  blockTopKMask,
  localWindowMask,
  verticalSlashMask,
  type AttentionInputs,
  type BlockMaskCSR,
  type MaskBuildOptions,
  type MaskPattern,
} from '../core';
import type { BenchShape } from './shape';

export type SparsePattern = MaskPattern;
export const SPARSE_PATTERNS: SparsePattern[] = ['block-topk', 'local', 'vertical-slash'];

export const PATTERN_LABELS: Record<SparsePattern, string> = {
  'block-topk': 'block top-k (mean-pooled Q·K, sink and diagonal forced)',
  local: 'local window + sinks',
  'vertical-slash': 'vertical-slash (from the last queries’ scores)',
};

export function buildMask(pattern: SparsePattern, shape: BenchShape, inputs: AttentionInputs, opts: MaskBuildOptions): BlockMaskCSR {
  switch (pattern) {
    case 'block-topk':
      return blockTopKMask(shape, inputs, opts);
    case 'local':
      return localWindowMask(shape, opts);
    case 'vertical-slash':
      return verticalSlashMask(shape, inputs, opts);
  }
}
