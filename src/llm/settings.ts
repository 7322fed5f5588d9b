/**
 * LLM settings (which backend, endpoint URL, key, model ids), kept only in this browser. Nothing here is sent
 * anywhere; the key travels only inside requests to the endpoint the user entered.
 *
 * The endpoint key is a secret and is kept apart from the other settings: by default only for this session
 * (sessionStorage: gone when the tab closes, never visible to other tabs), or, when the user opts in, on this
 * device (localStorage: readable by every page of this origin — on a shared static host that can be other
 * people's pages under the same origin). `forgetApiKey` removes it from both. Settings written by older builds
 * with the key inside are moved: the key to this session, the rest stays.
 *
 * Example:
 *   const s = loadLlmSettings();            // defaults when nothing is stored or storage is unavailable
 *   saveLlmSettings({ ...s, openai: { ...s.openai, baseUrl: 'http://127.0.0.1:8080/v1' } });   // key: this session
 *   saveApiKey('sk-…', 'device');           // opt-in: remember on this device
 *   const llm = backendFromSettings(s, { onProgress: (p) => … });
 */
import { openAiCompatible } from './openai';
import { transformersBackend, type TransformersBackend } from './transformers-backend';
import { DEFAULT_MODEL_ID } from './defaults';
import type { LlmBackend, LoadProgress } from './types';

export interface LlmSettings {
  /** Which LLM backend to use when a feature asks for one. */
  kind: 'transformers' | 'openai';
  openai: { baseUrl: string; apiKey: string; model: string };
  transformers: {
    modelId: string;
    device: 'auto' | 'webgpu' | 'wasm';
    /** '' = the catalogue's choice for the device (src/llm/catalogue.ts): q4f16 with shader-f16, q4 without, q8 on wasm. */
    dtype: string;
    /** '' = the Hugging Face hub; otherwise a folder/URL holding `<modelId>/…` (self-hosted models). */
    localModelPath: string;
    /** Token limit of one planner answer (a positive integer); omitted: the planner's own. */
    maxTokens?: number;
  };
  /** Ask before downloading a model larger than this many megabytes (planner and workflow nodes); 0: always ask. */
  confirmAboveMB: number;
}

export const STORAGE_KEY = 'webgpu-playground.llm-settings';
/** Where the endpoint key is kept (in sessionStorage, or in localStorage when remembered on this device). */
export const KEY_STORAGE_KEY = 'webgpu-playground.llm-key';

export const DEFAULT_LLM_SETTINGS: LlmSettings = {
  kind: 'transformers',
  openai: { baseUrl: 'https://api.openai.com/v1', apiKey: '', model: 'gpt-4o-mini' },
  transformers: { modelId: DEFAULT_MODEL_ID, device: 'auto', dtype: '', localModelPath: '' },
  confirmAboveMB: 100,
};

/** 'session': this tab's session only (the default); 'device': this browser profile, until forgotten. */
export type KeyPlace = 'session' | 'device';

/** The two stores the key can live in; tests pass in-memory ones. */
export interface KeyStores {
  session: Storage | undefined;
  device: Storage | undefined;
}

function storage(kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return globalThis[kind];
  } catch {
    return undefined; // e.g. storage disabled for this site
  }
}

const browserStores = (): KeyStores => ({ session: storage('sessionStorage'), device: storage('localStorage') });

const tryGet = (store: Storage | undefined, key: string) => {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
};

/** The stored key and where it is; '' in 'session' when there is none. A key remembered on the device wins. */
export function loadApiKey(stores: KeyStores = browserStores()): { key: string; place: KeyPlace } {
  const onDevice = tryGet(stores.device, KEY_STORAGE_KEY);
  if (onDevice) return { key: onDevice, place: 'device' };
  return { key: tryGet(stores.session, KEY_STORAGE_KEY) ?? '', place: 'session' };
}

/**
 * Keeps `key` in exactly one place and removes it from the other. Returns an error message when the chosen
 * storage refuses (disabled or full); the key then lives only in memory, in the page's settings object.
 */
