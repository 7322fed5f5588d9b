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
import { env, pipeline, TextStreamer, type TextGenerationPipeline } from '@huggingface/transformers';
import { LlmError } from './errors';
import { progressTracker } from './progress';
import type { ChatMessage, LoadProgress } from './types';

export type TransformersDevice = 'webgpu' | 'wasm' | 'cpu';

export interface TransformersConfig {
  /** A Hugging Face model id (e.g. `HuggingFaceTB/SmolLM2-135M-Instruct`) or a folder name under localModelPath. */
  modelId: string;
  device: TransformersDevice;
  /** 'fp32', 'fp16', 'q8', 'q4', 'q4f16' …; the model's own default when omitted. */
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

const HUB = { remoteHost: env.remoteHost, remotePathTemplate: env.remotePathTemplate };

function applyEnv(c: TransformersConfig): void {
  const folder = c.localModelPath ? (c.localModelPath.endsWith('/') ? c.localModelPath : `${c.localModelPath}/`) : undefined;
  env.remoteHost = HUB.remoteHost;
  env.remotePathTemplate = HUB.remotePathTemplate;
  if (folder && /^https?:\/\//i.test(folder)) {
    // A model folder on a web server: transformers.js only probes local paths that are not URLs, so a URL folder
    // is used as the "remote host" instead, laid out as <folder>/<modelId>/<file>. Nothing else is contacted.
    env.remoteHost = folder;
    env.remotePathTemplate = '{model}/';
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
  } else if (folder) {
    env.localModelPath = folder;
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
  } else {
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
  }
  const wasm = env.backends.onnx.wasm;
  if (c.wasmPaths && wasm) wasm.wasmPaths = { ...c.wasmPaths };
}

export class TransformersEngine {
  private generator: Promise<TextGenerationPipeline> | undefined;

  constructor(readonly config: TransformersConfig) {}

  /** Downloads (or reads from the browser cache) and compiles the model; progress ends at fraction 1. */
  load(onProgress: (p: LoadProgress) => void = () => {}): Promise<TextGenerationPipeline> {
    this.generator ??= (async () => {
      applyEnv(this.config);
      try {
        const opts: Record<string, unknown> = { device: this.config.device, progress_callback: progressTracker(onProgress) };
        if (this.config.dtype) opts.dtype = this.config.dtype;
        return (await pipeline('text-generation', this.config.modelId, opts)) as TextGenerationPipeline;
      } catch (e) {
        this.generator = undefined; // a failed load can be retried (e.g. after fixing the model id)
        const where = this.config.localModelPath ? ` from ${this.config.localModelPath}` : ' from the Hugging Face hub';
        throw new LlmError('model', `Could not load ${this.config.modelId} (${this.config.device}${this.config.dtype ? `, ${this.config.dtype}` : ''})${where}: ${e instanceof Error ? e.message : String(e)}`);
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
