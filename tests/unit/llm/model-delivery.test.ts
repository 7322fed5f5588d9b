// Model delivery (issue 15), with the real transformers.js loading code on the repo's tiny model served by a local
// mirror (tests/unit/llm/model-server.ts) that reports sizes, throttles, breaks off and answers 401/404 like the
// hub: the size before download, progress in bytes with speed and time left, cancel and retry, not-found / gated /
// network told apart, the fallback when the WebGPU session fails, the size limit and an impossible language pair
// refused before any weights (or any request at all). Plus the catalogue's pure logic.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { TINY_CHAT_MODEL_ID, writeTinyChatModel, writeTinyDtypeFiles } from '../../../scripts/make-tiny-models';
import { FEATURES, MODELS, chooseDtype, describeModel, describeSize, formatBytes, modelFor } from '../../../src/llm/catalogue';
import { LlmError } from '../../../src/llm/errors';
import { OPUS_MT_PAIRS, resolveTranslation } from '../../../src/llm/languages';
import { modelOfCachedUrl } from '../../../src/llm/model-cache';
import { classifyLoadError, forgetModel, loadModel, probeModel, type ModelRequest } from '../../../src/llm/model-loader';
import { describeProgress, progressTracker } from '../../../src/llm/progress';
import type { LoadProgress } from '../../../src/llm/types';
import { startModelServer, type ModelServer } from './model-server';
import { standaloneContext } from '../../../src/workflow/functions/registry';

let dir: string;
let modelDir: string;
let srv: ModelServer;
const tmpDirs: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-delivery-'));
  modelDir = writeTinyChatModel(dir);
  writeTinyDtypeFiles(modelDir, ['q8', 'q4']);
  srv = await startModelServer(dir);
});

afterAll(async () => {
  await srv?.close();
  for (const d of [dir, ...tmpDirs]) fs.rmSync(d, { recursive: true, force: true });
});

beforeEach(() => {
  srv.requests.length = 0;
  srv.throttle.clear();
  srv.breakMidway.clear();
  srv.replace.clear();
  forgetModel(TINY_CHAT_MODEL_ID);
});

/** A fresh file cache per load, so every load really downloads (Node has no Cache Storage). */
function request(over: Partial<ModelRequest> = {}): ModelRequest {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-cache-'));
  tmpDirs.push(cacheDir);
  return {
    task: 'text-generation',
    modelId: TINY_CHAT_MODEL_ID,
    device: 'cpu',
    localModelPath: srv.url,
    cacheDir,
    ...over,
  };
}

const size = (f: string) => fs.statSync(path.join(modelDir, f)).size;

async function failure(p: Promise<unknown>): Promise<LlmError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(LlmError);
  return e as LlmError;
}

