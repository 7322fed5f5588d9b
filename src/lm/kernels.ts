/**
 * The model's WGSL kernels (shaders/lm/*.wgsl): specialisation constants, pipelines and dispatch sizes.
 * Code generation only; src/lm/model.ts records them into command encoders.
 *
 * Shapes (row-major f32):
 *   matmul / matvec  Y[M, N] (+)= X[rowOffset + m, K] · W[N, K]ᵀ + b[N]      (matvec: M = 1)
 *   norm             Y[r, C] = norm(X[rowOffset + r, C]) · g (+ b)           (LayerNorm or RMSNorm)
 *   embed            X[s, C] = E[tok[s], C] (+ P[start + s, C])
 *   heads            qkv [S, (H + 2KVH)·D] → q [H, S, D], k/v cache [KVH, capacity, D] at start + s (RoPE)
 *   merge-heads      [H, S, D] → [S, H·D]
 *   activation       gelu_tanh, or silu(gate) · up from [S, 2I]
 */
import type { GpuContext } from '../gpu/context';
import { specialize } from '../attention';
import matmulSource from '../../shaders/lm/matmul.wgsl?raw';
import matvecSource from '../../shaders/lm/matvec.wgsl?raw';
import normSource from '../../shaders/lm/norm.wgsl?raw';
import embedSource from '../../shaders/lm/embed.wgsl?raw';
import headsSource from '../../shaders/lm/heads.wgsl?raw';
import mergeSource from '../../shaders/lm/merge-heads.wgsl?raw';
import activationSource from '../../shaders/lm/activation.wgsl?raw';

/** Tiled matmul: 32×32 output tiles, K tiles of 16, 4×4 outputs per invocation (64 invocations). */
export const MATMUL_TILE = { TM: 32, TN: 32, TK: 16, RM: 4, RN: 4 } as const;
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

export const kernels = {
  matmul: (ctx: GpuContext, bias: boolean, residual: boolean) =>
    ctx.pipeline({ code: specialize(matmulSource, 'f32', { ...MATMUL_TILE, BIAS: bias, RESIDUAL: residual }), label: 'lm/matmul.wgsl' }),
  matvec: (ctx: GpuContext, bias: boolean, residual: boolean) =>
    ctx.pipeline({ code: specialize(matvecSource, 'f32', { ...MATVEC, BIAS: bias, RESIDUAL: residual }), label: 'lm/matvec.wgsl' }),
  norm: (ctx: GpuContext, layer: boolean) =>
    ctx.pipeline({ code: specialize(normSource, 'f32', { WG: NORM_WG, LAYER: layer }), label: 'lm/norm.wgsl' }),
  embed: (ctx: GpuContext, positions: boolean) =>
    ctx.pipeline({ code: specialize(embedSource, 'f32', { POSITIONS: positions }), label: 'lm/embed.wgsl' }),
  heads: (ctx: GpuContext, rope: boolean) => ctx.pipeline({ code: specialize(headsSource, 'f32', { ROPE: rope }), label: 'lm/heads.wgsl' }),
  mergeHeads: (ctx: GpuContext) => ctx.pipeline({ code: specialize(mergeSource, 'f32', {}), label: 'lm/merge-heads.wgsl' }),
  activation: (ctx: GpuContext, gated: boolean) =>
    ctx.pipeline({ code: specialize(activationSource, 'f32', { GATED: gated }), label: 'lm/activation.wgsl' }),
};

/** Workgroups for a matmul of M rows and N outputs (matvec when M = 1). */
export function matmulGroups(M: number, N: number): [number, number, number] {
  if (M === 1) {
    const blocks = Math.ceil(N / MATVEC.ROWS);
    return [Math.min(blocks, MAX_GROUPS), Math.ceil(blocks / MAX_GROUPS), 1];
  }
  return [Math.ceil(N / MATMUL_TILE.TN), Math.ceil(M / MATMUL_TILE.TM), 1];
}

export const linearGroups = (n: number): [number, number, number] => [Math.ceil(n / 64), 1, 1];
