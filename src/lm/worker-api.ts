/**
 * The language model's methods in the GPU worker (spread into workers/gpu.worker.ts). The model's files arrive as
 * bytes (downloaded or picked on the page side, transferred), are parsed and checked here, off the main thread.
 * Every call returns an `Outcome`; a bad file or prompt leaves the worker usable.
 *
 * Example (page side):
 *   const r = await gpuWorker().lmLoad(files, { capacity: 1024 });         // { ok, value: LmInfo }
 *   const g = await gpuWorker().lmGenerate({ prompt: 'k3 v7 Q k3', maxNewTokens: 1 }, Comlink.proxy(onToken));
 *   await gpuWorker().lmCancel();
 */
import type { GpuContextGetter as ContextGetter } from '../gpu/context';
import { outcome, type Outcome } from '../worker/outcome';
import { estimateEnergy, powerClassFor, reportGpuJob } from '../energy';
import { parameterCount, parseConfig, type LmConfig } from './config';
import { downloadModel, type DownloadProgress } from './hub';
import { LM_CACHE_NAME } from '../llm/model-cache';
import { loadModelFiles, type ModelFiles } from './load';
import { checkFits, gpuFootprint, LmInputError, LmModel, type DecodeMethod, type PrefillMethod } from './model';
import { generateGreedy } from './generate';
import type { LmTokenizer } from './tokenizer';
import { runLab, type LabOptions, type LabResult } from './lab';
import { recallVocab } from './recall-task';

export interface LmInfo {
  config: LmConfig;
  parameters: number;
  gpuBytes: number;
  capacity: number;
}

export interface LmGenerateRequest {
  /** Text (needs the model's tokenizer) or token ids. */
  prompt: string | number[];
  maxNewTokens: number;
  prefill?: PrefillMethod;
  decode?: DecodeMethod;
}

export interface LmGeneration {
  tokens: number[];
  text?: string;
  promptTokens: number;
  prefillMs: number;
  decodeMs: number;
  /** 0 when only the prefill's token was generated. */
  decodeTokPerS: number;
  /** Estimated from the measured time and this GPU's power band (src/energy). */
  joulesPerToken: number;
  prefillDensity: number;
}

export function lmWorkerApi(getContext: ContextGetter) {
  let loaded: { model: LmModel; tokenizer?: LmTokenizer } | undefined;
  let abort: AbortController | undefined;

  const CAPACITY = 1024;
  async function load(files: ModelFiles, capacity?: number): Promise<LmInfo> {
    loaded?.model.destroy();
    loaded = undefined;
    const { config, weights, tokenizer } = loadModelFiles(files);
    const model = await LmModel.load(getContext(), config, weights, { capacity: Math.min(capacity ?? CAPACITY, config.maxPositions) });
    loaded = { model, tokenizer };
    return {
      config,
      parameters: parameterCount(config),
      gpuBytes: gpuFootprint(config, model.capacity).totalBytes,
      capacity: model.capacity,
    };
  }

  return {
    /**
     * Downloads a model from the hub (Cache Storage 'lm-models' where the worker has it), refusing it after
     * config.json when it cannot fit this GPU, then loads it. lmCancel() stops the download; calling again resumes.
     */
    lmLoadHub(
      id: string,
      opts: { host?: string; capacity?: number; confirmAboveBytes?: number } = {},
      onProgress?: (p: DownloadProgress) => void,
    ): Promise<Outcome<LmInfo>> {
      return outcome(async () => {
        abort = new AbortController();
        const cache = typeof caches !== 'undefined' ? await caches.open(LM_CACHE_NAME) : undefined;
        const limits = getContext().device.limits;
        const files = await downloadModel(id, {
          host: opts.host,
          cache,
          signal: abort.signal,
          onProgress,
          confirmAboveBytes: opts.confirmAboveBytes,
          beforeWeights: (config) => {
            const cfg = parseConfig(config);
            checkFits(cfg, Math.min(opts.capacity ?? CAPACITY, cfg.maxPositions), {
              maxStorageBufferBindingSize: Number(limits.maxStorageBufferBindingSize),
              maxBufferSize: Number(limits.maxBufferSize),
            });
          },
        });
        return load(files, opts.capacity);
      });
    },

    lmLoad(files: ModelFiles, opts: { capacity?: number } = {}): Promise<Outcome<LmInfo>> {
      return outcome(async () => load(files, opts.capacity));
    },

    lmGenerate(req: LmGenerateRequest, onToken?: (token: number, text?: string) => void): Promise<Outcome<LmGeneration>> {
      return outcome(async () => {
        if (!loaded) throw new LmInputError('no model loaded');
        const { model, tokenizer } = loaded;
        let ids: number[];
        if (typeof req.prompt === 'string') {
          if (!tokenizer) throw new LmInputError('this model has no tokenizer.json: give token ids');
          ids = tokenizer.encode(req.prompt);
        } else ids = req.prompt;
        abort = new AbortController();
        const gen = await generateGreedy(model, ids, {
          maxNewTokens: req.maxNewTokens,
          eos: tokenizer?.eos,
          prefill: req.prefill,
          decode: req.decode,
          signal: abort.signal,
          onToken: (t) => onToken?.(t, tokenizer?.decode([t])),
        });
        const ctx = getContext();
        const ms = gen.prefillMs + gen.decodeMs;
        reportGpuJob({ feature: 'lm', job: `generate ${gen.tokens.length} tokens`, gpuMs: ms, source: 'wall' });
        const energy = estimateEnergy({ gpuMs: ms, powerClass: powerClassFor(ctx.summary) });
        const steps = gen.tokens.length - 1; // the first token comes from prefill
        return {
          tokens: gen.tokens,
          text: tokenizer?.decode(gen.tokens),
          promptTokens: ids.length,
          prefillMs: gen.prefillMs,
          decodeMs: gen.decodeMs,
          decodeTokPerS: steps > 0 ? (steps / gen.decodeMs) * 1000 : 0,
          joulesPerToken: energy.joules / gen.tokens.length,
          prefillDensity: gen.prefillDensity,
        };
      });
    },

    /**
     * The Sparse Frontier experiment on the loaded recall model: accuracy against compression, prefill patterns and
     * Quest decode. Progress per (phase, method, compression, length); lmCancel() stops between them.
     */
    lmLab(
      opts: Omit<LabOptions, 'onProgress' | 'signal'>,
      onProgress?: (done: number, total: number, last?: LabResult) => void,
    ): Promise<Outcome<LabResult[]>> {
      return outcome(async () => {
        if (!loaded?.tokenizer) throw new LmInputError('load a recall model with its tokenizer first');
        const vocab = recallVocab(loaded.tokenizer.vocab);
        const longest = Math.max(...opts.lengths);
        if (longest > loaded.model.capacity)
          throw new LmInputError(`length ${longest} exceeds the KV cache of ${loaded.model.capacity} tokens`);
        abort = new AbortController();
        return runLab(loaded.model, vocab, { ...opts, onProgress, signal: abort.signal });
      });
    },

    /** Stops a running generation after its current step, or a hub download (a later lmLoadHub resumes it). */
    lmCancel(): void {
      abort?.abort();
    },

    lmUnload(): void {
      loaded?.model.destroy();
      loaded = undefined;
    },
  };
}
