/**
 * The decoder-only transformer on our kernels (GPT-2 and Llama families), f32.
 * Weights are uploaded once; the KV cache is preallocated for `capacity` tokens ([layers] × [KVH, capacity, D]
 * for K and for V) and attention reads it in place. Decode runs a plan recorded once at load (bind groups and
 * uniforms rewritten per step, nothing reallocated) and computes logits for the last position only.
 *
 * Example (Node through Dawn, or the GPU worker):
 *   const model = await LmModel.load(ctx, cfg, weights, { capacity: 512 });
 *   const first = await model.prefill(promptIds);          // logits [V] of the last prompt position
 *   let next = argmax(first.logits);
 *   const step = await model.decode(next);                 // logits [V]; the cache grows by one
 *   model.reset();                                         // a new sequence
 *   model.destroy();
 *
 * Attention: prefill 'dense' or 'block-sparse' (a block mask from the attention core's builders, computed per
 * layer and head from this prompt's q and k); decode 'dense' (split-KV) or 'quest' (page budget).
 */
import type { GpuContext } from '../gpu/context';
import { BufferSet, guardedSetup, readBuffer } from '../gpu/buffers';
import {
  blockTopKMask,
  localWindowMask,
  prepareAttention,
  verticalSlashMask,
  type AttentionShape,
  type BlockMaskCSR,
  type PreparedAttention,
} from '../attention';
import type { LmConfig } from './config';
import type { LmWeights } from './weights';
import {
  bindBuffers,
  kernels,
  linearGroups,
  matmulGroups,
  matmulVariant,
  params,
  usesSubgroups,
  type Dispatch,
  type MatmulVariant,
} from './kernels';
import type { UniformStruct } from '../gpu/uniform';

export class LmInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LmInputError';
  }
}

export type PrefillMethod =
  | { kind: 'dense' }
  | { kind: 'block-sparse'; pattern: 'block-topk' | 'local-window' | 'vertical-slash'; compression: number; blockSize?: 16 | 32 | 64 };
export type DecodeMethod = { kind: 'dense' } | { kind: 'quest'; pageBudget: number; pageSize?: number };

export interface LoadOptions {
  /** Tokens the KV cache holds (prompt + generated). Default min(maxPositions, 1024). */
  capacity?: number;
  /** Rows of logits prefill can return at once (for checking every position). Default 1. */
  logitRows?: number;
  /** Matmul kernel for prompts (M > 1): default 'subgroups' where the adapter has them, else 'tiled'. */
  matmul?: MatmulVariant;
}

export interface PrefillResult {
  /** [rows, V]: the last position, or every position with `allLogits`. */
  logits: Float32Array;
  /** Mean density of the block masks used (1 for dense). */
  density: number;
}

interface LayerBuffers {
  norm1: GPUBuffer;
  norm1Bias: GPUBuffer;
  qkv: GPUBuffer;
  qkvBias: GPUBuffer;
  o: GPUBuffer;
  oBias: GPUBuffer;
  norm2: GPUBuffer;
  norm2Bias: GPUBuffer;
  up: GPUBuffer;
  upBias: GPUBuffer;
  down: GPUBuffer;
  downBias: GPUBuffer;
  k: GPUBuffer;
  v: GPUBuffer;
  has: { qkvBias: boolean; oBias: boolean; upBias: boolean; downBias: boolean };
}

