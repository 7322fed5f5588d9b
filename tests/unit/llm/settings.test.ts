// LLM settings live only in this browser's storage; bad or missing entries fall back to defaults. The endpoint
// key is kept apart: this session only by default, on this device only when asked, and forgettable.
import { expect, test } from 'vitest';
import {
  DEFAULT_LLM_SETTINGS,
  KEY_STORAGE_KEY,
  STORAGE_KEY,
  backendFromSettings,
  forgetApiKey,
  loadApiKey,
  loadLlmSettings,
  saveApiKey,
  saveLlmSettings,
} from '../../../src/llm/settings';

class MemoryStorage {
  items = new Map<string, string>();
  full = false;
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}
const memory = () => new MemoryStorage();
const asStorage = (m: MemoryStorage) => m as unknown as Storage;

test('round trip through storage, defaults for missing fields and for garbage; the key never in the settings entry', () => {
  const local = memory();
  const session = memory();
  const stores = { session: asStorage(session), device: asStorage(local) };
  expect(loadLlmSettings(asStorage(local), stores)).toEqual(DEFAULT_LLM_SETTINGS);
  const s = {
    ...DEFAULT_LLM_SETTINGS,
    kind: 'openai' as const,
    openai: { baseUrl: 'http://127.0.0.1:8080/v1', apiKey: 'sk-x', model: 'm' },
  };
  saveLlmSettings(s, asStorage(local));
  saveApiKey('sk-x', 'session', stores);
  expect(local.items.get(STORAGE_KEY)).not.toContain('sk-x');
  expect(JSON.parse(local.items.get(STORAGE_KEY)!)).toEqual({ ...s, openai: { baseUrl: s.openai.baseUrl, model: 'm' } });
  expect(session.items.get(KEY_STORAGE_KEY)).toBe('sk-x');
  expect(loadLlmSettings(asStorage(local), stores)).toEqual(s);
  local.items.set(STORAGE_KEY, '{"kind":"openai","openai":{"model":"x"}}');
  expect(loadLlmSettings(asStorage(local), stores).openai).toEqual({ ...DEFAULT_LLM_SETTINGS.openai, model: 'x', apiKey: 'sk-x' });
  local.items.set(STORAGE_KEY, 'not json');
  expect(loadLlmSettings(asStorage(local), { session: undefined, device: asStorage(local) })).toEqual(DEFAULT_LLM_SETTINGS);
  expect(loadLlmSettings(undefined, { session: undefined, device: undefined })).toEqual(DEFAULT_LLM_SETTINGS);
});

test('the key: this session by default, on this device only when asked, in one place at a time, forgettable', () => {
  const local = memory();
  const session = memory();
  const stores = { session: asStorage(session), device: asStorage(local) };
  expect(loadApiKey(stores)).toEqual({ key: '', place: 'session' });
  expect(saveApiKey('sk-1', 'session', stores)).toBeUndefined();
  expect([...local.items.values()].join()).not.toContain('sk-1');
  expect(loadApiKey(stores)).toEqual({ key: 'sk-1', place: 'session' });
  // Opting in moves it to localStorage and out of sessionStorage; opting out moves it back.
  saveApiKey('sk-1', 'device', stores);
  expect(local.items.get(KEY_STORAGE_KEY)).toBe('sk-1');
  expect(session.items.has(KEY_STORAGE_KEY)).toBe(false);
  expect(loadApiKey(stores)).toEqual({ key: 'sk-1', place: 'device' });
  saveApiKey('sk-1', 'session', stores);
  expect(local.items.has(KEY_STORAGE_KEY)).toBe(false);
  expect(loadApiKey(stores)).toEqual({ key: 'sk-1', place: 'session' });
  // A new session (empty sessionStorage) has no key unless it was remembered on the device.
  expect(loadApiKey({ session: asStorage(memory()), device: asStorage(local) })).toEqual({ key: '', place: 'session' });
  saveApiKey('sk-2', 'device', stores);
  forgetApiKey(stores);
  expect(session.items.size + local.items.size).toBe(0);
  expect(loadApiKey(stores).key).toBe('');
});

test('a storage that refuses (quota, disabled) is reported; the key then lives in memory only', () => {
  const session = memory();
  session.full = true;
  expect(saveApiKey('sk-3', 'session', { session: asStorage(session), device: asStorage(memory()) })).toMatch(
    /could not be stored .*quota.*kept in memory/,
  );
  expect(saveApiKey('sk-3', 'device', { session: asStorage(memory()), device: undefined })).toMatch(
    /no localStorage here; the key is kept in memory/,
  );
  const local = memory();
  local.full = true;
  expect(() => saveLlmSettings(DEFAULT_LLM_SETTINGS, asStorage(local))).not.toThrow();
});

test('settings from an older build with the key inside: the key moves to this session, localStorage loses it', () => {
  const local = memory();
  const session = memory();
  local.items.set(STORAGE_KEY, JSON.stringify({ kind: 'openai', openai: { baseUrl: 'http://h/v1', apiKey: 'sk-old', model: 'm' } }));
  const s = loadLlmSettings(asStorage(local), { session: asStorage(session), device: asStorage(local) });
  expect(s.openai.apiKey).toBe('sk-old');
  expect(local.items.get(STORAGE_KEY)).not.toContain('sk-old');
  expect(session.items.get(KEY_STORAGE_KEY)).toBe('sk-old');
});

test('backendFromSettings builds the chosen backend', () => {
  const openai = backendFromSettings({
    ...DEFAULT_LLM_SETTINGS,
    kind: 'openai',
    openai: { baseUrl: 'http://h/v1', apiKey: '', model: 'gpt-x' },
  });
  expect(openai.id).toBe('openai:gpt-x');
  const local = backendFromSettings({ ...DEFAULT_LLM_SETTINGS, kind: 'transformers' }, { hasWebGpu: false });
  expect(local.id).toBe(`transformers:${DEFAULT_LLM_SETTINGS.transformers.modelId}`);
  expect(local.label).toContain('(wasm)');
  expect(backendFromSettings(DEFAULT_LLM_SETTINGS, { hasWebGpu: true }).label).toContain('(webgpu)');
});
