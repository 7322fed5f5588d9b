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
import { BufferSet, guardedSetup, readBuffer } from '../../gpu/buffers';
import { uniformStruct } from '../../gpu/uniform';
import { startTiming, type GpuTiming, type TimedSubmission } from '../../gpu/timer';
import {
  AttentionInputError,
  capabilitiesOf,
  checkBufferSizes,
  keyTileSize,
  SCALE_LIMIT,
  validateInputs,
  validateShape,
  type AttentionDtype,
  type AttentionInputs,
  type AttentionShape,
} from './shape';
import { validateMask, type BlockMaskCSR } from './mask';
import { specialize, toHalfBits } from './wgsl';
import prefillSource from '../../../shaders/attention/prefill.wgsl?raw';
import decodeSource from '../../../shaders/attention/decode.wgsl?raw';
import mergeSource from '../../../shaders/attention/decode-merge.wgsl?raw';
import questPagesSource from '../../../shaders/attention/quest-pages.wgsl?raw';
import questSelectSource from '../../../shaders/attention/quest-select.wgsl?raw';

// The kernels' uniforms, written by field name (checked against each shader's `struct Params` at load).
const PrefillParams = uniformStruct(
  prefillSource,
  'Params',
  {
    B: 'u32',
    H: 'u32',
    KVH: 'u32',
    Sq: 'u32',
    Skv: 'u32',
    causal: 'u32',
    groupSize: 'u32',
    scale: 'f32',
    numQueryBlocks: 'u32',
    numMaskHeads: 'u32',
    blockSize: 'u32',
    kvStride: 'u32',
  },
  'attention/prefill',
);
const DecodeParams = uniformStruct(
  decodeSource,
  'Params',
  {
    H: 'u32',
    KVH: 'u32',
    Skv: 'u32',
    groupSize: 'u32',
    numLogical: 'u32',
    numSplits: 'u32',
    pageSize: 'u32',
    pagesPerHead: 'u32',
    scale: 'f32',
    kvStride: 'u32',
  },
  'attention/decode',
);
const MergeParams = uniformStruct(mergeSource, 'Params', { numSplits: 'u32' }, 'attention/decode-merge');
const QuestPagesParams = uniformStruct(
  questPagesSource,
  'Params',
  { Skv: 'u32', pageSize: 'u32', numPages: 'u32', kvStride: 'u32', firstPage: 'u32' },
  'attention/quest-pages',
);
const QuestSelectParams = uniformStruct(
  questSelectSource,
  'Params',
  { H: 'u32', KVH: 'u32', groupSize: 'u32', numPages: 'u32', budget: 'u32' },
  'attention/quest-select',
);

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
  /**
   * Rows per KV head in the K and V buffers, >= Skv (default Skv): K and V are then a KV cache
   * [B, KVH, kvCapacity, D] of which the first Skv rows are read, and decode / Quest can move Skv with setKvLength().
   */
  kvCapacity?: number;
  /**
   * Device buffers to read (q, k, v) or write (out) in place instead of allocating them, e.g. a model's activations
   * and KV cache. Sizes are checked against the shape; destroy() leaves them alone.
   */
  buffers?: Partial<Record<'q' | 'k' | 'v' | 'out', GPUBuffer>>;
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
  /**
   * Decode and Quest over a KV cache: attend over the first `skv` rows (1..kvCapacity) from now on, without
   * reallocating. Quest rebuilds the page bounds of rows from `changedFrom` (default: the previous length) in its
   * next run, so a cache that only appends pays for one page per step.
   */
  setKvLength(skv: number, changedFrom?: number): void;
  destroy(): void;
}