/** Bytes the model needs on the GPU, and the largest single buffer (checked against the adapter's limits). */
export function gpuFootprint(
  cfg: LmConfig,
  capacity: number,
  logitRows = 1,
): { totalBytes: number; largestBuffer: { name: string; bytes: number } } {
  const { hidden: C, heads: H, kvHeads: KVH, headDim: D, intermediate: I, vocab: V, layers: L } = cfg;
  const QKV = (H + 2 * KVH) * D;
  const I2 = cfg.arch === 'llama' ? 2 * I : I;
  const buffers: [string, number][] = [
    ['embed', V * C * 4],
    ['lm_head', cfg.tiedEmbeddings ? 0 : V * C * 4],
    ['positions', cfg.arch === 'gpt2' ? cfg.maxPositions * C * 4 : 0],
    ['layer qkv weights', QKV * C * 4 * L],
    ['layer mlp weights', (I2 + I) * C * 4 * L],
    ['layer output weights', H * D * C * 4 * L],
    ['KV cache', 2 * L * KVH * capacity * D * 4],
    ['activations', capacity * (3 * C + QKV + 2 * H * D + I2 + I) * 4],
    ['logits', logitRows * V * 4],
  ];
  const perBuffer: [string, number][] = [
    ['embedding [V, C]', V * C * 4],
    ['mlp up [I, C]', I2 * C * 4],
    ['mlp activations', capacity * I2 * 4],
    ['KV cache of one layer', KVH * capacity * D * 4],
    ['logits', logitRows * V * 4],
  ];
  const largest = perBuffer.reduce((a, b) => (b[1] > a[1] ? b : a));
  return { totalBytes: buffers.reduce((n, b) => n + b[1], 0), largestBuffer: { name: largest[0], bytes: largest[1] } };
}

/** Throws LmInputError with the numbers when the model cannot fit this adapter's limits. */
export function checkFits(
  cfg: LmConfig,
  capacity: number,
  limits: { maxStorageBufferBindingSize: number; maxBufferSize: number },
  logitRows = 1,
): void {
  const { largestBuffer } = gpuFootprint(cfg, capacity, logitRows);
  const limit = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  if (largestBuffer.bytes > limit) {
    throw new LmInputError(
      `model too large for this GPU: its ${largestBuffer.name} needs ${(largestBuffer.bytes / 2 ** 20).toFixed(1)} MiB in one buffer, over the adapter's ${(limit / 2 ** 20).toFixed(1)} MiB storage-buffer limit`,
    );
  }
}

export class LmModel {
  private length = 0;
  private decodeAtt: PreparedAttention[] = [];
  private decodeMethodKey = '';
  private decodePlan?: { dispatches: (Dispatch | PreparedAttention)[]; update: (start: number) => void; buffers: GPUBuffer[] };

  private constructor(
    private readonly ctx: GpuContext,
    readonly cfg: LmConfig,
    readonly capacity: number,
    readonly logitRows: number,
    /** The matmul kernel prompts run on (decode's single rows use matvec). */
    readonly matmul: MatmulVariant,
    private readonly owned: BufferSet,
    private readonly w: {
      embed: GPUBuffer;
      positions: GPUBuffer;
      normF: GPUBuffer;
      normFBias: GPUBuffer;
      lmHead: GPUBuffer;
      layers: LayerBuffers[];
    },
    private readonly act: Record<'tokens' | 'x' | 'h' | 'qkv' | 'q' | 'att' | 'merged' | 'gu' | 'mlp' | 'logits', GPUBuffer>,
  ) {}