test('the catalogue: every feature has a model with task, licence, dtypes and sourced sizes; dtype per device and GPU', () => {
  for (const [feature, f] of Object.entries(FEATURES)) {
    const m = MODELS[f.model];
    expect(m, feature).toBeDefined();
    expect(m.task).toBe(f.task);
    expect(m.licence.length).toBeGreaterThan(2);
    expect(m.sizeSource.length).toBeGreaterThan(5);
    for (const alt of f.alternatives) expect(MODELS[alt]?.task, alt).toBe(f.task);
  }
  const qwen = modelFor('GenerateText');
  // The planner and GenerateText use the same model: the same dtype on the same device, so one download.
  expect(modelFor('planner').id).toBe(qwen.id);
  expect(chooseDtype(qwen, 'webgpu', { shaderF16: true })).toEqual({ device: 'webgpu', dtype: 'q4f16' });
  expect(chooseDtype(qwen, 'webgpu', { shaderF16: false })).toMatchObject({
    dtype: 'q4',
    note: expect.stringMatching(/no shader-f16/),
  });
  expect(chooseDtype(qwen, 'wasm', { shaderF16: false })).toEqual({ device: 'wasm', dtype: 'q8' });
  // A user's q4f16 without shader-f16, or on wasm, is bent and says why.
  expect(chooseDtype(qwen, 'webgpu', { shaderF16: false }, 'q4f16')).toMatchObject({
    dtype: 'q4',
    note: expect.stringMatching(/shader-f16/),
  });
  expect(chooseDtype(qwen, 'wasm', { shaderF16: true }, 'q4f16')).toMatchObject({
    dtype: 'q8',
    note: expect.stringMatching(/WebGPU only/),
  });
  expect(chooseDtype(qwen, 'wasm', { shaderF16: false }, 'fp32')).toEqual({ device: 'wasm', dtype: 'fp32' });
  // Sizes: known ones printed, unknown ones say so (never a guess).
  expect(describeSize(qwen.sizes.q4f16)).toBe('483 MB');
  expect(describeSize(qwen.sizes.fp32)).toBe('1.99 GB');
  expect(describeSize(MODELS['Xenova/modnet'].sizes.fp32)).toBe('unknown');
  expect(formatBytes(483_000_000)).toBe('483.0 MB');
  // A typed id gets a generic entry; NLLB/M2M100/SpeechT5 are recognised by name.
  expect(describeModel('someone/my-llm', 'text-generation')).toMatchObject({
    sizes: {},
    dtypes: { wasm: 'q8' },
  });
  expect(describeModel('someone/nllb-200-1.3B', 'translation').family).toBe('nllb');
  expect(describeModel('someone/speecht5_tts-finetuned', 'text-to-speech').speaker?.vocoder).toBe('Xenova/speecht5_hifigan');
});

test('translation pairs are checked before any request: OPUS-MT only where the pair exists; NLLB and M2M100 codes', () => {
  expect(resolveTranslation('en', 'fr', '')).toEqual({
    ok: true,
    model: 'Xenova/opus-mt-en-fr',
    options: {},
  });
  const ja = resolveTranslation('en', 'ja', '');
  expect(ja.ok).toBe(false);
  expect(!ja.ok && ja.error).toMatch(/no OPUS-MT model for en → ja .*from en there are: af, ar, de.*m2m100/);
  expect(resolveTranslation('pt', 'en', '').ok).toBe(false);
  expect(resolveTranslation('en', 'ja', 'Xenova/nllb-200-distilled-600M')).toEqual({
    ok: true,
    model: 'Xenova/nllb-200-distilled-600M',
    options: { src_lang: 'eng_Latn', tgt_lang: 'jpn_Jpan' },
  });
  expect(resolveTranslation('en', 'ja', 'Xenova/m2m100_418M')).toEqual({
    ok: true,
    model: 'Xenova/m2m100_418M',
    options: { src_lang: 'en', tgt_lang: 'ja' },
  });
  expect(resolveTranslation('en', 'de', 'Xenova/opus-mt-en-fr')).toMatchObject({
    ok: false,
    error: expect.stringMatching(/translates en → fr, not en → de/),
  });
  expect(resolveTranslation('xx', 'en', '')).toMatchObject({
    ok: false,
    error: expect.stringMatching(/unknown language 'xx' in 'from'/),
  });
  expect(new Set(OPUS_MT_PAIRS).size).toBe(OPUS_MT_PAIRS.length);
});

test('hub errors are told apart: not found (404, 401 RepoNotFound), gated (403, 401 GatedRepo), network, other', () => {
  const src = { localModelPath: 'https://mirror/' };
  const k = (http: Parameters<typeof classifyLoadError>[3], e: unknown = new Error('x')) => classifyLoadError(e, 'a/b', src, http).kind;
  expect(k({ url: 'u', status: 404 })).toBe('not-found');
  expect(k({ url: 'u', status: 401, code: 'RepoNotFound' })).toBe('not-found');
  expect(k({ url: 'u', status: 401 })).toBe('not-found');
  expect(k({ url: 'u', status: 401, code: 'GatedRepo' })).toBe('gated');
  expect(k({ url: 'u', status: 403 })).toBe('gated');
  expect(k({ url: 'u', status: 500 })).toBe('http');
  expect(k({ url: 'u', network: 'ECONNREFUSED' })).toBe('network');
  expect(k(undefined, new TypeError('Failed to fetch'))).toBe('network');
  expect(k(undefined, new Error('Could not create session'))).toBe('model');
  expect(classifyLoadError(new Error('x'), 'a/b', src, undefined, true).kind).toBe('aborted');
  expect(classifyLoadError(new Error('x'), 'a/b', {}, { url: 'u', status: 403 }).message).toMatch(
    /^Could not load a\/b from the Hugging Face hub: it needs a licence acceptance or an access token/,
  );
});

