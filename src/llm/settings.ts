/**
 * LLM settings (which backend, endpoint URL, key, model ids), kept only in this browser's localStorage.
 * Nothing here is sent anywhere; the key travels only inside requests to the endpoint the user entered.
 *
 * Example:
 *   const s = loadLlmSettings();            // defaults when nothing is stored or storage is unavailable
 *   saveLlmSettings({ ...s, openai: { ...s.openai, baseUrl: 'http://127.0.0.1:8080/v1' } });
 *   const llm = backendFromSettings(s, { onProgress: (p) => … });
 */
import { openAiCompatible } from './openai';
import { transformersBackend } from './transformers-backend';
import { DEFAULT_MODEL_ID } from './defaults';
import type { LlmBackend, LoadProgress } from './types';

export interface LlmSettings {
  /** Which LLM backend to use when a feature asks for one. */
  kind: 'transformers' | 'openai';
  openai: { baseUrl: string; apiKey: string; model: string };
  transformers: {
    modelId: string;
    device: 'auto' | 'webgpu' | 'wasm';
    /** '' = the model's default. */
    dtype: string;
    /** '' = the Hugging Face hub; otherwise a folder/URL holding `<modelId>/…` (self-hosted models). */
    localModelPath: string;
  };
}

export const STORAGE_KEY = 'webgpu-playground.llm-settings';

export const DEFAULT_LLM_SETTINGS: LlmSettings = {
  kind: 'transformers',
  openai: { baseUrl: 'https://api.openai.com/v1', apiKey: '', model: 'gpt-4o-mini' },
  transformers: { modelId: DEFAULT_MODEL_ID, device: 'auto', dtype: 'q4f16', localModelPath: '' },
};

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // e.g. storage disabled for this site
  }
}

export function loadLlmSettings(store: Storage | undefined = storage()): LlmSettings {
  try {
    const raw = store?.getItem(STORAGE_KEY);
    if (!raw) return structuredClone(DEFAULT_LLM_SETTINGS);
    const s = JSON.parse(raw) as Partial<LlmSettings>;
    return {
      kind: s.kind === 'openai' ? 'openai' : 'transformers',
      openai: { ...DEFAULT_LLM_SETTINGS.openai, ...s.openai },
      transformers: { ...DEFAULT_LLM_SETTINGS.transformers, ...s.transformers },
    };
  } catch {
    return structuredClone(DEFAULT_LLM_SETTINGS);
  }
}

export function saveLlmSettings(s: LlmSettings, store: Storage | undefined = storage()): void {
  store?.setItem(STORAGE_KEY, JSON.stringify(s));
}

/** The backend the settings describe; 'auto' picks WebGPU when `hasWebGpu`. */
export function backendFromSettings(
  s: LlmSettings,
  opts: { hasWebGpu?: boolean; onProgress?: (p: LoadProgress) => void } = {},
): LlmBackend & { load?: () => Promise<void> } {
  if (s.kind === 'openai') return openAiCompatible({ baseUrl: s.openai.baseUrl, apiKey: s.openai.apiKey || undefined, model: s.openai.model });
  const t = s.transformers;
  const device = t.device === 'auto' ? (opts.hasWebGpu ? 'webgpu' : 'wasm') : t.device;
  return transformersBackend({
    modelId: t.modelId,
    device,
    // q4f16 needs WebGPU's shader-f16; on wasm fall back to 8-bit weights.
    dtype: t.dtype ? (device === 'wasm' && t.dtype.includes('f16') ? 'q8' : t.dtype) : undefined,
    localModelPath: t.localModelPath || undefined,
    onProgress: opts.onProgress,
  });
}
