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
import type { RunContext, Value } from '../../lang/types';
import { progressTracker } from '../../../llm/progress';
// onnxruntime-web's wasm files (the app's one copy), served by this app (never a CDN).
import { ORT_WASM } from '../../../llm/ort-wasm';

export interface ModelRuntimeConfig {
  /** Default: 'webgpu' when the worker finds an adapter, else 'wasm' (browser); 'cpu' in Node. */
  device?: 'webgpu' | 'wasm' | 'cpu';
  /** Load models from this folder/URL only (no hub). */
  localModelPath?: string;
  /** onnxruntime-web wasm files; default: the copies this app bundles. */
  wasmPaths?: { mjs: string; wasm: string };
}

let config: ModelRuntimeConfig = {};
const pipelines = new Map<string, Promise<unknown>>();
/** transformers.js's own hub settings, restored when no model folder is configured. */
let hub: { remoteHost: string; remotePathTemplate: string } | undefined;

export function configureModels(c: ModelRuntimeConfig): void {
  config = { ...config, ...c };
  pipelines.clear();
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined' && typeof self === 'undefined';

async function pickDevice(): Promise<'webgpu' | 'wasm' | 'cpu'> {
  if (config.device) return config.device;
  if (isNode) return 'cpu';
  try {
    return (await navigator.gpu?.requestAdapter()) ? 'webgpu' : 'wasm';
  } catch {
    return 'wasm';
  }
}

/** A transformers.js pipeline (typed loosely: each function knows the call shape of its task). */
export type AnyPipeline = ((...args: unknown[]) => Promise<unknown>) & { tokenizer?: unknown };

export async function loadPipeline(task: string, modelId: string, dtype: string | undefined, ctx: RunContext): Promise<AnyPipeline> {
  const device = await pickDevice();
  const key = `${config.localModelPath ?? 'hub'}|${task}|${modelId}|${device}|${dtype ?? 'auto'}`;
  let p = pipelines.get(key);
  if (!p) {
    p = (async () => {
      const tf = await import('@huggingface/transformers');
      hub ??= { remoteHost: tf.env.remoteHost, remotePathTemplate: tf.env.remotePathTemplate };
      tf.env.remoteHost = hub.remoteHost;
      tf.env.remotePathTemplate = hub.remotePathTemplate;
      const folder = config.localModelPath ? (config.localModelPath.endsWith('/') ? config.localModelPath : `${config.localModelPath}/`) : undefined;
      if (folder && /^https?:\/\//i.test(folder)) {
        // A URL folder serves <folder>/<modelId>/<file> as the "remote host" (transformers.js never probes URL local paths).
        tf.env.remoteHost = folder;
        tf.env.remotePathTemplate = '{model}/';
        tf.env.allowLocalModels = false;
        tf.env.allowRemoteModels = true;
      } else if (folder) {
        tf.env.localModelPath = folder;
        tf.env.allowLocalModels = true;
        tf.env.allowRemoteModels = false;
      } else {
        tf.env.allowLocalModels = false;
        tf.env.allowRemoteModels = true;
      }
      const base = typeof location !== 'undefined' ? location.href : undefined;
      const wasmPaths = config.wasmPaths ?? (!isNode && base ? { mjs: new URL(ORT_WASM.mjs, base).href, wasm: new URL(ORT_WASM.wasm, base).href } : undefined);
      if (wasmPaths && tf.env.backends.onnx.wasm) tf.env.backends.onnx.wasm.wasmPaths = { ...wasmPaths };
      const track = progressTracker((lp) => ctx.progress(lp.fraction * 0.9, `loading ${modelId}: ${Math.round(lp.fraction * 100)}%`));
      const opts: Record<string, unknown> = { device, progress_callback: track };
      if (dtype) opts.dtype = dtype;
      try {
        return await tf.pipeline(task as never, modelId, opts as never);
      } catch (e) {
        throw new Error(`could not load model ${modelId} for ${task} (${device}): ${e instanceof Error ? e.message : String(e)}`);
      }
    })();
    pipelines.set(key, p);
    p.catch(() => pipelines.delete(key));
  }
  return (await p) as AnyPipeline;
}

/** A transformers.js RawImage from an `Image` value (RGBA8). */
export async function toRawImage(img: Extract<Value, { type: 'Image' }>) {
  const { RawImage } = await import('@huggingface/transformers');
  return new RawImage(new Uint8ClampedArray(img.pixels), img.width, img.height, 4);
}

/** An `Image` value (RGBA8) from a RawImage with 1, 3 or 4 channels. */
export function fromRawImage(raw: { data: ArrayLike<number>; width: number; height: number; channels: number }): Extract<Value, { type: 'Image' }> {
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

export function modelParam(params: Record<string, unknown>, fallback: string): string {
  const m = params.model;
  return typeof m === 'string' && m.trim() ? m.trim() : fallback;
}
