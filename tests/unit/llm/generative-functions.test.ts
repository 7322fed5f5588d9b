// The generative workflow functions (UpscaleImage, InpaintImage, RemoveObject, OutpaintImage, TextToImage,
// TextToSpeech, Transcribe) with their real loading code (src/llm/model-loader.ts through functions/models/runtime.ts) and
// their real pre- and post-processing, on the tiny ONNX models the repo writes (scripts/tiny-media-models.ts: same
// inputs and outputs as the real exports) served by the hub-like local mirror (./model-server.ts). Asserted: what a
// user would check — the output's size, that it is not constant, that only the masked pixels change, progress,
// the download refused above the limit with the number, clear errors for bad input and unsupported devices.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { TINY_LAMA_SIZE, TINY_MEDIA_MODELS, writeTinyMediaModels } from '../../../scripts/tiny-media-models';
import { startModelServer, type ModelServer } from './model-server';
import { forgetModel } from '../../../src/llm/model-loader';
import type { RunContext, Value } from '../../../src/workflow/lang/types';

type Image = Extract<Value, { type: 'Image' }>;

let dir: string;
let srv: ModelServer;
const cacheDirs: string[] = [];
let registry: Awaited<typeof import('../../../src/workflow/functions/implementations')>['getRegistry'];
let configureModels: Awaited<typeof import('../../../src/workflow/functions/models')>['configureModels'];
let standaloneContext: Awaited<typeof import('../../../src/workflow/functions/registry')>['standaloneContext'];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-media-'));
  writeTinyMediaModels(dir);
  srv = await startModelServer(dir);
  ({ getRegistry: registry } = await import('../../../src/workflow/functions/implementations'));
  ({ configureModels } = await import('../../../src/workflow/functions/models'));
  ({ standaloneContext } = await import('../../../src/workflow/functions/registry'));
}, 60_000);

afterAll(async () => {
  await srv?.close();
  for (const d of [dir, ...cacheDirs]) fs.rmSync(d, { recursive: true, force: true });
});

beforeEach(() => {
  srv.requests.length = 0;
  // A fresh file cache per test (Node has no Cache Storage; onnxruntime-node opens models from disk).
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-media-cache-'));
  cacheDirs.push(cacheDir);
  configureModels({ localModelPath: srv.url, device: 'cpu', confirmAboveBytes: undefined, allowed: [], cacheDir });
});

/** A picture with structure: a gradient with a dark square (the "object") at (x0,y0)–(x1,y1). */
function picture(width: number, height: number, square = { x0: 12, y0: 8, x1: 20, y1: 16 }): Image {
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inside = x >= square.x0 && x < square.x1 && y >= square.y0 && y < square.y1;
      pixels.set(inside ? [20, 20, 30, 255] : [(x * 255) / width, (y * 255) / height, 180, 255], (y * width + x) * 4);
    }
  return { type: 'Image', width, height, pixels };
}

function distinctColours(img: Image): number {
  const seen = new Set<number>();
  for (let i = 0; i < img.pixels.length; i += 4) seen.add((img.pixels[i] << 16) | (img.pixels[i + 1] << 8) | img.pixels[i + 2]);
  return seen.size;
}

function context(progress: [number, string | undefined][] = []): RunContext {
  return standaloneContext({ progress: (f, m) => void progress.push([f, m]) });
}

async function run(name: string, inputs: Record<string, Value>, params: Record<string, unknown>, ctx = context()) {
  const fn = registry().get(name)!;
  const defaults = Object.fromEntries(fn.params.filter((p) => p.default !== undefined).map((p) => [p.name, p.default]));
  return fn.run(inputs, { ...defaults, ...params } as never, ctx);
}

