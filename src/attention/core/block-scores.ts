/**
 * Pooled block scores for the block top-k mask: mean-pool Q and K per block and take every dot product,
 * [B·H, numQueryBlocks, numKeyBlocks]. Two implementations of the same thing: the float64 CPU reference
 * (what `blockTopKMask` uses by default) and a GPU kernel (shaders/attention/block-scores.wgsl) for long
 * sequences, whose result `blockTopKMask` accepts as `scores`. Unscaled (1/sqrt(D) does not change ranks).
 *
 * Example:
 *   const scores = await pooledBlockScoresGpu(ctx, shape, { q, k }, 32);
 *   const mask = blockTopKMask(shape, { q, k }, { blockSize: 32, compression: 8, scores });
 */
import type { GpuContext } from '../../gpu/context';
import { BufferSet, readBuffer } from '../../gpu/buffers';
import { uniformStruct } from '../../gpu/uniform';
import {
  AttentionInputError,
  capabilitiesOf,
  checkBufferSizes,
  validateInputs,
  validateShape,
  type AttentionInputs,
  type AttentionShape,
} from './shape';
import { specialize } from './wgsl';
import blockScoresSource from '../../../shaders/attention/block-scores.wgsl?raw';

const Params = uniformStruct(
  blockScoresSource,
  'Params',
  { H: 'u32', KVH: 'u32', groupSize: 'u32', rows: 'u32', numBlocks: 'u32', numQueryBlocks: 'u32', numKeyBlocks: 'u32' },
  'attention/block-scores',
);

/** Mean of each block of rows of one head: [numBlocks, D]. */
export function meanPool(x: Float32Array, base: number, rows: number, D: number, bs: number): Float64Array {
  const nb = Math.ceil(rows / bs);
  const out = new Float64Array(nb * D);
  for (let r = 0; r < rows; r++) {
    const blk = Math.floor(r / bs);
    for (let d = 0; d < D; d++) out[blk * D + d] += x[base + r * D + d];
  }
  for (let blk = 0; blk < nb; blk++) {
    const n = Math.min(bs, rows - blk * bs);
    for (let d = 0; d < D; d++) out[blk * D + d] /= n;
  }
  return out;
}

/** CPU reference, float64: O(S·D + (S/bs)²·D) per head. */
export function pooledBlockScores(shape: AttentionShape, { q, k }: Pick<AttentionInputs, 'q' | 'k'>, blockSize: number): Float64Array {
  const { B, H, KVH, Sq, Skv, D } = shape;
  const nqb = Math.ceil(Sq / blockSize),
    nkb = Math.ceil(Skv / blockSize);
  const out = new Float64Array(B * H * nqb * nkb);
  for (let b = 0; b < B; b++) {
    const kPools = Array.from({ length: KVH }, (_, kvh) => meanPool(k, (b * KVH + kvh) * Skv * D, Skv, D, blockSize));
    for (let h = 0; h < H; h++) {
      const qPool = meanPool(q, (b * H + h) * Sq * D, Sq, D, blockSize);
      const kPool = kPools[Math.floor(h / (H / KVH))];
      const base = (b * H + h) * nqb * nkb;
      for (let qb = 0; qb < nqb; qb++) {
        for (let kb = 0; kb < nkb; kb++) {
          let s = 0;
          for (let d = 0; d < D; d++) s += qPool[qb * D + d] * kPool[kb * D + d];
          out[base + qb * nkb + kb] = s;
        }
      }
    }
  }
  return out;
}