  static async load(ctx: GpuContext, cfg: LmConfig, weights: LmWeights, opts: LoadOptions = {}): Promise<LmModel> {
    const capacity = opts.capacity ?? Math.min(cfg.maxPositions, 1024);
    const logitRows = opts.logitRows ?? 1;
    if (!Number.isInteger(capacity) || capacity < 1) throw new LmInputError(`capacity = ${opts.capacity}: must be a positive integer`);
    if (cfg.arch === 'gpt2' && capacity > cfg.maxPositions)
      throw new LmInputError(`capacity = ${capacity} tokens exceeds the model's ${cfg.maxPositions} learned positions`);
    if (!Number.isInteger(logitRows) || logitRows < 1 || logitRows > capacity)
      throw new LmInputError(`logitRows = ${logitRows}: must be an integer from 1 to capacity = ${capacity}`);
    if (cfg.headDim % 4 || cfg.headDim > 256)
      throw new LmInputError(`head dim ${cfg.headDim}: the attention kernels need a multiple of 4 up to 256`);
    const limits = ctx.device.limits;
    checkFits(
      cfg,
      capacity,
      { maxStorageBufferBindingSize: Number(limits.maxStorageBufferBindingSize), maxBufferSize: Number(limits.maxBufferSize) },
      logitRows,
    );
    const matmul = matmulVariant(ctx, opts.matmul);
    const device = ctx.device;
    const owned = new BufferSet(device);
    const S = GPUBufferUsage.STORAGE;
    const up = (data: Float32Array | undefined, label: string) => owned.from(data ?? new Float32Array(1), S, label);
    const empty = (floats: number, label: string) => owned.empty(floats * 4, S, label);
    // Everything is checked above; from here a failure (an allocation the device refuses, a kernel that does not
    // compile) frees every buffer made so far before it is thrown.
    let model: LmModel | undefined;
    return guardedSetup(device, 'lm model', { destroy: () => (model ? model.destroy() : owned.destroy()) }, async () => {
      const { hidden: C, heads: H, kvHeads: KVH, headDim: D, intermediate: I, vocab: V } = cfg;
      const QKV = (H + 2 * KVH) * D;
      const I2 = cfg.arch === 'llama' ? 2 * I : I;
      const layers = weights.layers.map((L, l) => ({
        norm1: up(L.norm1, `l${l} norm1`),
        norm1Bias: up(L.norm1Bias, `l${l} norm1 bias`),
        qkv: up(L.qkv, `l${l} qkv`),
        qkvBias: up(L.qkvBias, `l${l} qkv bias`),
        o: up(L.o, `l${l} o`),
        oBias: up(L.oBias, `l${l} o bias`),
        norm2: up(L.norm2, `l${l} norm2`),
        norm2Bias: up(L.norm2Bias, `l${l} norm2 bias`),
        up: up(L.up, `l${l} up`),
        upBias: up(L.upBias, `l${l} up bias`),
        down: up(L.down, `l${l} down`),
        downBias: up(L.downBias, `l${l} down bias`),
        k: empty(KVH * capacity * D, `l${l} k cache`),
        v: empty(KVH * capacity * D, `l${l} v cache`),
        has: { qkvBias: !!L.qkvBias, oBias: !!L.oBias, upBias: !!L.upBias, downBias: !!L.downBias },
      }));
      const embed = up(weights.embed, 'embed');
      const w = {
        embed,
        positions: up(weights.positions, 'positions'),
        normF: up(weights.normF, 'final norm'),
        normFBias: up(weights.normFBias, 'final norm bias'),
        lmHead: weights.lmHead === weights.embed ? embed : up(weights.lmHead, 'lm head'),
        layers,
      };
      const act = {
        tokens: empty(capacity, 'tokens'),
        x: empty(capacity * C, 'residual'),
        h: empty(capacity * C, 'normed'),
        qkv: empty(capacity * QKV, 'qkv'),
        q: empty(capacity * H * D, 'q'),
        att: empty(capacity * H * D, 'attention out'),
        merged: empty(capacity * H * D, 'merged heads'),
        gu: empty(capacity * I2, 'mlp up'),
        mlp: empty(capacity * I, 'mlp act'),
        logits: empty(logitRows * V, 'logits'),
      };
      model = new LmModel(ctx, cfg, capacity, logitRows, matmul, owned, w, act);
      await model.setDecodeMethod({ kind: 'dense' });
      return model;
    });
  }

  /** Tokens in the KV cache. */
  get cached(): number {
    return this.length;
  }

  /** Starts a new sequence (the cache is overwritten from position 0). */
  reset(): void {
    this.length = 0;
  }