export function saveApiKey(key: string, place: KeyPlace, stores: KeyStores = browserStores()): string | undefined {
  const [keep, drop] = place === 'device' ? [stores.device, stores.session] : [stores.session, stores.device];
  try {
    drop?.removeItem(KEY_STORAGE_KEY);
    if (!key) keep?.removeItem(KEY_STORAGE_KEY);
    else if (keep) keep.setItem(KEY_STORAGE_KEY, key);
    else
      return `this browser has no ${place === 'device' ? 'localStorage' : 'sessionStorage'} here; the key is kept in memory until the page closes`;
  } catch (e) {
    return `the key could not be stored (${e instanceof Error ? e.message : String(e)}); it is kept in memory until the page closes`;
  }
  return undefined;
}

/** Removes the key from both stores. */
export function forgetApiKey(stores: KeyStores = browserStores()): void {
  for (const store of [stores.session, stores.device]) {
    try {
      store?.removeItem(KEY_STORAGE_KEY);
    } catch {
      // nothing stored, nothing to forget
    }
  }
}

/** The settings with the key from its own store (`stores`); `store` holds everything else. */
export function loadLlmSettings(
  store: Storage | undefined = storage('localStorage'),
  stores: KeyStores = { session: storage('sessionStorage'), device: store },
): LlmSettings {
  let s: Partial<LlmSettings> = {};
  try {
    const raw = store?.getItem(STORAGE_KEY);
    if (raw) s = JSON.parse(raw) as Partial<LlmSettings>;
  } catch {
    s = {};
  }
  const settings: LlmSettings = {
    kind: s.kind === 'openai' ? 'openai' : 'transformers',
    openai: { ...DEFAULT_LLM_SETTINGS.openai, ...(typeof s.openai === 'object' ? s.openai : {}), apiKey: '' },
    transformers: { ...DEFAULT_LLM_SETTINGS.transformers, ...(typeof s.transformers === 'object' ? s.transformers : {}) },
    confirmAboveMB: typeof s.confirmAboveMB === 'number' && s.confirmAboveMB >= 0 ? s.confirmAboveMB : DEFAULT_LLM_SETTINGS.confirmAboveMB,
  };
  // An older build kept the key inside the settings, in localStorage: move it to this session's storage.
  const legacy = typeof s.openai?.apiKey === 'string' ? s.openai.apiKey : '';
  if (legacy) {
    if (!loadApiKey(stores).key) saveApiKey(legacy, 'session', { session: stores.session, device: undefined });
    try {
      store?.setItem(STORAGE_KEY, JSON.stringify({ ...settings, openai: { ...settings.openai, apiKey: undefined } }));
    } catch {
      // left as it was; the next save rewrites it without the key
    }
    settings.openai.apiKey = legacy;
  }
  settings.openai.apiKey = loadApiKey(stores).key || settings.openai.apiKey;
  return settings;
}

/** Saves everything but the key (see `saveApiKey`). */
export function saveLlmSettings(s: LlmSettings, store: Storage | undefined = storage('localStorage')): void {
  try {
    store?.setItem(STORAGE_KEY, JSON.stringify({ ...s, openai: { ...s.openai, apiKey: undefined } }));
  } catch {
    // storage full or disabled: the settings stay in memory for this page
  }
}

/** The backend the settings describe; 'auto' picks WebGPU when `hasWebGpu`. */
export function backendFromSettings(
  s: LlmSettings,
  opts: { hasWebGpu?: boolean; onProgress?: (p: LoadProgress) => void; onStatus?: (message: string) => void } = {},
): LlmBackend & Partial<Pick<TransformersBackend, 'load' | 'probe' | 'cancelLoad'>> {
  if (s.kind === 'openai')
    return openAiCompatible({ baseUrl: s.openai.baseUrl, apiKey: s.openai.apiKey || undefined, model: s.openai.model });
  const t = s.transformers;
  const device = t.device === 'auto' ? (opts.hasWebGpu ? 'webgpu' : 'wasm') : t.device;
  return transformersBackend({
    modelId: t.modelId,
    device,
    // The worker checks the dtype against the device (catalogue.chooseDtype): q4f16 needs shader-f16, wasm gets q8.
    dtype: t.dtype || undefined,
    localModelPath: t.localModelPath || undefined,
    onProgress: opts.onProgress,
    onStatus: opts.onStatus,
  });
}
