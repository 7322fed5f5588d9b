/**
 * Attention shapes, the GPU capabilities a shape is checked against, and the one error type for bad input.
 * Every check runs before anything is uploaded or dispatched, so bad input never reaches the device.
 *
 * Example:
 *   const shape = { B: 1, H: 4, KVH: 2, Sq: 77, Skv: 77, D: 64, causal: true };
 *   validateShape(shape, capabilitiesOf(ctx), 'f32');          // throws AttentionInputError on bad input
 *   validateInputs(shape, { q, k, v });                         // lengths and finiteness
 */
import type { GpuContext } from '../../gpu/context';

/**
 * Q: [B, H, Sq, D], K and V: [B, KVH, Skv, D], O: [B, H, Sq, D], row-major f32.
 * Grouped-query: query head h reads kv head floor(h / (H / KVH)).
 * Causal aligns the last query with the last key: query i sees keys j <= i + Skv - Sq
 * (a query that sees no key outputs zeros).
 */
export interface AttentionShape {
  B: number;
  H: number;
  KVH: number;
  Sq: number;
  Skv: number;
  D: number;
  causal: boolean;
}

/** Storage type of Q, K and V on the GPU. Accumulation and the output are always f32. */
export type AttentionDtype = 'f32' | 'f16';

export interface AttentionInputs {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
}

/** What a shape is checked against; `capabilitiesOf(ctx)` reads it from the live device. */
export interface GpuCapabilities {
  limits: {
    maxStorageBufferBindingSize: number;
    maxBufferSize: number;
    maxComputeWorkgroupStorageSize: number;
    maxComputeWorkgroupsPerDimension: number;
  };
  features: ReadonlySet<string>;
}

export class AttentionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttentionInputError';
  }
}

/** Head dims must be a multiple of 4 (the kernels read vec4) and at most this. */
export const MAX_HEAD_DIM = 256;

export function capabilitiesOf(ctx: GpuContext): GpuCapabilities {
  const l = ctx.device.limits;
  return {
    limits: {
      maxStorageBufferBindingSize: Number(l.maxStorageBufferBindingSize),
      maxBufferSize: Number(l.maxBufferSize),
      maxComputeWorkgroupStorageSize: Number(l.maxComputeWorkgroupStorageSize),
      maxComputeWorkgroupsPerDimension: Number(l.maxComputeWorkgroupsPerDimension),
    },
    features: ctx.features,
  };
}

/**
 * Keys per K/V tile staged in workgroup memory: a multiple of 4 (the kernel scores four keys at a time);
 * K and V tiles of TK×D f32 must fit the limit; at most 32, and at most 8 on software adapters, where
 * SwiftShader's compile time grows with TK·D (D = 64: TK 8 → 2.6 s, TK 16 → 4.2 s of CPU to compile,
 * the same run time). 0 when not even 4 keys fit.
 */
export function keyTileSize(D: number, maxWorkgroupStorage: number, software = false): number {
  return Math.min(software ? 8 : 32, Math.floor(maxWorkgroupStorage / (2 * D * 4) / 4) * 4);
}

const FIELDS = ['B', 'H', 'KVH', 'Sq', 'Skv', 'D'] as const;

/**
 * Throws `AttentionInputError` naming the first buffer that does not fit this GPU: each buffer is bound whole,
 * so it must fit both maxStorageBufferBindingSize and maxBufferSize. Called with every buffer a kernel will
 * allocate (inputs, outputs and intermediates) before the first allocation.
 */
export function checkBufferSizes(buffers: [name: string, bytes: number][], gpu: GpuCapabilities, hint?: string): void {
  const { maxStorageBufferBindingSize, maxBufferSize } = gpu.limits;
  const limit = Math.min(maxStorageBufferBindingSize, maxBufferSize);
  for (const [name, bytes] of buffers) {
    if (bytes > limit) {
      throw new AttentionInputError(
        `${name} needs ${bytes} bytes, over this GPU's storage buffer binding limit of ${limit} bytes ` +
          `(maxStorageBufferBindingSize = ${maxStorageBufferBindingSize}, maxBufferSize = ${maxBufferSize})${hint ? `; ${hint}` : ''}`,
      );
    }
  }
}