  /**
   * Runs `tokens` after the cached ones, fills the cache, returns the last position's logits (or every new
   * position's with `allLogits`, up to `logitRows`).
   */
  async prefill(tokens: number[], opts: { method?: PrefillMethod; allLogits?: boolean } = {}): Promise<PrefillResult> {
    const S = tokens.length;
    this.checkTokens(tokens);
    if (opts.allLogits && S > this.logitRows)
      throw new LmInputError(`allLogits for ${S} tokens needs logitRows >= ${S} at load (it is ${this.logitRows})`);
    const method = opts.method ?? { kind: 'dense' };
    const start = this.length;
    const device = this.ctx.device;
    device.queue.writeBuffer(this.act.tokens, 0, Uint32Array.from(tokens));
    const temp: GPUBuffer[] = [];
    const attentions: PreparedAttention[] = [];
    let density = 0;
    try {
      const shape: AttentionShape = {
        B: 1,
        H: this.cfg.heads,
        KVH: this.cfg.kvHeads,
        Sq: S,
        Skv: start + S,
        D: this.cfg.headDim,
        causal: true,
      };
      const outRows = opts.allLogits ? S : 1;
      await this.runStreaming(S, start, temp, outRows, async (l, flush) => {
        // Block-sparse: the mask needs this layer's q and k, so run up to here, read them, build the mask.
        let mask: BlockMaskCSR | undefined;
        if (method.kind === 'block-sparse') {
          flush();
          mask = await this.buildMask(shape, l, method);
          density += mask.density;
        } else density += 1;
        const att = await prepareAttention(this.ctx, shape, mask ? { kind: 'block-sparse', mask } : { kind: 'dense' }, {
          kvCapacity: this.capacity,
          buffers: { q: this.act.q, k: this.w.layers[l].k, v: this.w.layers[l].v, out: this.act.att },
        });
        attentions.push(att);
        return att;
      });
      this.length = start + S;
      const logits = new Float32Array(await readBuffer(device, this.act.logits, outRows * this.cfg.vocab * 4));
      return { logits, density: density / this.cfg.layers };
    } finally {
      for (const a of attentions) a.destroy();
      for (const b of temp) b.destroy();
    }
  }

  /** Selects the decode attention for the following decode() calls (prepared once per layer, reused every step). */
  async setDecodeMethod(method: DecodeMethod): Promise<void> {
    const key = JSON.stringify(method);
    if (key === this.decodeMethodKey) return;
    const shape: AttentionShape = { B: 1, H: this.cfg.heads, KVH: this.cfg.kvHeads, Sq: 1, Skv: 1, D: this.cfg.headDim, causal: true };
    const prepared: PreparedAttention[] = [];
    try {
      for (const L of this.w.layers) {
        prepared.push(
          await prepareAttention(
            this.ctx,
            shape,
            method.kind === 'quest' ? { kind: 'quest', pageBudget: method.pageBudget, pageSize: method.pageSize } : { kind: 'decode' },
            {
              kvCapacity: this.capacity,
              buffers: { q: this.act.q, k: L.k, v: L.v, out: this.act.att },
            },
          ),
        );
      }
    } catch (e) {
      for (const a of prepared) a.destroy();
      throw e;
    }
    // Only now the previous method goes: a method that fails to prepare leaves the previous one in place.
    this.dropDecodePlan();
    this.decodeAtt = prepared;
    this.decodeMethodKey = key;
  }

  /** Frees the decode attention and the recorded decode plan. */
  private dropDecodePlan(): void {
    for (const a of this.decodeAtt) a.destroy();
    for (const b of this.decodePlan?.buffers ?? []) b.destroy();
    this.decodeAtt = [];
    this.decodeMethodKey = '';
    this.decodePlan = undefined;
  }

  /** Appends one token; returns the logits [V] for the next one. */
  async decode(token: number): Promise<Float32Array> {
    this.checkTokens([token]);
    const device = this.ctx.device;
    if (!this.decodePlan) {
      const buffers: GPUBuffer[] = [];
      try {
        this.decodePlan = { ...(await this.record(1, buffers, (l) => this.decodeAtt[l])), buffers };
      } catch (e) {
        for (const b of buffers) b.destroy();
        throw e;
      }
    }
    const start = this.length;
    for (const a of this.decodeAtt) a.setKvLength(start + 1, start);
    this.decodePlan.update(start);
    device.queue.writeBuffer(this.act.tokens, 0, Uint32Array.of(token));
    const encoder = device.createCommandEncoder({ label: 'lm decode' });
    encodeAll(encoder, this.decodePlan.dispatches);
    device.queue.submit([encoder.finish()]);
    this.length = start + 1;
    return new Float32Array(await readBuffer(device, this.act.logits, this.cfg.vocab * 4));
  }

  destroy(): void {
    this.dropDecodePlan();
    this.owned.destroy();
  }

  private checkTokens(tokens: number[]): void {
    if (tokens.length === 0) throw new LmInputError('no tokens to run');
    if (this.length + tokens.length > this.capacity) {
      throw new LmInputError(`${this.length} cached + ${tokens.length} new tokens exceed the KV cache of ${this.capacity} tokens`);
    }
    tokens.forEach((t, i) => {
      if (!Number.isInteger(t) || t < 0 || t >= this.cfg.vocab)
        throw new LmInputError(`token ${i} = ${t}: must be an integer id from 0 to ${this.cfg.vocab - 1}`);
    });
  }

