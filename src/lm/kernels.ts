/**
 * The model's WGSL kernels (shaders/lm/*.wgsl): specialisation constants, pipelines and dispatch sizes.
 * Code generation only; src/lm/model.ts records them into command encoders.
 *
 * Shapes (row-major f32):
 *   matmul / matvec  Y[M, N] (+)= X[rowOffset + m, K] · W[N, K]ᵀ + b[N]      (matvec: M = 1; matmul-subgroups: the
 *                    same with subgroup shuffles instead of workgroup memory, where the adapter has `subgroups`)
 *   norm             Y[r, C] = norm(X[rowOffset + r, C]) · g (+ b)           (LayerNorm or RMSNorm)
 *   embed            X[s, C] = E[tok[s], C] (+ P[start + s, C])
 *   heads            qkv [S, (H + 2KVH)·D] → q [H, S, D], k/v cache [KVH, capacity, D] at start + s (RoPE)
 *   merge-heads      [H, S, D] → [S, H·D]
 *   activation       gelu_tanh, or silu(gate) · up from [S, 2I]
 * Each kernel is a unit: shaders/lm/<name>.wgsl, its pipeline and typed uniform (`params.<name>`) here, its CPU
 * reference in reference.ts, its test in tests/unit/lm/kernels.test.ts.
 */
import type { GpuContext } from '../gpu/context';
import matmulSource from '../../shaders/lm/matmul.wgsl?raw';
import matvecSource from '../../shaders/lm/matvec.wgsl?raw';
import normSource from '../../shaders/lm/norm.wgsl?raw';
import embedSource from '../../shaders/lm/embed.wgsl?raw';
import headsSource from '../../shaders/lm/heads.wgsl?raw';
import mergeSource from '../../shaders/lm/merge-heads.wgsl?raw';
import activationSource from '../../shaders/lm/activation.wgsl?raw';
import { uniformStruct } from '../gpu/uniform';
import { assembleWgsl, wgslConstants } from '../gpu/wgsl';
import matmulSubgroupsSource from '../../shaders/lm/matmul-subgroups.wgsl?raw';

/** Tiled matmul: 32×32 output tiles, K tiles of 16, 4×4 outputs per invocation (64 invocations). */
export const MATMUL_TILE = { TM: 32, TN: 32, TK: 16, RM: 4, RN: 4 } as const;
/** Subgroup matmul: a workgroup of 64 owns 8 rows × 128 columns, 8×2 outputs per invocation (needs K % 4 = 0). */
export const MATMUL_SUBGROUPS = { WG: 64, RM: 8, RN: 2 } as const;
export const MATVEC = { WG: 64, ROWS: 4 } as const;
export const NORM_WG = 64;
const MAX_GROUPS = 65535;

export interface Dispatch {
  pipeline: GPUComputePipeline;
  bindGroup: GPUBindGroup;
  groups: [number, number, number];
}

export function bindBuffers(device: GPUDevice, pipeline: GPUComputePipeline, buffers: GPUBuffer[]): GPUBindGroup {
  return device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
}

// Each kernel's uniform, written by field name; checked against the shader's `struct Params` when this module loads.
const linearFields = { M: 'u32', N: 'u32', K: 'u32', rowOffset: 'u32' } as const;
export const params = {
  matmul: uniformStruct(matmulSource, 'Params', linearFields, 'lm/matmul'),
  matmulSubgroups: uniformStruct(matmulSubgroupsSource, 'Params', linearFields, 'lm/matmul-subgroups'),
  matvec: uniformStruct(matvecSource, 'Params', linearFields, 'lm/matvec'),
  norm: uniformStruct(normSource, 'Params', { C: 'u32', rowOffset: 'u32', eps: 'f32' }, 'lm/norm'),
  embed: uniformStruct(embedSource, 'Params', { C: 'u32', start: 'u32' }, 'lm/embed'),
  heads: uniformStruct(
    headsSource,
    'Params',
    { S: 'u32', H: 'u32', KVH: 'u32', D: 'u32', capacity: 'u32', start: 'u32', theta: 'f32' },
    'lm/heads',
  ),
  mergeHeads: uniformStruct(mergeSource, 'Params', { S: 'u32', H: 'u32', D: 'u32' }, 'lm/merge-heads'),
  activation: uniformStruct(activationSource, 'Params', { S: 'u32', I: 'u32' }, 'lm/activation'),
};