test('progress: speed over the last seconds and the time left, from the byte counts', () => {
  let t = 0;
  const seen: LoadProgress[] = [];
  const track = progressTracker(
    (p) => seen.push(p),
    () => t,
  );
  for (let i = 1; i <= 5; i++) {
    t = i * 1000;
    track({ status: 'progress', file: 'onnx/model.onnx' });
    track({ status: 'progress_total', loaded: i * 1_000_000, total: 10_000_000, progress: i * 10 });
  }
  const last = seen.at(-1)!;
  expect(last.bytesPerSecond).toBeCloseTo(1_000_000, -3);
  expect(last.secondsLeft).toBeCloseTo(5, 1);
  expect(describeProgress(last)).toBe('onnx/model.onnx: 5.00 MB of 10.0 MB (50%) · 1.00 MB/s · 5 s left');
  track({ status: 'ready' });
  expect(seen.at(-1)!.fraction).toBe(1);
});

test('Cache Storage entries group by model: hub URLs by repository id, a mirror by folder', () => {
  expect(modelOfCachedUrl('https://huggingface.co/onnx-community/Qwen2.5-0.5B-Instruct/resolve/main/onnx/model_q4f16.onnx')).toBe(
    'onnx-community/Qwen2.5-0.5B-Instruct',
  );
  expect(modelOfCachedUrl('http://127.0.0.1:9/models/tiny-random-chat/onnx/model.onnx')).toBe('127.0.0.1:9/models/tiny-random-chat');
  expect(modelOfCachedUrl('http://127.0.0.1:9/models/tiny-random-chat/config.json')).toBe('127.0.0.1:9/models/tiny-random-chat');
});

test('the size is measured before any download: files, bytes, where they go', async () => {
  const plan = await probeModel(request());
  expect(plan.dtype).toBe('q8');
  const files = Object.fromEntries(plan.files.map((f) => [f.file, f.bytes]));
  expect(files['onnx/model_quantized.onnx']).toBe(size('onnx/model_quantized.onnx'));
  expect(files['tokenizer.json']).toBe(size('tokenizer.json'));
  // config.json was read to find the files (and cached); everything else is still to download.
  expect(plan.bytesToDownload + plan.cachedBytes).toBe(plan.files.reduce((s, f) => s + (f.bytes ?? 0), 0));
  expect(plan.bytesToDownload).toBeGreaterThanOrEqual(size('onnx/model_quantized.onnx') + size('tokenizer.json'));
  expect(plan.unknownFiles).toBe(0);
  expect(srv.downloads('.onnx')).toBe(0); // only Range requests (and the small config) so far
});

test('progress in bytes moves while a throttled download runs, with speed and time left; the model then works', async () => {
  srv.throttle.set('onnx/model_quantized.onnx', 400_000);
  const seen: LoadProgress[] = [];
  const m = await loadModel(request(), { onProgress: (p) => seen.push(p) });
  expect(m.dtype).toBe('q8');
  const loaded = seen.map((p) => p.loaded);
  expect(new Set(loaded).size).toBeGreaterThan(3);
  for (let i = 1; i < loaded.length; i++) expect(loaded[i]).toBeGreaterThanOrEqual(loaded[i - 1]);
  expect(seen.some((p) => p.bytesPerSecond && p.secondsLeft !== undefined)).toBe(true);
  expect(seen.at(-1)!.fraction).toBe(1);
  const out = (await m.pipeline([{ role: 'user', content: 'hi' }], { max_new_tokens: 3 })) as unknown[];
  expect(out).toHaveLength(1);
});

