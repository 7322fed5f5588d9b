/**
 * The LLM worker: runs transformers.js text generation off the main thread (WebGPU when the page asks for it,
 * otherwise wasm). One engine per model/device/dtype, kept while the page lives. Exposed with comlink; see
 * `src/llm/transformers-backend.ts` for the main-thread side.
 */
import * as Comlink from 'comlink';
// onnxruntime-web's wasm files (the app's one copy), served by this app so no CDN is ever contacted.
import { ORT_WASM } from '../src/llm/ort-wasm';
import { outcome, type Outcome } from '../src/worker/outcome';
import type { ChatMessage, LoadProgress } from '../src/llm/types';
import { TransformersEngine, configKey, type ChatResult, type GenerateOptions, type TransformersConfig } from '../src/llm/transformers-engine';

const engines = new Map<string, TransformersEngine>();

function engineFor(config: TransformersConfig): TransformersEngine {
  const full: TransformersConfig = { ...config, wasmPaths: { mjs: new URL(ORT_WASM.mjs, self.location.href).href, wasm: new URL(ORT_WASM.wasm, self.location.href).href } };
  const key = configKey(full);
  let engine = engines.get(key);
  if (!engine) engines.set(key, (engine = new TransformersEngine(full)));
  return engine;
}

const api = {
  async load(config: TransformersConfig, onProgress: (p: LoadProgress) => void): Promise<Outcome<void>> {
    return outcome(async () => {
      await engineFor(config).load((p) => void onProgress(p));
    });
  },

  async chat(config: TransformersConfig, messages: ChatMessage[], opts: GenerateOptions, onToken?: (t: string) => void): Promise<Outcome<ChatResult>> {
    return outcome(() => engineFor(config).chat(messages, opts, onToken ? (t) => void onToken(t) : undefined));
  },
};

export type LlmWorkerApi = typeof api;

Comlink.expose(api);
