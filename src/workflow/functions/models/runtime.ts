/**
 * Shared plumbing for the model-backed workflow functions: one transformers.js pipeline per task/model/dtype,
 * loaded on first use with download progress reported through the node's `ctx.progress`, cached in the browser's
 * Cache Storage by transformers.js. The library is imported dynamically, so pages and workers that only check
 * programs never load it; functions run in the workflow worker (or Node), never on the main thread.
 *
 * Example:
 *   configureModels({ localModelPath: '/models/', device: 'wasm' }); // self-hosted models, e.g. tests
 *   const captioner = await loadPipeline('image-to-text', 'Xenova/vit-gpt2-image-captioning', undefined, ctx);
 */
import type { ParamValue, RunContext, Value } from '../../lang/types';
import { optionalParamOf } from '../registry';
import { describeProgress } from '../../../llm/progress';
import { loadModel, loadOnnxFiles, type AnyPipeline, type LoadedOnnxFiles, type LoadOptions } from '../../../llm/model-loader';
import { MODELS } from '../../../llm/catalogue';
// onnxruntime-web's wasm files (the app's one copy), served by this app (never a CDN).
import { ORT_WASM } from '../../../llm/ort-wasm';

export type { AnyPipeline };

export interface ModelRuntimeConfig {
  /** Default: 'auto' — WebGPU when the worker finds an adapter, else wasm (browser); 'cpu' in Node. */
  device?: 'webgpu' | 'wasm' | 'cpu';
  /** Load models from this folder/URL only (no hub). */
  localModelPath?: string;
  /** onnxruntime-web wasm files; default: the copies this app bundles. */
  wasmPaths?: { mjs: string; wasm: string };
  /** Refuse a model whose download is larger than this (bytes) until the user allows it. Omitted: no limit. */
  confirmAboveBytes?: number;
  /** Model ids the user allowed to download whatever their size. */
  allowed?: string[];
  /** Node only: where downloaded files are kept (onnxruntime-node opens models from disk). */
  cacheDir?: string;
}

let config: ModelRuntimeConfig = {};

export function configureModels(c: ModelRuntimeConfig): void {
  config = { ...config, ...c };
}