test('cancel stops a download (kind aborted); retry downloads it and loads', async () => {
  srv.throttle.set('onnx/model_quantized.onnx', 40_000);
  const controller = new AbortController();
  const req = request();
  const load = loadModel(req, {
    signal: controller.signal,
    onProgress: (p) => {
      if (p.file.endsWith('.onnx') && p.loaded > 0) controller.abort();
    },
  });
  expect((await failure(load)).kind).toBe('aborted');
  srv.throttle.clear();
  const m = await loadModel(req);
  expect(m.device).toBe('cpu');
  expect(srv.downloads('onnx/model_quantized.onnx')).toBe(2);
});

test('a download broken off half-way is a network error; retry works', async () => {
  srv.breakMidway.set('onnx/model_quantized.onnx', 1);
  srv.throttle.set('onnx/model_quantized.onnx', 2_000_000);
  const req = request();
  const e = await failure(loadModel(req));
  expect(e.kind).toBe('network');
  expect(e.message).toMatch(/network error .*retry/);
  await expect(loadModel(req)).resolves.toMatchObject({ dtype: 'q8' });
});

test('missing repository, gated repository, missing dtype file and an unreachable mirror are different errors', async () => {
  const missing = await failure(loadModel(request({ modelId: 'nobody/no-such-model' })));
  expect(missing.kind).toBe('not-found');
  expect(missing.message).toMatch(/not found \(.*no-such-model\/config.json answered 401 RepoNotFound\); check the model id/);
  const gated = await failure(loadModel(request({ modelId: 'gated/llama' })));
  expect(gated.kind).toBe('gated');
  expect(gated.message).toMatch(/licence acceptance or an access token/);
  const noFile = await failure(probeModel(request({ dtype: 'bnb4' })));
  expect(noFile.kind).toBe('not-found');
  expect(noFile.message).toMatch(/has no onnx\/model_bnb4\.onnx/);
  const offline = await failure(loadModel(request({ localModelPath: 'http://127.0.0.1:9/models/' })));
  expect(offline.kind).toBe('network');
});

test('when the WebGPU session fails, the model loads on the fallback device and says so', async () => {
  // The WebGPU dtype's file is garbage: its session cannot be created; the fallback's dtype file is fine.
  srv.replace.set('onnx/model_q4.onnx', new TextEncoder().encode('not an onnx model'));
  const statuses: string[] = [];
  const m = await loadModel(request({ device: 'webgpu' }), { onStatus: (s) => statuses.push(s) });
  expect(m.device).toBe('cpu');
  expect(m.dtype).toBe('q8');
  expect(m.note).toMatch(/WebGPU session failed .*running on cpu \(q8\)/);
  expect(statuses.join('\n')).toMatch(/WebGPU session failed/);
  expect(srv.downloads('onnx/model_q4.onnx')).toBe(1); // WebGPU's dtype was tried first
  expect(srv.downloads('onnx/model_quantized.onnx')).toBe(1);
});

test('above the size limit nothing but small files is fetched, and the error says how much and where', async () => {
  const e = await failure(loadModel(request(), { confirmAboveBytes: 10_000 }));
  expect(e.kind).toBe('confirm');
  expect(e.message).toMatch(/^tiny-random-chat \(q8, cpu\): .* to download into .* above your limit of 10\.0 kB/);
  expect(srv.downloads('.onnx')).toBe(0);
});

test('Translate refuses a pair no model covers before any request reaches the server', async () => {
  const { configureModels } = await import('../../../src/workflow/functions/models');
  const { getRegistry } = await import('../../../src/workflow/functions/implementations');
  configureModels({ localModelPath: srv.url, device: 'cpu' });
  const translate = getRegistry().get('Translate')!;
  const ctx = standaloneContext();
  await expect(translate.run({ text: { type: 'Text', text: 'Good night' } }, { from: 'en', to: 'ja', model: '' }, ctx)).rejects.toThrow(
    /no OPUS-MT model for en → ja/,
  );
  expect(srv.requests).toEqual([]);
});