test('UpscaleImage: ×2 through the Swin2SR processor (padding cut off again), progress to 1, download above the limit refused', async () => {
  const img = picture(30, 20);
  // The limit: refused with the size before any weights are fetched.
  configureModels({ confirmAboveBytes: 100 });
  const refused = await run('UpscaleImage', { image: img }, { model: TINY_MEDIA_MODELS.upscale }).catch((e: Error) => e);
  expect(String(refused)).toMatch(/tiny-swin2sr \(q8, cpu\): [\d.]+ kB to download .* above your limit of 100 B/);
  expect(srv.downloads('.onnx')).toBe(0);

  configureModels({ confirmAboveBytes: undefined });
  const progress: [number, string | undefined][] = [];
  const out = (await run('UpscaleImage', { image: img }, { model: TINY_MEDIA_MODELS.upscale }, context(progress))).image as Image;
  expect([out.width, out.height]).toEqual([60, 40]); // 30×20 padded to 32×24 by the processor, ×2, cropped back
  expect(distinctColours(out)).toBeGreaterThan(100);
  // The dark square is where it was, twice as large: (12..20, 8..16) → (24..40, 16..32).
  const at = (x: number, y: number) => out.pixels[(y * out.width + x) * 4 + 2];
  expect(at(32, 24)).toBeLessThan(90);
  expect(at(10, 30)).toBeGreaterThan(120);
  expect(srv.downloads('onnx/model_quantized.onnx')).toBe(1);
  expect(progress.some(([, m]) => /downloading tiny-swin2sr: .*B of .*B/.test(m ?? ''))).toBe(true);
  expect(progress.at(-1)![0]).toBe(1);

  // An output too large to hold is refused before loading anything.
  srv.requests.length = 0;
  await expect(run('UpscaleImage', { image: picture(2050, 2050) }, { model: TINY_MEDIA_MODELS.upscale, scale: '2' })).rejects.toThrow(
    /upscale ×2 of 2050×2050: size 4100×4100 is not a positive size of at most 4096×4096/,
  );
  expect(srv.requests).toEqual([]);
});

test('InpaintImage: only the white part of the mask changes, and it changes', async () => {
  const img = picture(48, 40);
  const mask = picture(48, 40, { x0: 0, y0: 0, x1: 0, y1: 0 });
  mask.pixels.fill(0);
  for (let y = 8; y < 16; y++) for (let x = 12; x < 20; x++) mask.pixels.set([255, 255, 255, 255], (y * 48 + x) * 4);
  const progress: [number, string | undefined][] = [];
  const out = (await run('InpaintImage', { image: img, mask }, { model: TINY_MEDIA_MODELS.inpaint }, context(progress))).image as Image;
  expect([out.width, out.height]).toEqual([48, 40]);
  let changedInside = 0;
  for (let y = 0; y < 40; y++)
    for (let x = 0; x < 48; x++) {
      const i = (y * 48 + x) * 4;
      const same = [0, 1, 2, 3].every((c) => out.pixels[i + c] === img.pixels[i + c]);
      const inside = x >= 12 && x < 20 && y >= 8 && y < 16;
      if (!inside) expect(same, `pixel ${x},${y} outside the mask`).toBe(true);
      else if (!same) changedInside++;
    }
  expect(changedInside).toBe(64);
  // The dark square is gone: filled from the light surroundings.
  expect(out.pixels[(12 * 48 + 16) * 4 + 2]).toBeGreaterThan(120);
  expect(progress.some(([, m]) => new RegExp(`at ${TINY_LAMA_SIZE}×${TINY_LAMA_SIZE}`).test(m ?? ''))).toBe(true);
  expect(progress.at(-1)![0]).toBe(1);

  // A one-pixel dark line on a picture wider than the model's square, masked by a one-pixel stroke: the line is gone.
  const big = picture(300, 40, { x0: 151, y0: 0, x1: 152, y1: 40 });
  const stroke = { ...big, pixels: new Uint8ClampedArray(big.pixels.length) };
  for (let i = 3; i < stroke.pixels.length; i += 4) stroke.pixels[i] = 255;
  for (let y = 0; y < 40; y++) stroke.pixels.set([255, 255, 255, 255], (y * 300 + 151) * 4);
  const stroked = (await run('InpaintImage', { image: big, mask: stroke }, { model: TINY_MEDIA_MODELS.inpaint })).image as Image;
  for (let y = 0; y < 40; y++) expect(stroked.pixels[(y * 300 + 151) * 4 + 2], `line pixel at y ${y}`).toBeGreaterThan(120);

  const black = { ...mask, pixels: new Uint8ClampedArray(mask.pixels.length).fill(0) };
  await expect(run('InpaintImage', { image: img, mask: black }, { model: TINY_MEDIA_MODELS.inpaint })).rejects.toThrow(/mask is all black/);
});

