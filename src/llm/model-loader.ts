/**
 * The one way this app loads a transformers.js pipeline, in a worker (browser) or in Node: the device and dtype
 * from the catalogue (WebGPU first; 4-bit f16 only with `shader-f16`), the size measured before any download and
 * refused above the user's limit, progress in bytes with speed and time left, cancel through an AbortSignal, hub
 * errors told apart (not found / needs a licence or token / network), and a wasm fallback when the WebGPU session
 * fails. Loaded pipelines are kept per source/task/model/device/dtype; the files themselves are cached by
 * transformers.js in Cache Storage (`transformers-cache`), which every worker of this origin shares — so the
 * planner (LLM worker) and GenerateText (workflow worker) asking for the same model and dtype download it once.
 *
 * Example (in a worker):
 *   const m = await loadModel({ task: 'text-generation', modelId: 'onnx-community/Qwen2.5-0.5B-Instruct', device: 'auto' },
 *                             { onProgress: (p) => post(describeProgress(p)), signal, confirmAboveBytes: 200e6 });
 *   m.device; m.dtype; m.note;  // 'wasm', 'q8', 'WebGPU session failed (…): running on wasm'
 */
import { chooseDtype, describeModel, formatBytes, type ModelDevice } from './catalogue';
import { LlmError } from './errors';
import { CACHE_NAME } from './model-cache';
import { progressTracker } from './progress';
import type { LoadProgress } from './types';

export interface ModelSource {
  /** A folder (Node) or URL (browser, a self-hosted mirror) holding `<modelId>/…`; omitted: the Hugging Face hub. */
  localModelPath?: string;
  /** onnxruntime-web's wasm files, served by this app. Browser only. */
  wasmPaths?: { mjs: string; wasm: string };
  /** Node only: where downloaded files are kept (onnxruntime-node opens models from disk). Omitted: no file cache. */
  cacheDir?: string;
}

export interface ModelRequest extends ModelSource {
  task: string;
  modelId: string;
  /** 'auto': WebGPU when an adapter exists, else wasm (browser) or cpu (Node). */
  device: ModelDevice | 'auto';
  /** A user's choice; omitted or '': the catalogue's dtype for the device. */
  dtype?: string;
}

export interface DownloadPlan {
  modelId: string;
  device: ModelDevice;
  dtype: string;
  note?: string;
  files: { file: string; bytes?: number; cached: boolean }[];
  /** Bytes still to download (files of unknown size count 0; see `unknownFiles`). */
  bytesToDownload: number;
  cachedBytes: number;
  unknownFiles: number;
  /** Where the files go, for people. */
  cachedIn: string;
}

export interface LoadOptions {
  onProgress?: (p: LoadProgress) => void;
  /** Status lines for the node/panel ("WebGPU session failed …: running on wasm"). */
  onStatus?: (message: string) => void;
  signal?: AbortSignal;
  /** Refuse (kind 'confirm') when more than this many bytes would be downloaded. Omitted: no limit. */
  confirmAboveBytes?: number;
}

/** A transformers.js pipeline, typed loosely: each caller knows its task's call shape. */
export type AnyPipeline = ((...args: unknown[]) => Promise<unknown>) & {
  tokenizer?: unknown;
  dispose?: () => Promise<void>;
};

export interface LoadedModel {
  pipeline: AnyPipeline;
  device: ModelDevice;
  dtype: string;
  /** What differs from the plan and why (no shader-f16, no adapter, WebGPU session failed). */
  note?: string;
}

type Tf = typeof import('@huggingface/transformers');

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined' && typeof self === 'undefined';

let tfPromise: Promise<Tf> | undefined;
let hubDefaults: { remoteHost: string; remotePathTemplate: string } | undefined;

/** HTTP failures and network errors seen by the fetches of each model, so a load error can be told apart. */
const failures = new Map<string, { url: string; status?: number; code?: string; network?: string }>();
/** The loads in flight by model id, with their cancel signals (a fetch belongs to the model whose id is in its URL). */
const signals = new Map<string, AbortSignal | undefined>();

function modelOfUrl(url: string): string | undefined {
  let best: string | undefined;
  for (const id of signals.keys()) if (url.includes(`/${id}/`) && (!best || id.length > best.length)) best = id;
  return best;
}