/** Throws `AttentionInputError` naming the field when the shape cannot run on this GPU. */
export function validateShape(shape: AttentionShape, gpu: GpuCapabilities, dtype: AttentionDtype = 'f32'): void {
  for (const f of FIELDS) {
    const n = shape[f];
    if (!Number.isInteger(n) || n < 1) throw new AttentionInputError(`shape.${f} = ${n}: must be a positive integer`);
  }
  if (typeof shape.causal !== 'boolean') throw new AttentionInputError(`shape.causal = ${shape.causal}: must be true or false`);
  const { B, H, KVH, Sq, Skv, D } = shape;
  if (H % KVH !== 0) throw new AttentionInputError(`shape.H = ${H} is not a multiple of shape.KVH = ${KVH} (grouped-query attention)`);
  if (D % 4 !== 0 || D > MAX_HEAD_DIM) {
    throw new AttentionInputError(`shape.D = ${D} is unsupported: head dim must be a multiple of 4 between 4 and ${MAX_HEAD_DIM}`);
  }
  if (dtype !== 'f32' && dtype !== 'f16') throw new AttentionInputError(`dtype "${dtype}" is unsupported: use "f32" or "f16"`);
  if (dtype === 'f16' && !gpu.features.has('shader-f16')) {
    throw new AttentionInputError('dtype f16 needs the "shader-f16" feature, which this GPU adapter does not have; use f32');
  }
  const { limits } = gpu;
  const elemBytes = dtype === 'f16' ? 2 : 4;
  checkBufferSizes(
    [
      ['Q [B,H,Sq,D]', B * H * Sq * D * elemBytes],
      ['K [B,KVH,Skv,D]', B * KVH * Skv * D * elemBytes],
      ['V [B,KVH,Skv,D]', B * KVH * Skv * D * elemBytes],
      ['O [B,H,Sq,D] (f32)', B * H * Sq * D * 4],
    ],
    gpu,
  );
  if (keyTileSize(D, limits.maxComputeWorkgroupStorageSize) < 4) {
    throw new AttentionInputError(
      `shape.D = ${D} needs ${4 * 2 * D * 4} bytes of workgroup storage (K and V tiles of 4 keys), over this GPU's limit of ${limits.maxComputeWorkgroupStorageSize}`,
    );
  }
  const maxGroups = limits.maxComputeWorkgroupsPerDimension;
  if (B > maxGroups || H > maxGroups) {
    throw new AttentionInputError(`shape.B = ${B} or shape.H = ${H} exceeds this GPU's ${maxGroups} workgroups per dimension`);
  }
}

/** Largest finite f16. */
export const F16_MAX = 65504;

/**
 * Valid inputs: Q, K, V within ±INPUT_LIMIT and |scale| ≤ SCALE_LIMIT. Then every score is at most
 * SCALE_LIMIT · D · INPUT_LIMIT² = 1e4 · 256 · 1e12 ≈ 2.6e18 in magnitude, far inside f32 (3.4e38) and far
 * above the kernels' "masked key" sentinel (−3e38, tested as < −1e38), so finite inputs give finite outputs.
 * Values near ±3e38 would overflow q·k to ±Inf (then NaN); they are rejected before dispatch instead.
 */
export const INPUT_LIMIT = 1e6;
export const SCALE_LIMIT = 1e4;

/**
 * Checks lengths and that every value is finite and within ±INPUT_LIMIT (for f16 storage within ±65504, which
 * would otherwise become Inf on upload). Bad values are rejected before dispatch (not propagated): the message
 * gives the flat index and its (b, head, row, d) position.
 */
export function validateInputs(shape: AttentionShape, inputs: AttentionInputs, dtype: AttentionDtype = 'f32'): void {
  const { B, H, KVH, Sq, Skv, D } = shape;
  const expect: [keyof AttentionInputs, number, number, number][] = [
    ['q', B * H * Sq * D, H, Sq],
    ['k', B * KVH * Skv * D, KVH, Skv],
    ['v', B * KVH * Skv * D, KVH, Skv],
  ];
  for (const [name, length, heads, rows] of expect) {
    const data = inputs[name];
    if (!(data instanceof Float32Array)) throw new AttentionInputError(`${name} must be a Float32Array`);
    if (data.length !== length) {
      throw new AttentionInputError(
        `${name} has ${data.length} values; shape needs ${length} (${name === 'q' ? 'B·H·Sq·D' : 'B·KVH·Skv·D'})`,
      );
    }
    const limit = dtype === 'f16' ? F16_MAX : INPUT_LIMIT;
    for (let i = 0; i < data.length; i++) {
      if (!(Math.abs(data[i]) <= limit)) {
        const d = i % D;
        const row = Math.floor(i / D) % rows;
        const head = Math.floor(i / (D * rows)) % heads;
        const b = Math.floor(i / (D * rows * heads));
        const where = `${name}[${i}] (b=${b}, head=${head}, row=${row}, d=${d}) is ${data[i]}`;
        throw new AttentionInputError(
          !Number.isFinite(data[i])
            ? `${where}: attention inputs must be finite`
            : dtype === 'f16'
              ? `${where}: f16 storage holds at most ±${F16_MAX}`
              : `${where}: attention inputs must lie within ±${INPUT_LIMIT} (larger values could overflow the f32 scores; see src/attention/README.md)`,
        );
      }
    }
  }
}

/** Multiply-adds counted as 4·B·H·Sq·Skv·D FLOPs, halved for causal (the benchmark convention). */
export function attentionFlops(shape: AttentionShape): number {
  const f = 4 * shape.B * shape.H * shape.Sq * shape.Skv * shape.D;
  return shape.causal ? f / 2 : f;
}