test('RemoveObject: the detector boxes the object, the box (with a margin) is filled, the rest is untouched; an absent label is a clear error', async () => {
  const img = picture(48, 40); // a dark square at (12..20, 8..16)
  const out = await run(
    'RemoveObject',
    { image: img },
    { object: 'Cup', detector: TINY_MEDIA_MODELS.detect, model: TINY_MEDIA_MODELS.inpaint, threshold: 0.5 },
  );
  const image = out.image as Image;
  const mask = out.mask as Image;
  expect([image.width, image.height, mask.width, mask.height]).toEqual([48, 40, 48, 40]);
  const masked = (x: number, y: number) => mask.pixels[(y * 48 + x) * 4] === 255;
  // The mask covers the square and not much more (the box grows by 10% per side, plus the detector's 32×32 blur).
  let area = 0;
  for (let y = 0; y < 40; y++) for (let x = 0; x < 48; x++) if (masked(x, y)) area++;
  for (let y = 8; y < 16; y++) for (let x = 12; x < 20; x++) expect(masked(x, y), `square pixel ${x},${y}`).toBe(true);
  expect(area).toBeLessThan(200);
  for (let y = 0; y < 40; y++)
    for (let x = 0; x < 48; x++) {
      const i = (y * 48 + x) * 4;
      if (!masked(x, y)) expect(image.pixels[i + 2], `pixel ${x},${y} outside the mask`).toBe(img.pixels[i + 2]);
    }
  // The dark square is gone.
  for (let y = 9; y < 15; y++) for (let x = 13; x < 19; x++) expect(image.pixels[(y * 48 + x) * 4 + 2]).toBeGreaterThan(120);

  await expect(
    run('RemoveObject', { image: img }, { object: 'dog', detector: TINY_MEDIA_MODELS.detect, model: TINY_MEDIA_MODELS.inpaint }),
  ).rejects.toThrow(/no "dog" found in the image \(found: cup; threshold 0.5\)/);
});

test("the mask shrinks or grows to the model's square without losing a stroke or leaving holes", async () => {
  const { squareMask } = await import('../../../src/workflow/functions/models/image-tensor');
  const stroke = new Uint8Array(300 * 40);
  for (let y = 0; y < 40; y++) stroke[y * 300 + 151] = 1;
  const small = squareMask(stroke, 300, 40, 64);
  const column = Math.floor((151 * 64) / 300);
  for (let y = 0; y < 64; y++) expect(small[y * 64 + column], `row ${y}`).toBe(1);
  expect(small.reduce((a, b) => a + b, 0)).toBe(64);
  const block = new Uint8Array(48 * 40).fill(1);
  expect(squareMask(block, 48, 40, 64).every((v) => v === 1)).toBe(true);
});

