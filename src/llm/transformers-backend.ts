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
import { LlmError, type LlmErrorKind } from './errors';
import type { DownloadPlan } from './model-loader';
import type { WorkerError } from '../worker/outcome';
import type { TransformersConfig } from './transformers-engine';
import type { ChatMessage, ChatOptions, LlmBackend, LoadProgress } from './types';

export interface TransformersBackendOptions {
  modelId: string;
  /** 'auto': the worker picks WebGPU when it finds an adapter, else wasm. */
  device: 'webgpu' | 'wasm' | 'auto';
  dtype?: string;
  /** Load from this folder/URL instead of the Hugging Face hub (self-hosted models, tests). */
  localModelPath?: string;
  onProgress?: (p: LoadProgress) => void;
  /** Where the model ended up running and why ("WebGPU session failed …: running on wasm (q8)"). */
  onStatus?: (message: string) => void;
}

export interface TransformersBackend extends LlmBackend {
  /** Downloads/compiles the model now (chat() also loads it on first use); above `confirmAboveBytes` it refuses (kind 'confirm'). */
  load(opts?: { confirmAboveBytes?: number }): Promise<void>;
  /** The files, bytes to download and where they will be cached, before any weights are fetched. */
  probe(): Promise<DownloadPlan>;
  /** Stops a download in progress (the load fails with kind 'aborted'; load() again retries). */
  cancelLoad(): void;
}

/** An LlmError from a worker's error, keeping its kind. */
export function llmErrorOf(e: WorkerError): LlmError {
  const kinds: LlmErrorKind[] = ['http', 'network', 'malformed', 'aborted', 'model', 'not-found', 'gated', 'confirm'];
  return new LlmError(kinds.includes(e.kind as LlmErrorKind) ? (e.kind as LlmErrorKind) : 'model', e.message);
}

let loadCount = 0;

let llmWorkerStarted = false;
const llmWorker = workerClient<LlmWorkerApi>(
  () => {
    llmWorkerStarted = true;
    return new Worker(new URL('../../workers/llm.worker.ts', import.meta.url), { type: 'module', name: 'llm' });
  },
  { name: 'model worker' },
);

/** After the Models panel deleted these cached files: the LLM worker (if it runs) drops the models they belong to. */
export async function forgetLoadedModels(urls: string[]): Promise<void> {
  if (llmWorkerStarted) await llmWorker().forgetModels(urls);
}

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
  const onStatus = Comlink.proxy((m: string) => void options.onStatus?.(m));
  let loading: Promise<void> | undefined;
  let loadId = '';
  const load = (opts: { confirmAboveBytes?: number } = {}) => {
    loadId = `load-${++loadCount}`;
    loading ??= llmWorker()
      .load(config, onProgress, { id: loadId, confirmAboveBytes: opts.confirmAboveBytes }, onStatus)
      .then((r) => {
        if (!r.ok) {
          loading = undefined;
          throw llmErrorOf(r.error);
        }
        if (r.value.note) options.onStatus?.(r.value.note);
      });
    return loading;
  };
  return {
    id: `transformers:${options.modelId}`,
    label: `${options.modelId} in this browser (${options.device})`,
    // The LLM worker decodes under the workflow planner's grammar (workers/llm.worker.ts).
    grammar: true,
    load,
    async probe() {
      const r = await llmWorker().probe(config);
      if (!r.ok) throw llmErrorOf(r.error);
      return r.value;
    },
    cancelLoad() {
      void llmWorker().cancel(loadId);
    },
    async chat(messages: ChatMessage[], opts: ChatOptions = {}): Promise<string> {
      await load();
      if (opts.signal?.aborted) throw new LlmError('aborted', 'The request was cancelled');
      const tokenCallback = opts.onToken;
      const onToken = tokenCallback ? Comlink.proxy((t: string) => void tokenCallback(t)) : undefined;
      const gen = { maxTokens: opts.maxTokens, temperature: opts.temperature, seed: opts.seed };
      const run = llmWorker().chat(config, messages, gen, onToken, opts.grammar);
      // Generation in the worker runs to its token limit; a cancel stops waiting for it.
      const aborted = new Promise<never>((_, reject) =>
        opts.signal?.addEventListener('abort', () => reject(new LlmError('aborted', 'The request was cancelled')), { once: true }),
      );
      const r = await Promise.race([run, aborted]);
      if (!r.ok) throw llmErrorOf(r.error);
      return r.value.text;
    },
  };
}
