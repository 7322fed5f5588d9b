/**
 * The runtime behind every attention entry point: validate, specialise and compile the kernels, allocate
 * the device buffers once, then upload / dispatch / read back as often as the caller wants.
 * The benchmark uses this directly (warm-up + median of repeats without re-uploading); the one-shot
 * functions in index.ts are prepare → write → run → read → destroy.
 *
 * Example:
 *   const att = await prepareAttention(ctx, shape, { kind: 'dense' });
 *   att.write({ q, k, v });
 *   for (let i = 0; i < 5; i++) times.push((await att.run()).ms);
 *   const out = await att.read();   // Float32Array [B, H, Sq, D]
 *   att.destroy();
 */
import type { GpuContext } from '../../gpu/context';
import { createBufferFrom, createEmptyBuffer, createUniform, readBuffer } from '../../gpu/buffers';
import { startTiming, type GpuTiming, type TimedSubmission } from '../../gpu/timer';
import { AttentionInputError, capabilitiesOf, checkBufferSizes, keyTileSize, SCALE_LIMIT, validateInputs, validateShape, type AttentionDtype, type AttentionInputs, type AttentionShape } from './shape';
import { validateMask, type BlockMaskCSR } from './mask';
import { specialize, toHalfBits } from './wgsl';
import prefillSource from '../../../shaders/attention/prefill.wgsl?raw';
import decodeSource from '../../../shaders/attention/decode.wgsl?raw';
import mergeSource from '../../../shaders/attention/decode-merge.wgsl?raw';
import questPagesSource from '../../../shaders/attention/quest-pages.wgsl?raw';
import questSelectSource from '../../../shaders/attention/quest-select.wgsl?raw';

/** Which kernel to run. Decode and Quest need Sq = 1. */
export type AttentionKernel =
  /** FlashAttention-2 style prefill over every (causally visible) key. */
  | { kind: 'dense' }
  /** Prefill over the key blocks a CSR mask names (causality still applies inside blocks). */
  | { kind: 'block-sparse'; mask: BlockMaskCSR }
  /** Split-KV flash-decoding: splits of `splitSize` keys (default 64 when Skv ≤ 1024, else 256), then a log-sum-exp merge. */
  | { kind: 'decode'; splitSize?: number }
  /** Quest: attend over `pageBudget` pages of `pageSize` keys (default 16) chosen by upper-bound page scores; the last page is always chosen. */
  | { kind: 'quest'; pageBudget: number; pageSize?: number; splitSize?: number };

export interface AttentionOptions {
  /** Storage type of Q, K, V ('f16' needs the adapter's shader-f16). Default 'f32'. */
  dtype?: AttentionDtype;
  /** Score scale; default 1/sqrt(D). */
  scale?: number;
}

export interface PreparedAttention {
  readonly shape: AttentionShape;
  readonly kernel: AttentionKernel;
  readonly dtype: AttentionDtype;
  /** Device buffers: q, k, v in `dtype`; out is f32 [B, H, Sq, D]. Valid until destroy() or a device loss. */
  readonly buffers: { q: GPUBuffer; k: GPUBuffer; v: GPUBuffer; out: GPUBuffer };
  /** Validates (lengths, finite values, f16 range) and uploads Q, K, V; for Quest also rebuilds the page min/max keys. */
  write(inputs: AttentionInputs): void;
  /** Records the kernel's compute passes into `encoder` (timed passes when `timing` is given). */
  encode(encoder: GPUCommandEncoder, timing?: TimedSubmission): void;
  /** One timed submission of the kernel (Quest: page selection + attention; the page bounds are built in write()). */
  run(): Promise<GpuTiming>;
  /** Reads O back: Float32Array [B, H, Sq, D]. */
  read(): Promise<Float32Array>;
  /** Quest only: the chosen pages, Uint32Array [B·H, pageBudget], increasing within each head. */
  readPages(): Promise<Uint32Array>;
  destroy(): void;
}

/** Query rows per workgroup of the dense prefill kernel. */
export const DENSE_QUERY_ROWS = 64;
const DECODE_WG = 64;

function kernelLabel(kernel: AttentionKernel): string {
  return `attention/${kernel.kind}`;
}