test('OutpaintImage: the canvas grows by the margins, the original stays in place, the margins are filled', async () => {
  const img = picture(32, 24);
  const out = (await run('OutpaintImage', { image: img }, { model: TINY_MEDIA_MODELS.inpaint, left: 8, right: 4, top: 0, bottom: 6 }))
    .image as Image;
  expect([out.width, out.height]).toEqual([44, 30]);
  for (let y = 0; y < 24; y++)
    for (let x = 0; x < 32; x++) expect(out.pixels[(y * 44 + x + 8) * 4], `original pixel ${x},${y}`).toBe(img.pixels[(y * 32 + x) * 4]);
  // The margin is not a copy of the edge: the model filled it.
  let differs = 0;
  for (let y = 0; y < 30; y++) if (out.pixels[(y * 44 + 1) * 4 + 1] !== img.pixels[Math.min(23, y) * 32 * 4 + 1]) differs++;
  expect(differs).toBeGreaterThan(0);
  expect(distinctColours(out)).toBeGreaterThan(100);
  await expect(run('OutpaintImage', { image: img }, { model: TINY_MEDIA_MODELS.inpaint, left: 0, right: 0 })).rejects.toThrow(
    /nothing to extend/,
  );
});

test('TextToImage: prompt → tokenizer → text encoder → UNet steps → VAE: the asked size, seeded, prompt-dependent, progress per step', async () => {
  const gen = (text: string, params: Record<string, unknown>, progress?: [number, string | undefined][]) =>
    run(
      'TextToImage',
      { prompt: { type: 'Text', text } },
      { model: TINY_MEDIA_MODELS.textToImage, tokenizer: TINY_MEDIA_MODELS.textToImage, width: 64, height: 128, ...params },
      context(progress),
    ).then((o) => o.image as Image);
  const progress: [number, string | undefined][] = [];
  const a = await gen('a lighthouse at sunset', { steps: 2, seed: 7 }, progress);
  expect([a.width, a.height]).toEqual([64, 128]);
  expect(distinctColours(a)).toBeGreaterThan(500);
  expect(progress.filter(([, m]) => /denoising step \d of 2/.test(m ?? ''))).toHaveLength(2);
  expect(progress.at(-1)![0]).toBe(1);
  // Three graphs and the tokenizer came from the mirror, each once.
  for (const f of ['text_encoder/model.onnx', 'unet/model.onnx', 'vae_decoder/model.onnx', 'tokenizer.json'])
    expect(srv.downloads(f), f).toBe(1);
  // Same seed and prompt: the same picture; another seed or prompt: another picture.
  expect((await gen('a lighthouse at sunset', { steps: 2, seed: 7 })).pixels).toEqual(a.pixels);
  expect((await gen('a lighthouse at sunset', { steps: 2, seed: 8 })).pixels).not.toEqual(a.pixels);
  expect((await gen('a red bicycle', { steps: 2, seed: 7 })).pixels).not.toEqual(a.pixels);

  await expect(gen('x', { width: 100 })).rejects.toThrow(/multiples of 64/);
  await expect(gen('   ', {})).rejects.toThrow(/prompt is empty/);
});

test('TextToImage: the default SD-Turbo needs WebGPU with shader-f16 — said on the node before any download', async () => {
  const err = await run('TextToImage', { prompt: { type: 'Text', text: 'a cat' } }, {}).catch((e: Error) => e);
  expect(String(err)).toMatch(
    /schmuell\/sd-turbo-ort-web needs WebGPU with the shader-f16 feature .* this runs on cpu: nothing was downloaded/,
  );
  expect(srv.requests).toEqual([]);
});

test('TextToSpeech: the MMS-TTS (VITS) pipeline on the tiny model: tokenizer, waveform, sampling rate', async () => {
  const progress: [number, string | undefined][] = [];
  const out = (
    await run('TextToSpeech', { text: { type: 'Text', text: 'Hello there' } }, { model: TINY_MEDIA_MODELS.tts }, context(progress))
  ).audio as Extract<Value, { type: 'Audio' }>;
  expect(out.sampleRate).toBe(16000);
  // "Hello there": 11 characters, lower-cased, with MMS's blank before, between and after them → 23 tokens × 64 samples.
  const samples = out.channels[0];
  expect(samples.length).toBe(23 * 64);
  // Blanks are silent, characters are not.
  expect(Math.max(...samples.subarray(0, 64).map(Math.abs))).toBe(0);
  expect(Math.max(...samples.subarray(64, 128))).toBeGreaterThan(0.1);
  expect(progress.at(-1)![0]).toBe(1);
});

