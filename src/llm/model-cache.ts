/**
 * What model files this browser keeps in Cache Storage — transformers.js's `transformers-cache` and `lm-models`
 * (checkpoints for the transformer on our own kernels, src/lm/hub.ts), both shared by every worker and tab of this
 * origin — grouped by model, with sizes; and deleting a model's files. Cheap enough for the page: it reads request
 * URLs and the `content-length` stored with each response, never a body.
 *
 * Example:
 *   const models = await listCachedModels();     // [{ model: 'onnx-community/Qwen2.5-0.5B-Instruct', bytes, files }]
 *   await deleteCachedModel(models[0]);
 */
/** transformers.js's `env.cacheKey` (its default, which this app keeps). */
export const CACHE_NAME = 'transformers-cache';
/** Where src/lm/hub.ts keeps safetensors checkpoints. */
export const LM_CACHE_NAME = 'lm-models';
const CACHE_NAMES = [CACHE_NAME, LM_CACHE_NAME];

export interface CachedModel {
  /** The model id for hub files, else the folder URL (a self-hosted mirror). */
  model: string;
  bytes: number;
  /** Each file with the cache that holds it. */
  files: { url: string; bytes: number; cache: string }[];
}

/** The model a cached file belongs to: hub `…/<owner>/<name>/resolve/<rev>/<file>`, else the folder (minus onnx/). */
export function modelOfCachedUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const parts = u.pathname.split('/').filter(Boolean);
  const r = parts.indexOf('resolve');
  if (r >= 2) return parts.slice(0, r).join('/');
  const dir = parts.slice(0, -1);
  if (dir.at(-1) === 'onnx') dir.pop();
  return `${u.host}/${dir.join('/')}`;
}

export async function listCachedModels(storage: CacheStorage | undefined = globalThis.caches): Promise<CachedModel[]> {
  const groups = new Map<string, CachedModel>();
  if (!storage) return [];
  for (const name of CACHE_NAMES) {
    if (!(await storage.has(name))) continue;
    const cache = await storage.open(name);
    for (const req of await cache.keys()) {
      const res = await cache.match(req);
      const bytes = Number(res?.headers.get('content-length') ?? 0) || 0;
      const model = modelOfCachedUrl(req.url);
      let g = groups.get(model);
      if (!g) groups.set(model, (g = { model, bytes: 0, files: [] }));
      g.files.push({ url: req.url, bytes, cache: name });
      g.bytes += bytes;
    }
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes);
}

/** Deletes every cached file of the model; returns how many were deleted. */
export async function deleteCachedModel(m: CachedModel, storage: CacheStorage | undefined = globalThis.caches): Promise<number> {
  if (!storage) return 0;
  let n = 0;
  for (const f of m.files) if (await (await storage.open(f.cache)).delete(f.url)) n++;
  return n;
}
