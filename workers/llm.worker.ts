/**
 * The LLM worker: runs transformers.js text generation off the main thread (WebGPU when the page asks for it,
 * otherwise wasm; a failed WebGPU session falls back to wasm). One engine per model/device/dtype, kept while the
 * page lives. Loads can be measured first (`probe`), refused above a size limit, and cancelled by id. Exposed with
 * comlink; see `src/llm/transformers-backend.ts` for the main-thread side.
 */
import * as Comlink from 'comlink';
// onnxruntime-web's wasm files (the app's one copy), served by this app so no CDN is ever contacted.
import { ORT_WASM } from '../src/llm/ort-wasm';
import { outcome, type Outcome } from '../src/worker/outcome';
import type { ChatMessage, LoadProgress } from '../src/llm/types';
import { constraintFor, type GrammarSpec } from '../src/llm/constrained-decoding';
// The grammars this worker decodes under (the workflow planner's A-Language programs).
import { PLANNER_GRAMMARS } from '../src/workflow/planner/constrained';
import { forgetModel, loadedModelsIn, probeModel, type DownloadPlan } from '../src/llm/model-loader';
import {
  TransformersEngine,
  configKey,
  type ChatResult,
  type GenerateOptions,
  type TransformersConfig,
} from '../src/llm/transformers-engine';

const engines = new Map<string, TransformersEngine>();
const loads = new Map<string, AbortController>();

const withWasm = (config: TransformersConfig): TransformersConfig => ({
  ...config,
  wasmPaths: { mjs: new URL(ORT_WASM.mjs, self.location.href).href, wasm: new URL(ORT_WASM.wasm, self.location.href).href },
});

function engineFor(config: TransformersConfig): TransformersEngine {
  const full = withWasm(config);
  const key = configKey(full);
  let engine = engines.get(key);
  if (!engine) engines.set(key, (engine = new TransformersEngine(full)));
  return engine;
}

export interface LoadRequest {
  /** Lets `cancel(id)` stop this load's downloads. */
  id?: string;
  /** Refuse (error kind 'confirm') above this many bytes to download. */
  confirmAboveBytes?: number;
}

const api = {
  /** Which files, how many bytes and where they will be cached — before any weights are fetched. */
  async probe(config: TransformersConfig): Promise<Outcome<DownloadPlan>> {
    return outcome(() => probeModel({ ...withWasm(config), task: 'text-generation' }));
  },

  async load(
    config: TransformersConfig,
    onProgress: (p: LoadProgress) => void,
    req: LoadRequest = {},
    onStatus?: (message: string) => void,
  ): Promise<Outcome<{ device: string; dtype: string; note?: string }>> {
    const controller = new AbortController();
    if (req.id) loads.set(req.id, controller);
    try {
      return await outcome(async () => {
        const engine = engineFor(config);
        await engine.load((p) => void onProgress(p), {
          signal: controller.signal,
          confirmAboveBytes: req.confirmAboveBytes,
          onStatus: onStatus ? (s) => void onStatus(s) : undefined,
        });
        return engine.loaded!;
      });
    } finally {
      if (req.id) loads.delete(req.id);
    }
  },

  /** The Models panel deleted these cached files: drop the engines and pipelines of their models. */
  forgetModels(urls: string[]): void {
    for (const id of loadedModelsIn(urls)) {
      forgetModel(id);
      for (const [key, engine] of engines) if (engine.config.modelId === id) engines.delete(key);
    }
  },

  cancel(id: string): void {
    loads.get(id)?.abort();
  },

  async chat(
    config: TransformersConfig,
    messages: ChatMessage[],
    opts: GenerateOptions,
    onToken?: (t: string) => void,
    grammar?: GrammarSpec,
  ): Promise<Outcome<ChatResult>> {
    return outcome(() => {
      const constraint = grammar ? constraintFor(grammar, PLANNER_GRAMMARS) : undefined;
      return engineFor(config).chat(messages, opts, onToken ? (t) => void onToken(t) : undefined, constraint);
    });
  },
};

export type LlmWorkerApi = typeof api;

Comlink.expose(api);
