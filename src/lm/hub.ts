/**
 * Downloads a model folder from the Hugging Face hub (or any host with its URL layout
 * `{host}/{id}/resolve/{revision}/{file}`): progress per byte, Cache Storage so a second visit does not download
 * again, cancel through an AbortSignal, and resume: bytes already received are kept (per URL, for this page's
 * lifetime) and a retry asks only for the rest with an HTTP Range request — automatically up to `retries` times, and
 * again when the caller retries after a failure.
 *
 * Example (GPU worker):
 *   const files = await downloadModel('HuggingFaceTB/SmolLM2-135M-Instruct', {
 *     onProgress: (p) => post(p.fraction), signal, cache: await caches.open('lm-models'),
 *     beforeWeights: (config) => checkFits(parseConfig(config), 1024, limits) });
 */
import { ModelFormatError } from './safetensors';
import type { ModelFiles } from './load';

export interface DownloadProgress {
  file: string;
  loaded: number;
  /** Bytes of this file when the server said (content-length), else 0. */
  total: number;
  /** Of all files so far, 0..1 (weights dominate). */
  fraction: number;
}

/** The part of the Cache Storage API used here (a `Cache` in browsers and workers). */
export interface CacheLike {
  match(url: string): Promise<Response | undefined>;
  put(url: string, res: Response): Promise<void>;
}

export interface DownloadOptions {
  host?: string;
  revision?: string;
  onProgress?: (p: DownloadProgress) => void;
  signal?: AbortSignal;
  cache?: CacheLike;
  /** Automatic resumes per file after a failure mid-way. Default 3. */
  retries?: number;
  /** Called with the parsed config.json before the weights are fetched; throw to refuse (e.g. too large). */
  beforeWeights?: (config: unknown) => void;
  /** Largest file accepted, in bytes (default 4 GiB). */
  maxFileBytes?: number;
  /**
   * Refuse (DownloadError, kind 'confirm', with the size in the message) when the weights still to download are
   * larger than this: the user is asked first. The size comes from a HEAD request, after config.json.
   */
  confirmAboveBytes?: number;
}

const partials = new Map<string, Uint8Array[]>();

