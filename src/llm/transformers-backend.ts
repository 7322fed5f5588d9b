/**
 * The in-browser LLM backend: a small instruct model run by transformers.js in `workers/llm.worker.ts`
 * (WebGPU when the browser has an adapter, else wasm). Weights download once, with progress, into the
 * browser's Cache Storage (`transformers-cache`), and load from there on later visits.
 *
 * Example:
 *   const llm = transformersBackend({ modelId: 'onnx-community/Qwen2.5-0.5B-Instruct', device: await preferredDevice(),
 *                                     onProgress: (p) => (bar.value = p.fraction) });
 *   await llm.load();
 *   const text = await llm.chat([{ role: 'user', content: 'Say hi' }], { maxTokens: 32, onToken: show });
 */
import * as Comlink from 'comlink';
import type { LlmWorkerApi } from '../../workers/llm.worker';
import { workerClient } from '../worker/client';
import { LlmError } from './errors';
import type { TransformersConfig } from './transformers-engine';
import type { ChatMessage, ChatOptions, LlmBackend, LoadProgress } from './types';

export interface TransformersBackendOptions {
  modelId: string;
  device: 'webgpu' | 'wasm';
  dtype?: string;
  /** Load from this folder/URL instead of the Hugging Face hub (self-hosted models, tests). */
  localModelPath?: string;
  onProgress?: (p: LoadProgress) => void;
}

export interface TransformersBackend extends LlmBackend {
  /** Downloads/compiles the model now (chat() also loads it on first use). */
  load(): Promise<void>;
}

const llmWorker = workerClient<LlmWorkerApi>(
  () => new Worker(new URL('../../workers/llm.worker.ts', import.meta.url), { type: 'module', name: 'llm' }),
  { name: 'model worker' },
);

/** 'webgpu' when this browser finds a WebGPU adapter, else 'wasm'. */
export async function preferredDevice(): Promise<'webgpu' | 'wasm'> {
  try {
    return (await navigator.gpu?.requestAdapter()) ? 'webgpu' : 'wasm';
  } catch {
    return 'wasm';
  }
}

export function transformersBackend(options: TransformersBackendOptions): TransformersBackend {
  const config: TransformersConfig = {
    modelId: options.modelId,
    device: options.device,
    dtype: options.dtype,
    localModelPath: options.localModelPath,
  };
  // Callbacks return nothing: their return value would travel back to the worker (and may not be cloneable).
  const onProgress = Comlink.proxy((p: LoadProgress) => void options.onProgress?.(p));
  let loading: Promise<void> | undefined;
  const load = () => {
    loading ??= llmWorker()
      .load(config, onProgress)
      .then((r) => {
        if (!r.ok) {
          loading = undefined;
          throw new LlmError('model', r.error.message);
        }
      });
    return loading;
  };
  return {
    id: `transformers:${options.modelId}`,
    label: `${options.modelId} in this browser (${options.device})`,
    load,
    async chat(messages: ChatMessage[], opts: ChatOptions = {}): Promise<string> {
      await load();
      if (opts.signal?.aborted) throw new LlmError('aborted', 'The request was cancelled');
      const tokenCallback = opts.onToken;
      const onToken = tokenCallback ? Comlink.proxy((t: string) => void tokenCallback(t)) : undefined;
      const run = llmWorker().chat(config, messages, { maxTokens: opts.maxTokens, temperature: opts.temperature }, onToken);
      // Generation in the worker runs to its token limit; a cancel stops waiting for it.
      const aborted = new Promise<never>((_, reject) =>
        opts.signal?.addEventListener('abort', () => reject(new LlmError('aborted', 'The request was cancelled')), { once: true }),
      );
      const r = await Promise.race([run, aborted]);
      if (!r.ok) throw new LlmError('model', r.error.message);
      return r.value.text;
    },
  };
}