test('Transcribe: Whisper on the tiny model — resampled to 16 kHz mono, log-mel features, encoder, cached decoding to the end token', async () => {
  const tone = (hz: number, rate: number, seconds: number) =>
    Float32Array.from({ length: rate * seconds }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate));
  const transcribe = (audio: Extract<Value, { type: 'Audio' }>, progress?: [number, string | undefined][]) =>
    run('Transcribe', { audio }, { model: TINY_MEDIA_MODELS.asr }, context(progress)).then((o) => (o.text as { text: string }).text);
  const progress: [number, string | undefined][] = [];
  // Stereo at 44.1 kHz: mixed to mono and resampled before the feature extractor.
  const a = await transcribe({ type: 'Audio', sampleRate: 44100, channels: [tone(440, 44100, 2), tone(440, 44100, 2)] }, progress);
  expect(a.length).toBeGreaterThan(0);
  expect(a).toMatch(/\.$/); // the tiny decoder ends after a full stop
  expect(a).not.toMatch(/<\|/); // special tokens are not in the text
  expect(progress.at(-1)![0]).toBe(1);
  for (const f of ['onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx']) expect(srv.downloads(f), f).toBe(1);
  // Deterministic, and the audio matters: another sound, another transcript.
  expect(await transcribe({ type: 'Audio', sampleRate: 44100, channels: [tone(440, 44100, 2), tone(440, 44100, 2)] })).toBe(a);
  expect(await transcribe({ type: 'Audio', sampleRate: 16000, channels: [new Float32Array(32000)] })).not.toBe(a);
});

test('plain ONNX delivery: progress in bytes over all three graphs, cancel mid-download, a missing repository told apart', async () => {
  const sizes = ['text_encoder', 'unet', 'vae_decoder'].map(
    (p) => fs.statSync(path.join(dir, TINY_MEDIA_MODELS.textToImage, p, 'model.onnx')).size,
  );
  const params = { model: TINY_MEDIA_MODELS.textToImage, tokenizer: TINY_MEDIA_MODELS.textToImage, width: 64, height: 64 };
  const prompt = { prompt: { type: 'Text' as const, text: 'a boat' } };

  // Cancel: the UNet's download is throttled; the run's signal stops it once another graph is in.
  forgetModel(TINY_MEDIA_MODELS.textToImage); // loaded by an earlier test: load afresh
  srv.throttle.set('unet/model.onnx', 500);
  const controller = new AbortController();
  const progress: [number, string | undefined][] = [];
  let downloading = () => {};
  const started = new Promise<void>((r) => (downloading = r));
  const ctx = standaloneContext({
    signal: controller.signal,
    progress: (f, m) => {
      progress.push([f, m]);
      if (m?.startsWith('downloading')) downloading();
    },
  });
  const pending = run('TextToImage', prompt, params, ctx);
  await Promise.race([started, pending]); // the UNet (1.5 kB at 500 B/s) is still coming
  controller.abort();
  await expect(pending).rejects.toThrow(/Download of tiny-sd-turbo cancelled/);
  // While it ran, progress counted bytes over all three graphs (their sum is the total).
  const total = sizes.reduce((a, b) => a + b, 0);
  expect(progress.some(([, m]) => new RegExp(`of ${(total / 1000).toFixed(1)} kB`).test(m ?? ''))).toBe(true);
  srv.throttle.clear();

  const missing = await run('InpaintImage', { image: picture(8, 8), mask: picture(8, 8) }, { model: 'nobody/lama' }).catch((e: Error) => e);
  expect(String(missing)).toMatch(/Could not load nobody\/lama .*not found .*answered 401/);
});