export class DownloadError extends Error {
  /** 'confirm': above the caller's download limit — allow it and call again. */
  constructor(
    message: string,
    readonly kind?: 'confirm',
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** '269 MB'. */
const megabytes = (n: number) => `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;

export async function downloadModel(id: string, opts: DownloadOptions = {}): Promise<ModelFiles> {
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(id)) throw new DownloadError(`model id ${JSON.stringify(id)}: expected "owner/name"`);
  const host = (opts.host ?? 'https://huggingface.co').replace(/\/$/, '');
  const base = `${host}/${id}/resolve/${opts.revision ?? 'main'}/`;
  const files: ModelFiles = {};
  const plan: { name: keyof ModelFiles; optional: boolean; weight: number }[] = [
    { name: 'config.json', optional: false, weight: 0.01 },
    { name: 'tokenizer.json', optional: true, weight: 0.04 },
    { name: 'tokenizer_config.json', optional: true, weight: 0.01 },
    { name: 'model.safetensors', optional: false, weight: 0.94 },
  ];
  let done = 0;
  for (const item of plan) {
    if (item.name === 'model.safetensors' && opts.beforeWeights) {
      opts.beforeWeights(JSON.parse(new TextDecoder().decode(files['config.json'] as Uint8Array)));
    }
    if (item.name === 'model.safetensors' && opts.confirmAboveBytes !== undefined && !(await opts.cache?.match(base + item.name))) {
      const size = await remoteSize(base + item.name, opts.signal);
      if (size === undefined || size > opts.confirmAboveBytes) {
        throw new DownloadError(
          `${id} (safetensors): ${size === undefined ? 'a file of unknown size' : megabytes(size)} to download into Cache Storage ` +
            `'lm-models', above your limit of ${megabytes(opts.confirmAboveBytes)}; allow it to continue`,
          'confirm',
        );
      }
    }
    const bytes = await fetchFile(base + item.name, item.name, opts, (loaded, total) =>
      opts.onProgress?.({ file: item.name, loaded, total, fraction: done + item.weight * (total ? Math.min(1, loaded / total) : 0) }),
    );
    if (!bytes) {
      if (item.optional) {
        done += item.weight;
        continue;
      }
      throw new DownloadError(
        `${id}: ${item.name} not found at ${base}${item.name}` +
          (item.name === 'model.safetensors' ? ' (sharded checkpoints, model.safetensors.index.json, are not supported)' : ''),
      );
    }
    files[item.name] = bytes;
    done += item.weight;
    opts.onProgress?.({ file: item.name, loaded: bytes.byteLength, total: bytes.byteLength, fraction: done });
  }
  return files;
}

/** The size of a remote file from a HEAD request (the hub sends the LFS size as x-linked-size), if it says. */
async function remoteSize(url: string, signal?: AbortSignal): Promise<number | undefined> {
  try {
    const res = await fetch(url, { method: 'HEAD', signal });
    if (!res.ok) return undefined;
    const n = Number(res.headers.get('x-linked-size') ?? res.headers.get('content-length') ?? NaN);
    return Number.isFinite(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** One file: from the cache, else fetched (resuming from kept bytes); undefined on 404. */
async function fetchFile(
  url: string,
  name: string,
  opts: DownloadOptions,
  progress: (loaded: number, total: number) => void,
): Promise<Uint8Array | undefined> {
  const cached = await opts.cache?.match(url);
  if (cached) return new Uint8Array(await cached.arrayBuffer());
  const maxBytes = opts.maxFileBytes ?? 4 * 2 ** 30;
  const chunks = partials.get(url) ?? [];
  partials.set(url, chunks);
  let failures = 0;
  for (;;) {
    if (opts.signal?.aborted) throw new DownloadError(`${name}: download cancelled`);
    const have = chunks.reduce((n, c) => n + c.byteLength, 0);
    try {
      const res = await fetch(url, { signal: opts.signal, headers: have ? { Range: `bytes=${have}-` } : {} });
      if (res.status === 404) {
        partials.delete(url);
        return undefined;
      }
      if (!res.ok) throw new DownloadError(`${name}: HTTP ${res.status} from ${url}`);
      if (have && res.status !== 206) chunks.length = 0; // the server ignored the range: start over
      const offset = chunks.reduce((n, c) => n + c.byteLength, 0);
      const length = Number(res.headers.get('content-length') ?? 0);
      const total = length ? offset + length : 0;
      if (total > maxBytes) throw new ModelFormatError(`${name}: ${total} bytes, over the ${maxBytes}-byte limit`);
      const reader = res.body!.getReader();
      let loaded = offset;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.byteLength;
        if (loaded > maxBytes) throw new ModelFormatError(`${name}: over the ${maxBytes}-byte limit`);
        progress(loaded, total);
      }
      if (total && loaded !== total) throw new DownloadError(`${name}: received ${loaded} of ${total} bytes`);
      const bytes = new Uint8Array(loaded);
      let at = 0;
      for (const c of chunks) (bytes.set(c, at), (at += c.byteLength));
      partials.delete(url);
      // content-length lets the Models panel show the size without reading the body.
      await opts.cache?.put(url, new Response(bytes.slice().buffer, { headers: { 'content-length': String(loaded) } }));
      return bytes;
    } catch (e) {
      if (opts.signal?.aborted)
        throw new DownloadError(`${name}: download cancelled (${chunks.reduce((n, c) => n + c.byteLength, 0)} bytes kept; retry resumes)`);
      if (e instanceof ModelFormatError) {
        partials.delete(url);
        throw e;
      }
      if (++failures > (opts.retries ?? 3)) {
        const kept = chunks.reduce((n, c) => n + c.byteLength, 0);
        throw new DownloadError(
          `${name}: download failed (${e instanceof Error ? e.message : String(e)}); ${kept} bytes kept, retry resumes from there`,
        );
      }
    }
  }
}
