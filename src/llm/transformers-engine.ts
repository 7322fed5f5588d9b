/**
 * Chat with a small instruct model through @huggingface/transformers (text-generation + the model's chat
 * template). Framework-free: it runs inside `workers/llm.worker.ts` in the browser (WebGPU or wasm) and
 * directly in Node (onnxruntime-node, device 'cpu') for tests. Loaded pipelines are kept per model/device/dtype.
 *
 * Example (Node):
 *   const engine = new TransformersEngine({ modelId: 'tiny-random-chat', device: 'cpu', dtype: 'fp32', localModelPath: '/tmp/models/' });
 *   await engine.load((p) => console.log(p.fraction));
 *   const text = await engine.chat([{ role: 'user', content: 'hi' }], { maxTokens: 8 }, (t) => process.stdout.write(t));
 */
import { TextStreamer, type TextGenerationPipeline } from '@huggingface/transformers';
import { loadModel } from './model-loader';
import type { ChatMessage, LoadProgress } from './types';

export type TransformersDevice = 'webgpu' | 'wasm' | 'cpu' | 'auto';

export interface TransformersConfig {
  /** A Hugging Face model id (e.g. `HuggingFaceTB/SmolLM2-135M-Instruct`) or a folder name under localModelPath. */
  modelId: string;
  device: TransformersDevice;
  /** 'fp32', 'fp16', 'q8', 'q4', 'q4f16' …; omitted or '': the catalogue's choice for the device (src/llm/catalogue.ts). */
  dtype?: string;
  /**
   * Load only from this folder or URL (no Hugging Face hub): `env.localModelPath = …; env.allowRemoteModels = false`.
   * Omitted: download from the hub into the browser cache.
   */
  localModelPath?: string;
  /** URLs of onnxruntime-web's wasm factory and binary, served by this app (never a CDN). Browser only. */
  wasmPaths?: { mjs: string; wasm: string };
}

export interface GenerateOptions {
  maxTokens?: number;
  temperature?: number;
}

export interface ChatResult {
  text: string;
  /** Number of new tokens generated. */
  tokens: number;
}

export { DEFAULT_MODEL_ID } from './defaults';

export function configKey(c: TransformersConfig): string {
  return `${c.localModelPath ?? 'hub'}|${c.modelId}|${c.device}|${c.dtype ?? 'auto'}`;
}

export interface EngineLoadOptions {
  signal?: AbortSignal;
  onStatus?: (message: string) => void;
  /** Refuse (LlmError 'confirm') above this many bytes to download. */
  confirmAboveBytes?: number;
}

export class TransformersEngine {
  private generator: Promise<TextGenerationPipeline> | undefined;
  /** Where and how the model actually runs, once loaded (after any fallback). */
  loaded: { device: string; dtype: string; note?: string } | undefined;

  constructor(readonly config: TransformersConfig) {}

  /** Downloads (or reads from the browser cache) and compiles the model; progress ends at fraction 1. */
  load(onProgress: (p: LoadProgress) => void = () => {}, opts: EngineLoadOptions = {}): Promise<TextGenerationPipeline> {
    this.generator ??= (async () => {
      try {
        const m = await loadModel({ ...this.config, task: 'text-generation' }, { ...opts, onProgress });
        this.loaded = { device: m.device, dtype: m.dtype, note: m.note };
        return m.pipeline as unknown as TextGenerationPipeline;
      } catch (e) {
        this.generator = undefined; // a failed load can be retried (e.g. after fixing the model id)
        throw e;
      }
    })();
    return this.generator;
  }

  async chat(messages: ChatMessage[], opts: GenerateOptions = {}, onToken?: (text: string) => void): Promise<ChatResult> {
    const generator = await this.load();
    let tokens = 0;
    const streamer = new TextStreamer(generator.tokenizer, {
      skip_prompt: true,
      skip_special_tokens: true,
      callback_function: (t: string) => onToken?.(t),
      token_callback_function: () => void tokens++,
    });
    const temperature = opts.temperature ?? 0;
    const out = (await generator(messages, {
      max_new_tokens: opts.maxTokens ?? 256,
      do_sample: temperature > 0,
      ...(temperature > 0 ? { temperature } : {}),
      streamer,
    })) as unknown as { generated_text: ChatMessage[] | string }[];
    const generated = out[0]?.generated_text;
    const text = Array.isArray(generated) ? (generated.at(-1)?.content ?? '') : String(generated ?? '');
    return { text, tokens };
  }

  async dispose(): Promise<void> {
    const g = await this.generator?.catch(() => undefined);
    this.generator = undefined;
    await g?.dispose();
  }
}
