/**
 * Which cases the benchmark runs: the default full and quick plans, and the plan for shapes given with
 * `--shape` (every kernel that applies: prefill kernels when Sq > 1, decode kernels when Sq = 1).
 *
 * Example:
 *   planCases({ quick: true, f16: false });
 *   // [{ shape: {B:1,H:4,...,Sq:128}, kernels: [{ kind:'dense' }, { kind:'block-sparse', pattern:'block-topk', ... }], peers: true }, ...]
 */
import type { AttentionDtype } from '../core/shape';
import type { BenchShape } from './shape';
import { SPARSE_PATTERNS, type SparsePattern } from './patterns';

export type CaseKernel =
  | { kind: 'dense'; dtype: AttentionDtype }
  | { kind: 'block-sparse'; dtype: AttentionDtype; pattern: SparsePattern; blockSize: 16 | 32 | 64; compression: number }
  | { kind: 'decode'; dtype: AttentionDtype }
  | { kind: 'quest'; dtype: AttentionDtype; pageSize: number; compression: number };

export interface ShapeGroup {
  shape: BenchShape;
  /** Run in this order; 'dense' first, so sparse results can be compared with it. */
  kernels: CaseKernel[];
  /** Also run the peers (naive WGSL, JS reference, onnxruntime-web) on this shape. */
  peers: boolean;
}

export interface PlanOptions {
  quick: boolean;
  /** Whether the adapter has shader-f16: adds f16 dense cases. */
  f16: boolean;
  shapes?: BenchShape[];
  /** Compression for the sparse kernels of custom shapes (default 8, density 1/8). */
  compression?: number;
}

const prefillKernels = (blockSize: 16 | 32 | 64, compression: number, patterns: SparsePattern[], f16: boolean): CaseKernel[] => [
  { kind: 'dense', dtype: 'f32' },
  ...(f16 ? [{ kind: 'dense', dtype: 'f16' } as const] : []),
  ...patterns.map((pattern) => ({ kind: 'block-sparse', dtype: 'f32', pattern, blockSize, compression }) as const),
];

const decodeKernels = (compression: number, f16: boolean): CaseKernel[] => [
  { kind: 'decode', dtype: 'f32' },
  ...(f16 ? [{ kind: 'decode', dtype: 'f16' } as const] : []),
  { kind: 'quest', dtype: 'f32', pageSize: 16, compression },
];

/** Picks a mask block size that gives at least 4 query blocks, so a compression target can be met. */
export function blockSizeFor(S: number): 16 | 32 | 64 {
  if (S >= 512) return 64;
  if (S >= 128) return 32;
  return 16;
}

export function planCases(opts: PlanOptions): ShapeGroup[] {
  const compression = opts.compression ?? 8;
  if (opts.shapes?.length) {
    return opts.shapes.map((shape) => ({
      shape,
      kernels:
        shape.Sq === 1
          ? decodeKernels(compression, opts.f16)
          : prefillKernels(blockSizeFor(Math.min(shape.Sq, shape.Skv)), compression, SPARSE_PATTERNS, opts.f16),
      peers: shape.Sq > 1,
    }));
  }
  if (opts.quick) {
    // CI-sized: about a minute on SwiftShader (2 CPU cores) including the browser and ORT start-up.
    return [
      {
        shape: { B: 1, H: 4, KVH: 2, Sq: 128, Skv: 128, D: 64, causal: false },
        kernels: prefillKernels(16, 4, ['block-topk'], opts.f16),
        peers: true,
      },
      {
        shape: { B: 1, H: 2, KVH: 1, Sq: 256, Skv: 256, D: 64, causal: true },
        kernels: prefillKernels(32, 4, SPARSE_PATTERNS, false),
        peers: false,
      },
      { shape: { B: 1, H: 4, KVH: 2, Sq: 1, Skv: 1024, D: 64, causal: true }, kernels: decodeKernels(8, opts.f16), peers: false },
    ];
  }
  return [
    {
      shape: { B: 1, H: 8, KVH: 2, Sq: 256, Skv: 256, D: 64, causal: true },
      kernels: prefillKernels(32, 8, SPARSE_PATTERNS, opts.f16),
      peers: true,
    },
    {
      shape: { B: 1, H: 8, KVH: 2, Sq: 512, Skv: 512, D: 64, causal: true },
      kernels: prefillKernels(64, 8, SPARSE_PATTERNS, opts.f16),
      peers: true,
    },
    {
      shape: { B: 1, H: 8, KVH: 2, Sq: 1024, Skv: 1024, D: 64, causal: true },
      kernels: prefillKernels(64, 8, SPARSE_PATTERNS, opts.f16),
      peers: true,
    },
    {
      shape: { B: 1, H: 8, KVH: 2, Sq: 2048, Skv: 2048, D: 64, causal: true },
      kernels: prefillKernels(64, 8, ['block-topk'], opts.f16),
      peers: false,
    },
    {
      shape: { B: 1, H: 8, KVH: 8, Sq: 1024, Skv: 1024, D: 128, causal: false },
      kernels: prefillKernels(64, 8, ['block-topk'], opts.f16),
      peers: true,
    },
    { shape: { B: 1, H: 32, KVH: 8, Sq: 1, Skv: 4096, D: 128, causal: true }, kernels: decodeKernels(8, opts.f16), peers: false },
    { shape: { B: 1, H: 32, KVH: 8, Sq: 1, Skv: 16384, D: 128, causal: true }, kernels: decodeKernels(8, opts.f16), peers: false },
  ];
}

export function caseLabel(k: CaseKernel): string {
  switch (k.kind) {
    case 'dense':
    case 'decode':
      return `${k.kind} ${k.dtype}`;
    case 'block-sparse':
      return `block-sparse ${k.pattern} 1/${k.compression} (block ${k.blockSize}) ${k.dtype}`;
    case 'quest':
      return `quest 1/${k.compression} (page ${k.pageSize}) ${k.dtype}`;
  }
}