type Pass = { label: string; pipeline: GPUComputePipeline; bindGroup: GPUBindGroup; groups: [number, number, number] };

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
  if (!(Math.abs(scale) <= SCALE_LIMIT))
    throw new AttentionInputError(`scale = ${scale}: must be a finite number within ±${SCALE_LIMIT} (so scores cannot overflow f32)`);
  const capacity = opts.kvCapacity ?? Skv;
  if (!Number.isInteger(capacity) || capacity < Skv)
    throw new AttentionInputError(`kvCapacity = ${opts.kvCapacity}: must be an integer >= Skv = ${Skv}`);
  // Plan first: every parameter checked and every buffer sized against the device limits before the first
  // allocation or compile, so a shape that cannot run throws here and the device never sees it.
  const elemBytes = dtype === 'f16' ? 2 : 4;
  const groupSize = H / KVH;
  const maxGroups = caps.limits.maxComputeWorkgroupsPerDimension;
  const sizes: [string, number][] = [];
  if (capacity > Skv && !opts.buffers?.k) sizes.push(['attention k/v cache [B,KVH,kvCapacity,D]', B * KVH * capacity * D * elemBytes]);
  let mask: BlockMaskCSR | undefined;
  const quest = kernel.kind === 'quest' ? kernel : undefined;
  const pageSize = quest ? (quest.pageSize ?? 16) : 0;
  // Decode and Quest sizes for a KV length; buffers are sized for kvCapacity so setKvLength() never reallocates.
  type LengthSizes = { numPages: number; perHead: number; logical: number };
  const lengthSizes = (skv: number): LengthSizes => {
    const numPages = quest ? Math.ceil(skv / pageSize) : 0;
    const perHead = quest ? Math.min(quest.pageBudget, numPages) : 0;
    return { numPages, perHead, logical: quest ? perHead * pageSize : skv };
  };
  let most: LengthSizes = { numPages: 0, perHead: 0, logical: Skv };
  let split = 0;
  let maxSplits = 0;
  if (kernel.kind === 'dense' || kernel.kind === 'block-sparse') {
    mask = kernel.kind === 'block-sparse' ? kernel.mask : undefined;
    if (mask) validateMask(mask, shape);
    const groupsX = Math.ceil(Sq / (mask ? mask.blockSize : DENSE_QUERY_ROWS));
    if (groupsX > maxGroups)
      throw new AttentionInputError(`shape.Sq = ${Sq} needs ${groupsX} workgroups, over this GPU's ${maxGroups} per dimension`);
    if (mask) sizes.push(['mask rowPtr', mask.rowPtr.byteLength], ['mask colIdx', mask.colIdx.byteLength]);
  } else {
    if (Sq !== 1) throw new AttentionInputError(`shape.Sq = ${Sq}: ${kernel.kind} attention takes one query row per head (Sq = 1)`);
    if (quest) {
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1024)
        throw new AttentionInputError(`pageSize = ${quest.pageSize}: must be an integer from 1 to 1024`);
      if (!Number.isInteger(quest.pageBudget) || quest.pageBudget < 1)
        throw new AttentionInputError(`pageBudget = ${quest.pageBudget}: must be a positive integer (pages to attend to)`);
    }
    most = lengthSizes(capacity);
    split = kernel.splitSize ?? (lengthSizes(Skv).logical <= 1024 ? 64 : 256);
    if (!Number.isInteger(split) || split < 16 || split > 1024)
      throw new AttentionInputError(`splitSize = ${kernel.splitSize}: must be an integer from 16 to 1024 keys`);
    maxSplits = Math.ceil(most.logical / split);
    if (maxSplits > maxGroups)
      throw new AttentionInputError(
        `Skv = ${capacity} needs ${maxSplits} splits of ${split}, over this GPU's ${maxGroups} workgroups per dimension; raise splitSize`,
      );
    if (most.numPages > maxGroups)
      throw new AttentionInputError(`Skv / pageSize = ${most.numPages} pages, over this GPU's ${maxGroups} workgroups per dimension`);
    if (B * H > maxGroups) throw new AttentionInputError(`B·H = ${B * H} exceeds this GPU's ${maxGroups} workgroups per dimension`);
    if (quest) {
      sizes.push(
        ['quest page bounds [B,KVH,pages,2,D] (f32)', B * KVH * most.numPages * 2 * D * 4],
        ['quest page scores [B,H,pages] (f32)', B * H * most.numPages * 4],
        ['quest chosen pages [B,H,budget] (u32)', B * H * most.perHead * 4],
      );
    }
    sizes.push(
      ['decode partial outputs [B,H,splits,D] (f32)', B * H * maxSplits * D * 4],
      ['decode partial max/sum [B,H,splits,2] (f32)', B * H * maxSplits * 8],
    );
  }
  checkBufferSizes(sizes, caps, kernel.kind === 'decode' || kernel.kind === 'quest' ? 'raise splitSize (fewer splits)' : undefined);

  const device = ctx.device;
  const usage = GPUBufferUsage.STORAGE;
  const owned = new BufferSet(device);
  const make = (bytes: number, label: string) => owned.empty(bytes, usage, label);
  const from = (data: ArrayBufferView, label: string) => owned.from(data, usage, label);
  const given = opts.buffers ?? {};
  const buffer = (name: 'q' | 'k' | 'v' | 'out', bytes: number) => {
    const b = given[name];
    if (!b) return make(bytes, `attention ${name}`);
    if (b.size < bytes) throw new AttentionInputError(`buffers.${name}: ${b.size} bytes, the shape needs ${bytes}`);
    return b;
  };
  const passes: Pass[] = [];
  const bind = (pipeline: GPUComputePipeline, resources: GPUBuffer[]) =>
    device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: resources.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
  let afterWrite: (() => void) | undefined;
  let pagesBuffer: GPUBuffer | undefined;
  let buffers!: PreparedAttention['buffers'];
  // Decode and Quest over a KV cache: the current length and what changes with it.
  let kvLength = Skv;
  let numPages = 0;
  let pagesPerHead = 0;
  let boundsFrom = 0;
  let encodeBounds: ((encoder: GPUCommandEncoder) => void) | undefined;
  let applyLength: ((skv: number) => void) | undefined;
  const setLengthUniforms: ((sz: LengthSizes, skv: number) => void)[] = [];

  // Whatever fails from here on (a compile error, an allocation the device refuses) frees what was
  // allocated, and device errors are caught in error scopes and thrown here rather than left to surface
  // later as zeros.
  await guardedSetup(device, kernelLabel(kernel), owned, async () => {
    buffers = {
      q: buffer('q', B * H * Sq * D * elemBytes),
      k: buffer('k', B * KVH * capacity * D * elemBytes),
      v: buffer('v', B * KVH * capacity * D * elemBytes),
      out: buffer('out', B * H * Sq * D * 4),
    };
    if (kernel.kind === 'dense' || kernel.kind === 'block-sparse') {
      const sparse = kernel.kind === 'block-sparse';
      const BQ = mask ? mask.blockSize : DENSE_QUERY_ROWS;
      const TK = keyTileSize(D, caps.limits.maxComputeWorkgroupStorageSize, ctx.summary.isFallbackAdapter);
      const groupsX = Math.ceil(Sq / BQ);
      const program = specialize('attention/prefill.wgsl', prefillSource, dtype, { D4, BQ, TK, SPARSE: sparse });
      const pipeline = await ctx.pipeline({ ...program, label: kernelLabel(kernel) });
      const params = owned.add(
        PrefillParams.create(
          device,
          {
            B,
            H,
            KVH,
            Sq,
            Skv,
            causal: shape.causal ? 1 : 0,
            groupSize,
            scale,
            numQueryBlocks: mask?.numQueryBlocks ?? 0,
            numMaskHeads: mask?.numMaskHeads ?? 1,
            blockSize: mask?.blockSize ?? 0,
            kvStride: capacity,
          },
          'attention params',
        ),
      );
      const rowPtr = from(mask ? mask.rowPtr : new Uint32Array(1), 'attention mask rowPtr');
      const colIdx = from(mask ? mask.colIdx : new Uint32Array(1), 'attention mask colIdx');
      const bindGroup = bind(pipeline, [params, buffers.q, buffers.k, buffers.v, buffers.out, rowPtr, colIdx]);
      passes.push({ label: kernelLabel(kernel), pipeline, bindGroup, groups: [groupsX, H, B] });
    } else {
      // Written for the current KV length by applyLength() below.
      const decodeParams = owned.empty(DecodeParams.size, GPUBufferUsage.UNIFORM, 'decode params');
      const mergeParams = owned.empty(MergeParams.size, GPUBufferUsage.UNIFORM, 'merge params');
      const partO = make(B * H * maxSplits * D * 4, 'decode partial outputs');
      const partML = make(B * H * maxSplits * 8, 'decode partial max/sum');
      if (quest) {
        const bounds = make(B * KVH * most.numPages * 2 * D * 4, 'quest page bounds');
        const scores = make(B * H * most.numPages * 4, 'quest page scores');
        pagesBuffer = make(B * H * most.perHead * 4, 'quest chosen pages');
        const boundsPipeline = await ctx.pipeline({
          ...specialize('attention/quest-pages.wgsl', questPagesSource, dtype, { D4 }),
          label: 'attention/quest-pages',
        });
        const boundsParams = owned.empty(QuestPagesParams.size, GPUBufferUsage.UNIFORM, 'quest pages params');
        const boundsBind = bind(boundsPipeline, [boundsParams, buffers.k, bounds]);
        // Page bounds of pages [boundsFrom, numPages) are stale; encodeBounds rebuilds them (write() and setKvLength() mark them).
        encodeBounds = (encoder) => {
          if (boundsFrom >= numPages) return;
          QuestPagesParams.write(device, boundsParams, { Skv: kvLength, pageSize, numPages, kvStride: capacity, firstPage: boundsFrom });
          const pass = encoder.beginComputePass({ label: 'quest page bounds' });
          pass.setPipeline(boundsPipeline);
          pass.setBindGroup(0, boundsBind);
          pass.dispatchWorkgroups(Math.ceil(D4 / 64), numPages - boundsFrom, B * KVH);
          pass.end();
          boundsFrom = numPages;
        };
        afterWrite = () => {
          boundsFrom = 0;
          const enc = device.createCommandEncoder();
          encodeBounds!(enc);
          device.queue.submit([enc.finish()]);
        };
        const selectPipeline = await ctx.pipeline({
          ...specialize('attention/quest-select.wgsl', questSelectSource, dtype, { D4, WG: DECODE_WG }),
          label: 'attention/quest-select',
        });
        const selectParams = owned.empty(QuestSelectParams.size, GPUBufferUsage.UNIFORM, 'quest select params');
        passes.push({
          label: 'quest select pages',
          pipeline: selectPipeline,
          bindGroup: bind(selectPipeline, [selectParams, buffers.q, bounds, scores, pagesBuffer]),
          groups: [H, B, 1],
        });
        setLengthUniforms.push((sz) =>
          QuestSelectParams.write(device, selectParams, { H, KVH, groupSize, numPages: sz.numPages, budget: sz.perHead }),
        );
      }
      const decodePipeline = await ctx.pipeline({
        ...specialize('attention/decode.wgsl', decodeSource, dtype, { D4, WG: DECODE_WG, SPLIT: split, PAGED: !!quest }),
        label: kernelLabel(kernel),
      });
      const pages = pagesBuffer ?? from(new Uint32Array(1), 'decode no pages');
      const decodePass: Pass = {
        label: `${kernel.kind} split-KV`,
        pipeline: decodePipeline,
        bindGroup: bind(decodePipeline, [decodeParams, buffers.q, buffers.k, buffers.v, partO, partML, pages]),
        groups: [1, H, B],
      };
      passes.push(decodePass);
      const mergePipeline = await ctx.pipeline({
        ...specialize('attention/decode-merge.wgsl', mergeSource, 'f32', { D4, WG: DECODE_WG }),
        label: 'attention/decode-merge',
      });
      passes.push({
        label: `${kernel.kind} merge`,
        pipeline: mergePipeline,
        bindGroup: bind(mergePipeline, [mergeParams, partO, partML, buffers.out]),
        groups: [B * H, 1, 1],
      });
      setLengthUniforms.push((sz, skv) => {
        const numSplits = Math.ceil(sz.logical / split);
        DecodeParams.write(device, decodeParams, {
          H,
          KVH,
          Skv: skv,
          groupSize,
          numLogical: sz.logical,
          numSplits,
          pageSize,
          pagesPerHead: sz.perHead,
          scale,
          kvStride: capacity,
        });
        MergeParams.write(device, mergeParams, { numSplits });
        decodePass.groups = [numSplits, H, B];
        pagesPerHead = sz.perHead;
        numPages = sz.numPages;
      });
      applyLength = (skv: number) => {
        const sz = lengthSizes(skv);
        for (const f of setLengthUniforms) f(sz, skv);
      };
      applyLength(Skv);
    }
  });

  const encode = (encoder: GPUCommandEncoder, timing?: TimedSubmission) => {
    encodeBounds?.(encoder);
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
    shape,
    kernel,
    dtype,
    buffers,
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
    setKvLength(skv, changedFrom = kvLength) {
      if (!applyLength)
        throw new AttentionInputError(`setKvLength: only decode and quest attention change length (this is ${kernel.kind})`);
      if (!Number.isInteger(skv) || skv < 1 || skv > capacity)
        throw new AttentionInputError(`setKvLength(${skv}): must be an integer from 1 to kvCapacity = ${capacity}`);
      if (!Number.isInteger(changedFrom) || changedFrom < 0)
        throw new AttentionInputError(`setKvLength: changedFrom = ${changedFrom} must be a non-negative integer`);
      kvLength = skv;
      applyLength(skv);
      if (quest) boundsFrom = Math.min(boundsFrom, Math.floor(Math.min(changedFrom, skv) / pageSize));
    },
    async readPages() {
      if (!pagesBuffer) throw new Error('readPages: only the quest kernel chooses pages');
      return new Uint32Array(await readBuffer(device, pagesBuffer, B * H * pagesPerHead * 4));
    },
    destroy() {
      owned.destroy();
    },
  };
}