/** The same scores computed on the GPU (f32): two small passes, pool then score. */
export async function pooledBlockScoresGpu(
  ctx: GpuContext,
  shape: AttentionShape,
  { q, k }: Pick<AttentionInputs, 'q' | 'k'>,
  blockSize: number,
): Promise<Float32Array> {
  validateShape(shape, capabilitiesOf(ctx), 'f32');
  validateInputs(shape, { q, k, v: k }); // V has K's shape; only Q and K are read here
  const { B, H, KVH, Sq, Skv, D } = shape;
  const D4 = D / 4;
  const nqb = Math.ceil(Sq / blockSize),
    nkb = Math.ceil(Skv / blockSize);
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new AttentionInputError(`blockSize = ${blockSize}: must be a positive integer`);
  const caps = capabilitiesOf(ctx);
  const maxGroups = caps.limits.maxComputeWorkgroupsPerDimension;
  if (nqb > maxGroups || nkb > maxGroups)
    throw new AttentionInputError(
      `${Math.max(nqb, nkb)} blocks of ${blockSize} exceed this GPU's ${maxGroups} workgroups per dimension; use larger blocks`,
    );
  // Every intermediate checked before the first allocation (Q and K were checked by validateShape).
  checkBufferSizes(
    [
      ['pooled q [B,H,nqb,D] (f32)', B * H * nqb * D * 4],
      ['pooled k [B,KVH,nkb,D] (f32)', B * KVH * nkb * D * 4],
      ['block scores [B,H,nqb,nkb] (f32)', B * H * nqb * nkb * 4],
    ],
    caps,
    'use larger blocks',
  );
  const device = ctx.device;
  const program = specialize('attention/block-scores.wgsl', blockScoresSource, 'f32', { D4, BS: blockSize });
  const [poolPipeline, scorePipeline] = await Promise.all([
    ctx.pipeline({ ...program, entryPoint: 'pool', label: 'attention/block-scores' }),
    ctx.pipeline({ ...program, entryPoint: 'score', label: 'attention/block-scores' }),
  ]);
  const S = GPUBufferUsage.STORAGE;
  const buffers = new BufferSet(device);
  const params = (rows: number, numBlocks: number) =>
    buffers.add(
      Params.create(device, { H, KVH, groupSize: H / KVH, rows, numBlocks, numQueryBlocks: nqb, numKeyBlocks: nkb }, 'block scores params'),
    );
  const bind = (pipeline: GPUComputePipeline, entries: [number, GPUBuffer][]) =>
    device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: entries.map(([binding, buffer]) => ({ binding, resource: { buffer } })),
    });
  try {
    const qBuf = buffers.from(q, S, 'block scores q');
    const kBuf = buffers.from(k, S, 'block scores k');
    const pooledQ = buffers.empty(B * H * nqb * D * 4, S, 'pooled q');
    const pooledK = buffers.empty(B * KVH * nkb * D * 4, S, 'pooled k');
    const scores = buffers.empty(B * H * nqb * nkb * 4, S, 'block scores');
    const encoder = device.createCommandEncoder({ label: 'block scores' });
    const pass = encoder.beginComputePass({ label: 'block scores' });
    pass.setPipeline(poolPipeline);
    pass.setBindGroup(
      0,
      bind(poolPipeline, [
        [0, params(Sq, nqb)],
        [1, qBuf],
        [2, pooledQ],
      ]),
    );
    pass.dispatchWorkgroups(Math.ceil(D4 / 64), nqb, B * H);
    pass.setBindGroup(
      0,
      bind(poolPipeline, [
        [0, params(Skv, nkb)],
        [1, kBuf],
        [2, pooledK],
      ]),
    );
    pass.dispatchWorkgroups(Math.ceil(D4 / 64), nkb, B * KVH);
    pass.setPipeline(scorePipeline);
    pass.setBindGroup(
      0,
      bind(scorePipeline, [
        [0, params(0, 0)],
        [3, pooledQ],
        [4, pooledK],
        [5, scores],
      ]),
    );
    pass.dispatchWorkgroups(Math.ceil(nkb / 64), nqb, B * H);
    pass.end();
    device.queue.submit([encoder.finish()]);
    return new Float32Array(await readBuffer(device, scores, B * H * nqb * nkb * 4));
  } finally {
    buffers.destroy();
  }
}