const pipeline = (ctx: GpuContext, file: string, source: string, consts: Record<string, number | boolean>, enable: string[] = []) =>
  ctx.pipeline({
    ...assembleWgsl(`lm/${file}.wgsl`, source, [...enable.map((e) => `enable ${e};`), ...wgslConstants(consts)]),
    label: `lm/${file}`,
  });

/**
 * The matmul variant for M > 1: 'subgroups' where the device has the feature, else 'tiled' (workgroup memory).
 * `prefer` forces one (benchmarks compare them); asking for subgroups on a device without them is refused.
 */
export type MatmulVariant = 'tiled' | 'subgroups';
export function matmulVariant(ctx: GpuContext, prefer?: MatmulVariant): MatmulVariant {
  const has = ctx.device.features.has('subgroups');
  if (prefer === 'subgroups' && !has)
    throw new Error('matmul: the subgroup variant needs the adapter feature "subgroups", which this GPU lacks');
  return prefer ?? (has ? 'subgroups' : 'tiled');
}

export const kernels = {
  matmul: (ctx: GpuContext, bias: boolean, residual: boolean) =>
    pipeline(ctx, 'matmul', matmulSource, { ...MATMUL_TILE, BIAS: bias, RESIDUAL: residual }),
  matmulSubgroups: (ctx: GpuContext, bias: boolean, residual: boolean) =>
    pipeline(ctx, 'matmul-subgroups', matmulSubgroupsSource, { ...MATMUL_SUBGROUPS, BIAS: bias, RESIDUAL: residual }, ['subgroups']),
  matvec: (ctx: GpuContext, bias: boolean, residual: boolean) =>
    pipeline(ctx, 'matvec', matvecSource, { ...MATVEC, BIAS: bias, RESIDUAL: residual }),
  norm: (ctx: GpuContext, layer: boolean) => pipeline(ctx, 'norm', normSource, { WG: NORM_WG, LAYER: layer }),
  embed: (ctx: GpuContext, positions: boolean) => pipeline(ctx, 'embed', embedSource, { POSITIONS: positions }),
  heads: (ctx: GpuContext, rope: boolean) => pipeline(ctx, 'heads', headsSource, { ROPE: rope }),
  mergeHeads: (ctx: GpuContext) => pipeline(ctx, 'merge-heads', mergeSource, {}),
  activation: (ctx: GpuContext, gated: boolean) => pipeline(ctx, 'activation', activationSource, { GATED: gated }),
};

/** The subgroup kernel reads W as vec4 along K, so it takes K % 4 = 0; any other K runs on the tiled kernel. */
export const usesSubgroups = (variant: MatmulVariant, K: number): boolean => variant === 'subgroups' && K % 4 === 0;

/** Workgroups for a matmul of M rows and N outputs (matvec when M = 1). */
export function matmulGroups(M: number, N: number, variant: MatmulVariant = 'tiled'): [number, number, number] {
  if (M === 1) {
    const blocks = Math.ceil(N / MATVEC.ROWS);
    return [Math.min(blocks, MAX_GROUPS), Math.ceil(blocks / MAX_GROUPS), 1];
  }
  if (variant === 'subgroups') return [Math.ceil(N / (MATMUL_SUBGROUPS.WG * MATMUL_SUBGROUPS.RN)), Math.ceil(M / MATMUL_SUBGROUPS.RM), 1];
  return [Math.ceil(N / MATMUL_TILE.TN), Math.ceil(M / MATMUL_TILE.TM), 1];
}

export const linearGroups = (n: number): [number, number, number] => [Math.ceil(n / 64), 1, 1];