  private async buildMask(
    shape: AttentionShape,
    layer: number,
    method: Extract<PrefillMethod, { kind: 'block-sparse' }>,
  ): Promise<BlockMaskCSR> {
    const { H, KVH, D, Sq: S, Skv } = shape;
    if (Skv !== S) throw new LmInputError('block-sparse prefill runs on an empty cache (one prompt, no earlier tokens)');
    const q = new Float32Array(await readBuffer(this.ctx.device, this.act.q, H * S * D * 4));
    const cache = new Float32Array(await readBuffer(this.ctx.device, this.w.layers[layer].k, KVH * this.capacity * D * 4));
    const k = new Float32Array(KVH * S * D);
    for (let h = 0; h < KVH; h++) k.set(cache.subarray(h * this.capacity * D, h * this.capacity * D + S * D), h * S * D);
    const opts = { blockSize: method.blockSize ?? 16, compression: method.compression };
    if (method.pattern === 'local-window') return localWindowMask(shape, opts);
    if (method.pattern === 'vertical-slash') return verticalSlashMask(shape, { q, k }, opts);
    return blockTopKMask(shape, { q, k }, opts);
  }

  /**
   * Runs one forward pass over S new tokens after `start` cached ones, encoding dispatches as they are built.
   * `attention(l, flush)` supplies layer l's prepared attention; it may call `flush()` to submit the work so far
   * (block-sparse prefill reads this layer's q and k back to build its mask).
   */
  private async runStreaming(
    S: number,
    start: number,
    temp: GPUBuffer[],
    outRows: number,
    attention: (l: number, flush: () => void) => Promise<PreparedAttention>,
  ): Promise<void> {
    const device = this.ctx.device;
    let pending: (Dispatch | PreparedAttention)[] = [];
    const flush = () => {
      const encoder = device.createCommandEncoder({ label: 'lm prefill' });
      encodeAll(encoder, pending);
      device.queue.submit([encoder.finish()]);
      pending = [];
    };
    await this.record(
      S,
      temp,
      (l) => attention(l, flush),
      start,
      outRows,
      (d) => pending.push(d),
    );
    flush();
  }