/** What the host configured (mirror, download limit, allowed models), for functions that load models themselves. */
export function modelConfig(): Readonly<ModelRuntimeConfig> {
  return config;
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined' && typeof self === 'undefined';

/**
 * A pipeline for a workflow node: the catalogue's dtype for the device (unless `dtype` is given), progress in
 * bytes as the node's progress, the run's cancel stops the download, the size limit asked before any weights.
 */
export async function loadPipeline(task: string, modelId: string, dtype: string | undefined, ctx: RunContext): Promise<AnyPipeline> {
  const m = await loadModel(
    { task, modelId, device: config.device ?? (isNode ? 'cpu' : 'auto'), dtype, ...source() },
    loadOptions(modelId, ctx),
  );
  ctx.progress(0.9, `${modelId} on ${m.device} (${m.dtype})${m.note ? ` — ${m.note}` : ''}`);
  return m.pipeline;
}

/**
 * Plain ONNX sessions for a workflow node (LaMa, SD-Turbo's parts), delivered as `loadPipeline` delivers pipelines.
 * The files, tokenizer and device needs come from the catalogue entry of `defaultModel` unless `modelId` has its own.
 */
export async function loadOnnx(modelId: string, defaultModel: string, ctx: RunContext, tokenizer?: string): Promise<LoadedOnnxFiles> {
  const entry = MODELS[modelId] ?? { ...MODELS[defaultModel], needsShaderF16: false, wasmOnly: undefined };
  const device = config.device ?? (isNode ? 'cpu' : entry.wasmOnly ? 'wasm' : 'auto');
  const m = await loadOnnxFiles(
    {
      modelId,
      files: entry.files ?? [],
      tokenizer: tokenizer ?? entry.tokenizer,
      needsShaderF16: entry.needsShaderF16,
      device,
      ...source(),
    },
    loadOptions(modelId, ctx),
  );
  const why = entry.wasmOnly && device === 'wasm' ? `wasm: ${entry.wasmOnly}` : m.note;
  ctx.progress(0.9, `${modelId} on ${m.device}${why ? ` — ${why}` : ''}`);
  return m;
}

/** Where models come from: the hub, or the configured folder/mirror; onnxruntime-web's wasm from this app. */
function source() {
  const base = typeof location !== 'undefined' ? location.href : undefined;
  const wasmPaths =
    config.wasmPaths ?? (!isNode && base ? { mjs: new URL(ORT_WASM.mjs, base).href, wasm: new URL(ORT_WASM.wasm, base).href } : undefined);
  return { localModelPath: config.localModelPath, wasmPaths, cacheDir: config.cacheDir };
}

/** Progress in bytes as the node's progress, the run's cancel stops the download, the size limit asked first. */
function loadOptions(modelId: string, ctx: RunContext): LoadOptions {
  let fraction = 0;
  return {
    signal: ctx.signal,
    confirmAboveBytes: config.allowed?.includes(modelId) ? undefined : config.confirmAboveBytes,
    onProgress: (p) => ctx.progress((fraction = p.fraction * 0.9), `downloading ${modelId}: ${describeProgress(p)}`),
    onStatus: (s) => ctx.progress(fraction, s),
  };
}

/** The speaker embedding's URL: the hub's, or `<folder>/<model>/speaker_embeddings.bin` on a self-hosted mirror. */
export function speakerEmbeddingsUrl(modelId: string, hubUrl: string): string {
  const folder = config.localModelPath;
  if (folder && /^https?:\/\//i.test(folder)) return `${folder.replace(/\/?$/, '/')}${modelId}/speaker_embeddings.bin`;
  return hubUrl;
}

/** A transformers.js RawImage from an `Image` value (RGBA8). */
export async function toRawImage(img: Extract<Value, { type: 'Image' }>) {
  const { RawImage } = await import('@huggingface/transformers');
  return new RawImage(new Uint8ClampedArray(img.pixels), img.width, img.height, 4);
}

/** An `Image` value (RGBA8) from a RawImage with 1, 3 or 4 channels. */
export function fromRawImage(raw: {
  data: ArrayLike<number>;
  width: number;
  height: number;
  channels: number;
}): Extract<Value, { type: 'Image' }> {
  const { width, height, channels, data } = raw;
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const src = i * channels;
    const r = data[src];
    pixels[i * 4] = r;
    pixels[i * 4 + 1] = channels >= 3 ? data[src + 1] : r;
    pixels[i * 4 + 2] = channels >= 3 ? data[src + 2] : r;
    pixels[i * 4 + 3] = channels === 4 ? data[src + 3] : 255;
  }
  return { type: 'Image', width, height, pixels };
}

/** Mono float samples at `rate` Hz (channels averaged, linear resampling), as speech models expect. */
export function monoAt(audio: Extract<Value, { type: 'Audio' }>, rate: number): Float32Array {
  const n = audio.channels[0]?.length ?? 0;
  const mono = new Float32Array(n);
  for (const ch of audio.channels) for (let i = 0; i < n; i++) mono[i] += ch[i] / audio.channels.length;
  if (audio.sampleRate === rate) return mono;
  const out = new Float32Array(Math.floor((n * rate) / audio.sampleRate));
  const step = audio.sampleRate / rate;
  for (let i = 0; i < out.length; i++) {
    const x = i * step;
    const i0 = Math.floor(x);
    const t = x - i0;
    out[i] = mono[i0] * (1 - t) + (mono[Math.min(i0 + 1, n - 1)] ?? 0) * t;
  }
  return out;
}

export function modelParam(params: Record<string, ParamValue>, fallback: string): string {
  return optionalParamOf(params, 'model', 'string')?.trim() || fallback;
}
