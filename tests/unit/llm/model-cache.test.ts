// The Models panel's list: files of both caches (transformers.js's and the safetensors checkpoints of src/lm),
// grouped by model with sizes from content-length; deleting a model removes its files from whichever cache holds them.
import { expect, test } from 'vitest';
import { CACHE_NAME, deleteCachedModel, listCachedModels, LM_CACHE_NAME } from '../../../src/llm/model-cache';

/** Just enough of CacheStorage (Node has none): named maps of URL → Response. */
function fakeCacheStorage(content: Record<string, Record<string, number>>): CacheStorage {
  const caches = new Map(Object.entries(content).map(([name, files]) => [name, new Map(Object.entries(files))]));
  const cacheOf = (files: Map<string, number>) =>
    ({
      keys: async () => [...files.keys()].map((url) => new Request(url)),
      match: async (req: Request | string) => {
        const n = files.get(typeof req === 'string' ? req : req.url);
        return n === undefined ? undefined : new Response(null, { headers: { 'content-length': String(n) } });
      },
      delete: async (url: string) => files.delete(url),
    }) as unknown as Cache;
  return {
    has: async (name: string) => caches.has(name),
    open: async (name: string) => cacheOf(caches.get(name) ?? new Map()),
  } as unknown as CacheStorage;
}

test('lists models from both caches with sizes, and deletes from the right one', async () => {
  const hub = 'https://huggingface.co';
  const storage = fakeCacheStorage({
    [CACHE_NAME]: {
      [`${hub}/onnx-community/Qwen2.5-0.5B-Instruct/resolve/main/onnx/model_q4f16.onnx`]: 483_000_000,
      [`${hub}/onnx-community/Qwen2.5-0.5B-Instruct/resolve/main/tokenizer.json`]: 7_000_000,
    },
    [LM_CACHE_NAME]: {
      [`${hub}/HuggingFaceTB/SmolLM2-135M-Instruct/resolve/main/model.safetensors`]: 269_000_000,
      [`${hub}/HuggingFaceTB/SmolLM2-135M-Instruct/resolve/main/config.json`]: 1_000,
    },
  });
  const models = await listCachedModels(storage);
  expect(models.map((m) => [m.model, m.bytes])).toEqual([
    ['onnx-community/Qwen2.5-0.5B-Instruct', 490_000_000],
    ['HuggingFaceTB/SmolLM2-135M-Instruct', 269_001_000],
  ]);
  expect(await deleteCachedModel(models[1], storage)).toBe(2);
  expect((await listCachedModels(storage)).map((m) => m.model)).toEqual(['onnx-community/Qwen2.5-0.5B-Instruct']);
});