  /**
   * Builds the dispatches of a forward pass over S tokens. `emit` receives them in order when given (prefill,
   * recorded as it goes); otherwise they are returned with `update(start)`, which rewrites the uniforms that
   * depend on the position (decode, recorded once).
   */
  private async record(
    S: number,
    buffers: GPUBuffer[],
    attention: (l: number) => PreparedAttention | Promise<PreparedAttention>,
    start = 0,
    outRows = 1,
    emit?: (d: Dispatch | PreparedAttention) => void,
  ): Promise<{ dispatches: (Dispatch | PreparedAttention)[]; update: (start: number) => void }> {
    const { ctx, cfg, w, act } = this;
    const device = ctx.device;
    const { hidden: C, heads: H, kvHeads: KVH, headDim: D, intermediate: I, vocab: V } = cfg;
    const QKV = (H + 2 * KVH) * D;
    const llama = cfg.arch === 'llama';
    const dispatches: (Dispatch | PreparedAttention)[] = [];
    const push = (d: Dispatch | PreparedAttention) => (emit ? emit(d) : dispatches.push(d));
    const uniform = <F extends string>(struct: UniformStruct<F>, values: Record<F, number>) => {
      const b = struct.create(device, values);
      buffers.push(b);
      return b;
    };
    const positional: ((start: number) => void)[] = [];
    const matmul = async (
      x: GPUBuffer,
      weight: GPUBuffer,
      bias: GPUBuffer | undefined,
      y: GPUBuffer,
      M: number,
      N: number,
      K: number,
      residual: boolean,
      rowOffset = 0,
    ) => {
      const sub = usesSubgroups(this.matmul, K);
      const pipeline = await (M === 1
        ? kernels.matvec(ctx, !!bias, residual)
        : sub
          ? kernels.matmulSubgroups(ctx, !!bias, residual)
          : kernels.matmul(ctx, !!bias, residual));
      const p = uniform(M === 1 ? params.matvec : sub ? params.matmulSubgroups : params.matmul, { M, N, K, rowOffset });
      push({
        pipeline,
        bindGroup: bindBuffers(device, pipeline, [p, x, weight, bias ?? weight, y]),
        groups: matmulGroups(M, N, sub ? 'subgroups' : 'tiled'),
      });
    };
    const norm = async (x: GPUBuffer, g: GPUBuffer, b: GPUBuffer, y: GPUBuffer, rows: number, rowOffset = 0) => {
      const pipeline = await kernels.norm(ctx, !llama);
      const p = uniform(params.norm, { C, rowOffset, eps: cfg.normEps });
      push({ pipeline, bindGroup: bindBuffers(device, pipeline, [p, x, g, b, y]), groups: [rows, 1, 1] });
    };

    const embedPipeline = await kernels.embed(ctx, !llama);
    const embedParams = uniform(params.embed, { C, start });
    positional.push((s) => params.embed.write(device, embedParams, { C, start: s }));
    push({
      pipeline: embedPipeline,
      bindGroup: bindBuffers(device, embedPipeline, [embedParams, act.tokens, w.embed, w.positions, act.x]),
      groups: [Math.ceil(C / 64), S, 1],
    });
    const headsPipeline = await kernels.heads(ctx, llama);
    const mergePipeline = await kernels.mergeHeads(ctx);
    const actPipeline = await kernels.activation(ctx, llama);
    const mergeParams = uniform(params.mergeHeads, { S, H, D });
    const actParams = uniform(params.activation, { S, I });
    for (let l = 0; l < cfg.layers; l++) {
      const L = w.layers[l];
      await norm(act.x, L.norm1, L.norm1Bias, act.h, S);
      await matmul(act.h, L.qkv, L.has.qkvBias ? L.qkvBias : undefined, act.qkv, S, QKV, C, false);
      const heads = { S, H, KVH, D, capacity: this.capacity, start, theta: cfg.ropeTheta || 10000 };
      const headsParams = uniform(params.heads, heads);
      positional.push((s) => params.heads.write(device, headsParams, { ...heads, start: s }));
      push({
        pipeline: headsPipeline,
        bindGroup: bindBuffers(device, headsPipeline, [headsParams, act.qkv, act.q, L.k, L.v]),
        groups: linearGroups(S * (H + 2 * KVH) * (D / 2)),
      });
      push(await attention(l));
      push({
        pipeline: mergePipeline,
        bindGroup: bindBuffers(device, mergePipeline, [mergeParams, act.att, act.merged]),
        groups: linearGroups(S * H * D),
      });
      await matmul(act.merged, L.o, L.has.oBias ? L.oBias : undefined, act.x, S, C, H * D, true);
      await norm(act.x, L.norm2, L.norm2Bias, act.h, S);
      await matmul(act.h, L.up, L.has.upBias ? L.upBias : undefined, act.gu, S, llama ? 2 * I : I, C, false);
      push({
        pipeline: actPipeline,
        bindGroup: bindBuffers(device, actPipeline, [actParams, act.gu, act.mlp]),
        groups: linearGroups(S * I),
      });
      await matmul(act.mlp, L.down, L.has.downBias ? L.downBias : undefined, act.x, S, C, I, true);
    }
    // Logits: the last outRows positions only.
    await norm(act.x, w.normF, w.normFBias, act.h, outRows, S - outRows);
    await matmul(act.h, w.lmHead, undefined, act.logits, outRows, V, C, false);
    return { dispatches, update: (s) => positional.forEach((f) => f(s)) };
  }
}

function encodeAll(encoder: GPUCommandEncoder, items: (Dispatch | PreparedAttention)[]): void {
  let pass: GPUComputePassEncoder | undefined;
  for (const item of items) {
    if ('encode' in item) {
      pass?.end();
      pass = undefined;
      item.encode(encoder);
      continue;
    }
    pass ??= encoder.beginComputePass({ label: 'lm' });
    pass.setPipeline(item.pipeline);
    pass.setBindGroup(0, item.bindGroup);
    pass.dispatchWorkgroups(...item.groups);
  }
  pass?.end();
}
