// LLM settings live only in this browser's storage; bad or missing entries fall back to defaults.
import { expect, test } from 'vitest';
import { DEFAULT_LLM_SETTINGS, STORAGE_KEY, backendFromSettings, loadLlmSettings, saveLlmSettings } from '../../../src/llm/settings';

class MemoryStorage {
  items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
}

test('round trip through storage, defaults for missing fields and for garbage', () => {
  const store = new MemoryStorage() as unknown as Storage;
  expect(loadLlmSettings(store)).toEqual(DEFAULT_LLM_SETTINGS);
  const s = { ...DEFAULT_LLM_SETTINGS, kind: 'openai' as const, openai: { baseUrl: 'http://127.0.0.1:8080/v1', apiKey: 'sk-x', model: 'm' } };
  saveLlmSettings(s, store);
  expect(JSON.parse((store as unknown as MemoryStorage).items.get(STORAGE_KEY)!)).toEqual(s);
  expect(loadLlmSettings(store)).toEqual(s);
  (store as unknown as MemoryStorage).items.set(STORAGE_KEY, '{"kind":"openai","openai":{"model":"x"}}');
  expect(loadLlmSettings(store).openai).toEqual({ ...DEFAULT_LLM_SETTINGS.openai, model: 'x' });
  (store as unknown as MemoryStorage).items.set(STORAGE_KEY, 'not json');
  expect(loadLlmSettings(store)).toEqual(DEFAULT_LLM_SETTINGS);
  expect(loadLlmSettings(undefined)).toEqual(DEFAULT_LLM_SETTINGS);
});

test('backendFromSettings builds the chosen backend', () => {
  const openai = backendFromSettings({ ...DEFAULT_LLM_SETTINGS, kind: 'openai', openai: { baseUrl: 'http://h/v1', apiKey: '', model: 'gpt-x' } });
  expect(openai.id).toBe('openai:gpt-x');
  const local = backendFromSettings({ ...DEFAULT_LLM_SETTINGS, kind: 'transformers' }, { hasWebGpu: false });
  expect(local.id).toBe(`transformers:${DEFAULT_LLM_SETTINGS.transformers.modelId}`);
  expect(local.label).toContain('(wasm)');
  expect(backendFromSettings(DEFAULT_LLM_SETTINGS, { hasWebGpu: true }).label).toContain('(webgpu)');
});