export async function prepareAttention(
  ctx: GpuContext,
  shape: AttentionShape,
  kernel: AttentionKernel,
  opts: AttentionOptions = {},
): Promise<PreparedAttention> {
  const dtype = opts.dtype ?? 'f32';
  const caps = capabilitiesOf(ctx);
  validateShape(shape, caps, dtype);
  const { B, H, KVH, Sq, Skv, D } = shape;
  const D4 = D / 4;
  const scale = opts.scale ?? 1 / Math.sqrt(D);
  if (!(Math.abs(scale) <= SCALE_LIMIT)) throw new AttentionInputError(`scale = ${scale}: must be a finite number within ±${SCALE_LIMIT} (so scores cannot overflow f32)`);
  // Plan first: every parameter checked and every buffer sized against the device limits before the first
  // allocation or compile, so a shape that cannot run throws here and the device never sees it.
  const elemBytes = dtype === 'f16' ? 2 : 4;
  const groupSize = H / KVH;
  const maxGroups = caps.limits.maxComputeWorkgroupsPerDimension;
  const sizes: [string, number][] = [];
  let mask: BlockMaskCSR | undefined;
  let pageSize = 0;
  let numPages = 0;
  let pagesPerHead = 0;
  let numLogical = Skv;
  let split = 0;
  let numSplits = 0;
  if (kernel.kind === 'dense' || kernel.kind === 'block-sparse') {
    mask = kernel.kind === 'block-sparse' ? kernel.mask : undefined;
    if (mask) validateMask(mask, shape);
    const groupsX = Math.ceil(Sq / (mask ? mask.blockSize : DENSE_QUERY_ROWS));
    if (groupsX > maxGroups) throw new AttentionInputError(`shape.Sq = ${Sq} needs ${groupsX} workgroups, over this GPU's ${maxGroups} per dimension`);
    if (mask) sizes.push(['mask rowPtr', mask.rowPtr.byteLength], ['mask colIdx', mask.colIdx.byteLength]);
  } else {
    if (Sq !== 1) throw new AttentionInputError(`shape.Sq = ${Sq}: ${kernel.kind} attention takes one query row per head (Sq = 1)`);
    if (kernel.kind === 'quest') {
      pageSize = kernel.pageSize ?? 16;
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1024) throw new AttentionInputError(`pageSize = ${kernel.pageSize}: must be an integer from 1 to 1024`);
      numPages = Math.ceil(Skv / pageSize);
      if (!Number.isInteger(kernel.pageBudget) || kernel.pageBudget < 1) throw new AttentionInputError(`pageBudget = ${kernel.pageBudget}: must be a positive integer (pages to attend to)`);
      pagesPerHead = Math.min(kernel.pageBudget, numPages);
      numLogical = pagesPerHead * pageSize;
      if (numPages > maxGroups) throw new AttentionInputError(`Skv / pageSize = ${numPages} pages, over this GPU's ${maxGroups} workgroups per dimension`);
      sizes.push(
        ['quest page bounds [B,KVH,pages,2,D] (f32)', B * KVH * numPages * 2 * D * 4],
        ['quest page scores [B,H,pages] (f32)', B * H * numPages * 4],
        ['quest chosen pages [B,H,budget] (u32)', B * H * pagesPerHead * 4],
      );
    }
    split = kernel.splitSize ?? (numLogical <= 1024 ? 64 : 256);
    if (!Number.isInteger(split) || split < 16 || split > 1024) throw new AttentionInputError(`splitSize = ${kernel.splitSize}: must be an integer from 16 to 1024 keys`);
    numSplits = Math.ceil(numLogical / split);
    if (numSplits > maxGroups) throw new AttentionInputError(`Skv = ${Skv} needs ${numSplits} splits of ${split}, over this GPU's ${maxGroups} workgroups per dimension; raise splitSize`);
    if (B * H > maxGroups) throw new AttentionInputError(`B·H = ${B * H} exceeds this GPU's ${maxGroups} workgroups per dimension`);
    sizes.push(['decode partial outputs [B,H,splits,D] (f32)', B * H * numSplits * D * 4], ['decode partial max/sum [B,H,splits,2] (f32)', B * H * numSplits * 8]);
  }
  checkBufferSizes(sizes, caps, kernel.kind === 'decode' || kernel.kind === 'quest' ? 'raise splitSize (fewer splits)' : undefined);

  const device = ctx.device;
  const usage = GPUBufferUsage.STORAGE;
  const owned: GPUBuffer[] = [];
  const make = (bytes: number, label: string, u: GPUBufferUsageFlags = usage) => {
    const buf = createEmptyBuffer(device, bytes, u, label);
    owned.push(buf);
    return buf;
  };
  const from = (data: ArrayBufferView, label: string, u: GPUBufferUsageFlags = usage) => {
    const buf = createBufferFrom(device, data, u, label);
    owned.push(buf);
    return buf;
  };
  const uniform = (words: ArrayBuffer, label: string) => {
    const buf = createUniform(device, new Uint32Array(words), label);
    owned.push(buf);
    return buf;
  };
  type Pass = { label: string; pipeline: GPUComputePipeline; bindGroup: GPUBindGroup; groups: [number, number, number] };
  const passes: Pass[] = [];
  const bind = (pipeline: GPUComputePipeline, resources: GPUBuffer[]) =>
    device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: resources.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
  let afterWrite: (() => void) | undefined;
  let pagesBuffer: GPUBuffer | undefined;
  let buffers: PreparedAttention['buffers'];

  // Whatever fails from here on (a compile error, an allocation the device refuses) frees what was
  // allocated, and device errors are caught in error scopes and thrown here rather than left to surface
  // later as zeros.
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let scopesOpen = true;
  try {
    buffers = {
      q: make(B * H * Sq * D * elemBytes, 'attention q'),
      k: make(B * KVH * Skv * D * elemBytes, 'attention k'),
      v: make(B * KVH * Skv * D * elemBytes, 'attention v'),
      out: make(B * H * Sq * D * 4, 'attention out'),
    };
    if (kernel.kind === 'dense' || kernel.kind === 'block-sparse') {
      const sparse = kernel.kind === 'block-sparse';
      const BQ = mask ? mask.blockSize : DENSE_QUERY_ROWS;
      const TK = keyTileSize(D, caps.limits.maxComputeWorkgroupStorageSize, ctx.summary.isFallbackAdapter);
      const groupsX = Math.ceil(Sq / BQ);
      const code = specialize(prefillSource, dtype, { D4, BQ, TK, SPARSE: sparse });
      const pipeline = await ctx.pipeline({ code, label: `${kernelLabel(kernel)}.wgsl` });
      const params = new ArrayBuffer(48);
      const u = new Uint32Array(params);
      u.set([B, H, KVH, Sq, Skv, shape.causal ? 1 : 0, groupSize, 0, mask?.numQueryBlocks ?? 0, mask?.numMaskHeads ?? 1, mask?.blockSize ?? 0, 0]);
      new Float32Array(params)[7] = scale;
      const rowPtr = from(mask ? mask.rowPtr : new Uint32Array(1), 'attention mask rowPtr');
      const colIdx = from(mask ? mask.colIdx : new Uint32Array(1), 'attention mask colIdx');
      const bindGroup = bind(pipeline, [uniform(params, 'attention params'), buffers.q, buffers.k, buffers.v, buffers.out, rowPtr, colIdx]);
      passes.push({ label: kernelLabel(kernel), pipeline, bindGroup, groups: [groupsX, H, B] });
    } else {
      if (kernel.kind === 'quest') {
        const bounds = make(B * KVH * numPages * 2 * D * 4, 'quest page bounds');
        const scores = make(B * H * numPages * 4, 'quest page scores');
        pagesBuffer = make(B * H * pagesPerHead * 4, 'quest chosen pages');
        const boundsPipeline = await ctx.pipeline({ code: specialize(questPagesSource, dtype, { D4 }), label: 'attention/quest-pages.wgsl' });
        const boundsParams = uniform(Uint32Array.of(Skv, pageSize, numPages, 0).buffer, 'quest pages params');
        const boundsBind = bind(boundsPipeline, [boundsParams, buffers.k, bounds]);
        afterWrite = () => {
          const enc = device.createCommandEncoder();
          const pass = enc.beginComputePass({ label: 'quest page bounds' });
          pass.setPipeline(boundsPipeline);
          pass.setBindGroup(0, boundsBind);
          pass.dispatchWorkgroups(Math.ceil(D4 / 64), numPages, B * KVH);
          pass.end();
          device.queue.submit([enc.finish()]);
        };
        const selectPipeline = await ctx.pipeline({ code: specialize(questSelectSource, dtype, { D4, WG: DECODE_WG }), label: 'attention/quest-select.wgsl' });
        const selectParams = uniform(Uint32Array.of(H, KVH, groupSize, numPages, pagesPerHead, 0, 0, 0).buffer, 'quest select params');
        passes.push({
          label: 'quest select pages',
          pipeline: selectPipeline,
          bindGroup: bind(selectPipeline, [selectParams, buffers.q, bounds, scores, pagesBuffer]),
          groups: [H, B, 1],
        });
      }
      const paged = kernel.kind === 'quest';
      const decodePipeline = await ctx.pipeline({
        code: specialize(decodeSource, dtype, { D4, WG: DECODE_WG, SPLIT: split, PAGED: paged }),
        label: `${kernelLabel(kernel)}.wgsl`,
      });
      const params = new ArrayBuffer(48);
      new Uint32Array(params).set([H, KVH, Skv, groupSize, numLogical, numSplits, pageSize, pagesPerHead]);
      new Float32Array(params)[8] = scale;
      const partO = make(B * H * numSplits * D * 4, 'decode partial outputs');
      const partML = make(B * H * numSplits * 8, 'decode partial max/sum');
      const pages = pagesBuffer ?? from(new Uint32Array(1), 'decode no pages');
      passes.push({
        label: `${kernel.kind} split-KV`,
        pipeline: decodePipeline,
        bindGroup: bind(decodePipeline, [uniform(params, 'decode params'), buffers.q, buffers.k, buffers.v, partO, partML, pages]),
        groups: [numSplits, H, B],
      });
      const mergePipeline = await ctx.pipeline({ code: specialize(mergeSource, 'f32', { D4, WG: DECODE_WG }), label: 'attention/decode-merge.wgsl' });
      passes.push({
        label: `${kernel.kind} merge`,
        pipeline: mergePipeline,
        bindGroup: bind(mergePipeline, [uniform(Uint32Array.of(numSplits, 0, 0, 0).buffer, 'merge params'), partO, partML, buffers.out]),
        groups: [B * H, 1, 1],
      });
    }
    const validation = await device.popErrorScope();
    const memory = await device.popErrorScope();
    scopesOpen = false;
    const error = validation ?? memory;
    if (error) throw new Error(`${kernelLabel(kernel)}: the GPU refused to set up the kernel (${error.message})`);
  } catch (e) {
    if (scopesOpen) await device.popErrorScope().then(() => device.popErrorScope()).catch(() => undefined);
    for (const b of owned) b.destroy();
    throw e;
  }

  const encode = (encoder: GPUCommandEncoder, timing?: TimedSubmission) => {
    for (const p of passes) {
      const pass = timing ? timing.beginComputePass(encoder, p.label) : encoder.beginComputePass({ label: p.label });
      pass.setPipeline(p.pipeline);
      pass.setBindGroup(0, p.bindGroup);
      pass.dispatchWorkgroups(...p.groups);
      pass.end();
    }
  };
  const upload = (buffer: GPUBuffer, data: Float32Array) => {
    const bytes = dtype === 'f16' ? toHalfBits(data) : data;
    device.queue.writeBuffer(buffer, 0, bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };

  return {
    shape, kernel, dtype, buffers,
    write(inputs) {
      validateInputs(shape, inputs, dtype);
      upload(buffers.q, inputs.q);
      upload(buffers.k, inputs.k);
      upload(buffers.v, inputs.v);
      afterWrite?.();
    },
    encode,
    async run() {
      const timing = startTiming(device, passes.length);
      const encoder = device.createCommandEncoder({ label: kernelLabel(kernel) });
      encode(encoder, timing);
      timing.submit(encoder);
      return timing.result();
    },
    async read() {
      return new Float32Array(await readBuffer(device, buffers.out, B * H * Sq * D * 4));
    },
    async readPages() {
      if (!pagesBuffer) throw new Error('readPages: only the quest kernel chooses pages');
      return new Uint32Array(await readBuffer(device, pagesBuffer, B * H * pagesPerHead * 4));
    },
    destroy() {
      for (const b of owned) b.destroy();
    },
  };
}