async function hubFetch(input: string | URL, init?: RequestInit): Promise<Response> {
  const url = String(input);
  const id = modelOfUrl(url);
  const signal = id ? signals.get(id) : undefined;
  try {
    const res = await fetch(input, { ...init, ...(signal ? { signal } : {}) });
    if (id && !res.ok) failures.set(id, { url, status: res.status, code: res.headers.get('x-error-code') ?? undefined });
    return res;
  } catch (e) {
    if (id && !signal?.aborted) failures.set(id, { url, network: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

async function tf(): Promise<Tf> {
  tfPromise ??= import('@huggingface/transformers').then((m) => {
    hubDefaults = { remoteHost: m.env.remoteHost, remotePathTemplate: m.env.remotePathTemplate };
    m.env.fetch = hubFetch;
    return m;
  });
  return tfPromise;
}

/** Points transformers.js at the hub, a local folder (Node) or a URL folder (a self-hosted mirror). */
function applySource(m: Tf, source: ModelSource): void {
  const folder = source.localModelPath
    ? source.localModelPath.endsWith('/')
      ? source.localModelPath
      : `${source.localModelPath}/`
    : undefined;
  m.env.remoteHost = hubDefaults!.remoteHost;
  m.env.remotePathTemplate = hubDefaults!.remotePathTemplate;
  if (folder && /^https?:\/\//i.test(folder)) {
    // transformers.js only probes local paths that are not URLs, so a URL folder is the "remote host" instead.
    m.env.remoteHost = folder;
    m.env.remotePathTemplate = '{model}/';
    m.env.allowLocalModels = false;
    m.env.allowRemoteModels = true;
  } else if (folder) {
    m.env.localModelPath = folder;
    m.env.allowLocalModels = true;
    m.env.allowRemoteModels = false;
  } else {
    m.env.allowLocalModels = false;
    m.env.allowRemoteModels = true;
  }
  const wasm = m.env.backends.onnx.wasm;
  if (source.wasmPaths && wasm) wasm.wasmPaths = { ...source.wasmPaths };
  if (isNode) {
    // Node has no Cache Storage; a file cache only where asked (never inside node_modules).
    m.env.useFSCache = !!source.cacheDir;
    if (source.cacheDir) m.env.cacheDir = source.cacheDir;
  }
}

let adapterInfo: Promise<{ adapter: boolean; shaderF16: boolean }> | undefined;
/** Whether this worker finds a WebGPU adapter, and whether it has shader-f16 (q4f16/fp16 weights need it). */
export function gpuFeatures(): Promise<{ adapter: boolean; shaderF16: boolean }> {
  adapterInfo ??= (async () => {
    try {
      const a = await (globalThis.navigator as Navigator | undefined)?.gpu?.requestAdapter();
      return { adapter: !!a, shaderF16: !!a?.features.has('shader-f16') };
    } catch {
      return { adapter: false, shaderF16: false };
    }
  })();
  return adapterInfo;
}

const fallbackDevice = (): ModelDevice => (isNode ? 'cpu' : 'wasm');

/** The device and dtype a request resolves to here, and why when it differs from what was asked. */
export async function resolveDevice(req: ModelRequest): Promise<{ device: ModelDevice; dtype: string; note?: string }> {
  const gpu = req.device === 'webgpu' || req.device === 'auto' ? await gpuFeatures() : { adapter: false, shaderF16: false };
  let device: ModelDevice = req.device === 'auto' ? (gpu.adapter ? 'webgpu' : fallbackDevice()) : req.device;
  let note: string | undefined;
  if (device === 'webgpu' && !gpu.adapter && !isNode) {
    device = fallbackDevice();
    note = `no WebGPU adapter in this browser: running on ${device}`;
  }
  const choice = chooseDtype(describeModel(req.modelId, req.task), device, { shaderF16: gpu.shaderF16 }, req.dtype || undefined);
  return { device, dtype: choice.dtype, note: [note, choice.note].filter(Boolean).join('; ') || undefined };
}

function where(source: ModelSource): string {
  return source.localModelPath ? source.localModelPath : 'the Hugging Face hub';
}

/**
 * Turns whatever a load threw into an LlmError whose kind says what the user can do. Every message starts
 * "Could not load <model> (<device>, <dtype>) from <where>: ".
 */
export function classifyLoadError(
  e: unknown,
  modelId: string,
  source: ModelSource,
  http?: { url: string; status?: number; code?: string; network?: string },
  aborted = false,
  run?: { device: string; dtype: string },
): LlmError {
  if (e instanceof LlmError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  // transformers.js's own error carries the status when our fetch record is missing (e.g. a concurrent load).
  const status = (e as { status?: unknown })?.status;
  if (!http && typeof status === 'number') http = { url: /"([^"]+)"/.exec(msg)?.[1] ?? modelId, status };
  const head = `Could not load ${modelId}${run ? ` (${run.device}, ${run.dtype})` : ''} from ${where(source)}`;
  if (aborted || (e instanceof Error && e.name === 'AbortError')) return new LlmError('aborted', `Download of ${modelId} cancelled`);
  if (http?.status === 404 || http?.code === 'RepoNotFound' || http?.code === 'EntryNotFound')
    return new LlmError(
      'not-found',
      `${head}: not found (${http.url} answered ${http.status}${http.code ? ` ${http.code}` : ''}); check the model id`,
      http.status,
    );
  if (http?.code === 'GatedRepo' || http?.status === 403)
    return new LlmError(
      'gated',
      `${head}: it needs a licence acceptance or an access token (${http.url} answered ${http.status}); accept its terms on huggingface.co/${modelId}`,
      http.status,
    );
  if (http?.status === 401)
    // The hub answers 401 both for a repository that does not exist and for a private one.
    return new LlmError(
      'not-found',
      `${head}: not found (${http.url} answered 401: no such repository, or a private one that needs a token)`,
      401,
    );
  if (http?.status) return new LlmError('http', `${head}: ${http.url} answered HTTP ${http.status}`, http.status);
  if (http?.network || /failed to fetch|fetch failed|network|terminated|ECONNRESET|socket/i.test(msg))
    return new LlmError('network', `${head}: network error (${http?.network ?? msg}); check the connection and retry`);
  if (e instanceof Error && e.name === 'ModelFileNotFoundError') return new LlmError('not-found', `${head}: ${msg}`);
  return new LlmError('model', `${head}: ${msg}`);
}

let probeCount = 0;

/** Which files the pipeline needs, their sizes and what is already cached — a few small requests, no weights. */
export async function probeModel(req: ModelRequest, signal?: AbortSignal): Promise<DownloadPlan> {
  const m = await tf();
  applySource(m, req);
  const { device, dtype, note } = await resolveDevice(req);
  return withSignal(req.modelId, signal, async () => {
    try {
      const names = await m.ModelRegistry.get_pipeline_files(req.task as never, req.modelId, {
        dtype: dtype as never,
        device: device as never,
      });
      return await planFiles(m, req, names, { device, dtype, note });
    } catch (e) {
      throw classifyLoadError(e, req.modelId, req, failures.get(req.modelId), signal?.aborted, {
        device,
        dtype,
      });
    }
  });
}

/** The sizes of a model's files and which are cached: one metadata request each, no weights. */
async function planFiles(
  m: Tf,
  req: ModelSource & { modelId: string },
  names: string[],
  run: { device: ModelDevice; dtype: string; note?: string },
): Promise<DownloadPlan> {
  const files = await Promise.all(
    names.map(async (file: string) => {
      // transformers.js memoizes metadata per (model, file, cache_dir) for the worker's life, so a file deleted
      // from the cache since would still read as cached. A fresh cache_dir key per probe (Node: the real
      // directory, which only matters there) keeps the answer current.
      const meta = await m.ModelRegistry.get_file_metadata(req.modelId, file, {
        cache_dir: isNode ? req.cacheDir : `probe-${++probeCount}`,
      } as never);
      return { file, bytes: meta.size, cached: !!meta.fromCache, exists: meta.exists };
    }),
  );
  const missing = files.find((f) => !f.exists);
  if (missing)
    throw new LlmError(
      'not-found',
      `${req.modelId} has no ${missing.file} on ${where(req)} (needed for ${run.dtype}): try another dtype or model`,
    );
  const toFetch = files.filter((f) => !f.cached);
  return {
    modelId: req.modelId,
    ...run,
    files: files.map(({ file, bytes, cached }) => ({ file, bytes, cached })),
    bytesToDownload: toFetch.reduce((s, f) => s + (f.bytes ?? 0), 0),
    cachedBytes: files.filter((f) => f.cached).reduce((s, f) => s + (f.bytes ?? 0), 0),
    unknownFiles: toFetch.filter((f) => f.bytes === undefined).length,
    cachedIn: isNode ? 'memory only (Node)' : `this browser's Cache Storage ("${CACHE_NAME}")`,
  };
}

async function withSignal<T>(modelId: string, signal: AbortSignal | undefined, f: () => Promise<T>): Promise<T> {
  if (signal?.aborted) throw new LlmError('aborted', `Download of ${modelId} cancelled`);
  failures.delete(modelId);
  signals.set(modelId, signal);
  try {
    return await f();
  } finally {
    if (signals.get(modelId) === signal) signals.delete(modelId);
  }
}

const loaded = new Map<string, Promise<LoadedModel>>();

/** One line about a download for the UI: "483 MB to download into this browser's Cache Storage …". */
export function describePlan(p: DownloadPlan): string {
  const size = `${formatBytes(p.bytesToDownload)}${p.unknownFiles ? ` + ${p.unknownFiles} file(s) of unknown size` : ''}`;
  if (p.bytesToDownload === 0 && !p.unknownFiles) return `${p.modelId} (${p.dtype}, ${p.device}) is cached in ${p.cachedIn}`;
  return `${p.modelId} (${p.dtype}, ${p.device}): ${size} to download into ${p.cachedIn}${p.cachedBytes ? ` (${formatBytes(p.cachedBytes)} already there)` : ''}`;
}

/**
 * Loads (once per source/task/model/device/dtype) a pipeline. Above `confirmAboveBytes` of download it refuses
 * with kind 'confirm' before fetching any weights. A WebGPU session failure retries on wasm (cpu in Node).
 */
export async function loadModel(req: ModelRequest, opts: LoadOptions = {}): Promise<LoadedModel> {
  const resolved = await resolveDevice(req);
  const key = `${req.localModelPath ?? 'hub'}|${req.task}|${req.modelId}|${resolved.device}|${resolved.dtype}`;
  let p = loaded.get(key);
  if (!p) {
    p = loadFresh(req, resolved, opts);
    loaded.set(key, p);
    p.catch(() => loaded.delete(key)); // a failed load can be retried
  }
  return p;
}

async function loadFresh(
  req: ModelRequest,
  resolved: { device: ModelDevice; dtype: string; note?: string },
  opts: LoadOptions,
): Promise<LoadedModel> {
  if (opts.confirmAboveBytes !== undefined) {
    const plan = await probeModel(req, opts.signal);
    if (plan.bytesToDownload > opts.confirmAboveBytes)
      throw new LlmError(
        'confirm',
        `${describePlan(plan)} — above your limit of ${formatBytes(opts.confirmAboveBytes)}; allow it to continue`,
      );
  }
  if (resolved.note) opts.onStatus?.(resolved.note);
  const build = async (device: ModelDevice, dtype: string): Promise<AnyPipeline> => {
    const m = await tf();
    applySource(m, req);
    return withSignal(req.modelId, opts.signal, async () => {
      try {
        const track = progressTracker((lp) => opts.onProgress?.(lp));
        return (await m.pipeline(req.task as never, req.modelId, {
          device,
          dtype,
          progress_callback: track,
        } as never)) as unknown as AnyPipeline;
      } catch (e) {
        throw classifyLoadError(e, req.modelId, req, failures.get(req.modelId), opts.signal?.aborted, {
          device,
          dtype,
        });
      }
    });
  };
  try {
    return { pipeline: await build(resolved.device, resolved.dtype), ...resolved };
  } catch (e) {
    const err = e as LlmError;
    if (resolved.device !== 'webgpu' || err.kind !== 'model') throw err;
    const device = fallbackDevice();
    const { dtype } = chooseDtype(describeModel(req.modelId, req.task), device, { shaderF16: false });
    const note = `WebGPU session failed (${err.message.slice(0, 160)}): running on ${device} (${dtype})`;
    opts.onStatus?.(note);
    return {
      pipeline: await build(device, dtype),
      device,
      dtype,
      note: [resolved.note, note].filter(Boolean).join('; '),
    };
  }
}

/** Drops this worker's loaded pipelines of a model (after its files were deleted from the cache). */
export function forgetModel(modelId: string): void {
  for (const [key, p] of loadedOnnx) if (key.split('|')[2] === modelId) (loadedOnnx.delete(key), void p.catch(() => {}));
  for (const [key, p] of loaded)
    if (key.split('|')[2] === modelId) {
      loaded.delete(key);
      void p.then((m) => m.pipeline.dispose?.()).catch(() => {});
    }
}

/** The model ids loaded here whose files are among these URLs (a model's files sit under `/<id>/`). */
export function loadedModelsIn(urls: string[]): string[] {
  const ids = new Set([...loaded.keys(), ...loadedOnnx.keys()].map((k) => k.split('|')[2]));
  return [...ids].filter((id) => urls.some((u) => u.includes(`/${id}/`)));
}

// --- raw ONNX graphs (no transformers.js task): diffusion parts, LaMa … --------------------------------------------

/**
 * ONNX files of one repository run as plain sessions (e.g. SD-Turbo's `text_encoder/model.onnx`, `unet/model.onnx`,
 * `vae_decoder/model.onnx`), delivered like pipelines: sizes measured first and refused above the limit, progress in
 * bytes over all files, cancel, the same Cache Storage, hub errors told apart, wasm when the WebGPU session fails.
 */
export interface OnnxFilesRequest extends ModelSource {
  modelId: string;
  /** Paths in the repository, each ending in `.onnx`; each becomes one session. */
  files: string[];
  device: ModelDevice | 'auto';
  /** Also load this model id's tokenizer (tokenizer.json + tokenizer_config.json). */
  tokenizer?: string;
  /** The graphs hold float16 kernels only WebGPU with `shader-f16` runs: refused elsewhere, before any download. */
  needsShaderF16?: boolean;
}

/** One ONNX session: feeds and results are transformers.js Tensors, by the graph's input and output names. */
export interface OnnxSession {
  inputNames: string[];
  /** Fixed input dims from the graph (a name for a free dimension), by input name. */
  inputDims: Record<string, (number | string)[]>;
  run(feeds: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export interface LoadedOnnxFiles {
  sessions: Record<string, OnnxSession>;
  /** A transformers.js tokenizer, when the request named one. */
  tokenizer?: (text: string, opts?: Record<string, unknown>) => { input_ids: { data: ArrayLike<bigint | number>; dims: number[] } };
  device: ModelDevice;
  note?: string;
}

const loadedOnnx = new Map<string, Promise<LoadedOnnxFiles>>();

/** Loads (once per source/model/files/device) the sessions of `req.files`, after measuring their size. */
export async function loadOnnxFiles(req: OnnxFilesRequest, opts: LoadOptions = {}): Promise<LoadedOnnxFiles> {
  // The graphs' precision is fixed by their files: 'fp32' only names them (no dtype suffix).
  const { device, note } = await resolveDevice({ ...req, task: 'onnx', dtype: 'fp32' });
  const gpu = await gpuFeatures();
  if (req.needsShaderF16 && (device !== 'webgpu' || !gpu.shaderF16))
    throw new LlmError(
      'model',
      `${req.modelId} needs WebGPU with the shader-f16 feature (its graphs run float16 kernels); ${
        device !== 'webgpu' ? `this runs on ${device}` : 'this GPU adapter lacks shader-f16'
      }: nothing was downloaded — pick a model without that need, or another browser/GPU`,
    );
  const key = `${req.localModelPath ?? 'hub'}|onnx|${req.modelId}|${device}|${req.files.join(',')}|${req.tokenizer ?? ''}`;
  let p = loadedOnnx.get(key);
  if (!p) {
    p = loadOnnxFresh(req, device, note, opts);
    loadedOnnx.set(key, p);
    p.catch(() => loadedOnnx.delete(key));
  }
  return p;
}

async function loadOnnxFresh(
  req: OnnxFilesRequest,
  device: ModelDevice,
  note: string | undefined,
  opts: LoadOptions,
): Promise<LoadedOnnxFiles> {
  const m = await tf();
  applySource(m, req);
  const run = { device, dtype: 'fp32' };
  // Measured first, always: the byte total drives the progress over all files, and the limit is asked before weights.
  const plan = await withSignal(req.modelId, opts.signal, async () => {
    try {
      return await planFiles(m, req, req.files, { ...run, note });
    } catch (e) {
      throw classifyLoadError(e, req.modelId, req, failures.get(req.modelId), opts.signal?.aborted, run);
    }
  });
  if (opts.confirmAboveBytes !== undefined && plan.bytesToDownload > opts.confirmAboveBytes)
    throw new LlmError(
      'confirm',
      `${describePlan(plan)} — above your limit of ${formatBytes(opts.confirmAboveBytes)}; allow it to continue`,
    );
  if (note) opts.onStatus?.(note);
  const total = plan.files.reduce((s, f) => s + (f.bytes ?? 0), 0);
  const build = async (dev: ModelDevice): Promise<LoadedOnnxFiles> => {
    applySource(m, req);
    return withSignal(req.modelId, opts.signal, async () => {
      try {
        const track = progressTracker((lp) => opts.onProgress?.(lp));
        // The library's own per-file events, summed over all files into one progress_total.
        const seen = new Map<string, number>();
        const progress_callback = (e: { status: string; file?: string; loaded?: number }) => {
          if (e.status !== 'progress' || !e.file) return;
          const file = e.file.replace(/^\//, ''); // a file at the repository's root comes as "/name.onnx"
          seen.set(file, e.loaded ?? 0);
          const loaded = [...seen.values()].reduce((s, n) => s + n, 0);
          track({ status: 'progress', file });
          track({
            status: 'progress_total',
            loaded,
            total: Math.max(total, loaded),
            progress: (100 * loaded) / Math.max(total, loaded, 1),
          });
        };
        const entries = await Promise.all(
          req.files.map(async (file): Promise<[string, OnnxSession]> => {
            const slash = file.lastIndexOf('/');
            const model = (await m.PreTrainedModel.from_pretrained(req.modelId, {
              // No config.json in such repositories: a 'custom' config gives one session named 'model'.
              config: { model_type: 'custom' } as never,
              subfolder: slash > 0 ? file.slice(0, slash) : '',
              model_file_name: file.slice(slash + 1).replace(/\.onnx$/, ''),
              dtype: 'fp32',
              device: dev,
              progress_callback,
            } as never)) as unknown as {
              sessions: { model: { inputNames: string[]; inputMetadata?: { name: string; shape?: (number | string)[] }[] } };
              (feeds: Record<string, unknown>): Promise<Record<string, unknown>>;
            };
            const session = model.sessions.model;
            const inputDims = Object.fromEntries((session.inputMetadata ?? []).map((i) => [i.name, [...(i.shape ?? [])]]));
            return [file, { inputNames: [...session.inputNames], inputDims, run: (feeds) => model(feeds) }];
          }),
        );
        const tokenizer = req.tokenizer
          ? ((await m.AutoTokenizer.from_pretrained(req.tokenizer, {
              progress_callback,
            } as never)) as unknown as LoadedOnnxFiles['tokenizer'])
          : undefined;
        track({ status: 'ready' });
        return { sessions: Object.fromEntries(entries), tokenizer, device: dev, note };
      } catch (e) {
        // from_pretrained first probes config.json and onnx/*.onnx, which such repositories lack: those misses are not the cause.
        const http = failures.get(req.modelId);
        const ours = http && (http.status === 401 || http.network || req.files.some((f) => http.url.endsWith(`/${f}`)));
        throw classifyLoadError(e, req.modelId, req, ours ? http : undefined, opts.signal?.aborted, { device: dev, dtype: 'fp32' });
      }
    });
  };
  try {
    return await build(device);
  } catch (e) {
    const err = e as LlmError;
    if (device !== 'webgpu' || err.kind !== 'model') throw err;
    const fallback = fallbackDevice();
    const why = `WebGPU session failed (${err.message.slice(0, 160)}): running on ${fallback}`;
    opts.onStatus?.(why);
    const r = await build(fallback);
    return { ...r, note: [note, why].filter(Boolean).join('; ') };
  }
}
