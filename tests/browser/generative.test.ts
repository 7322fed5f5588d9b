// The generative workflow functions in the built app, through the Workflows tab, on the repo's tiny ONNX models
// (scripts/tiny-media-models.ts) served by the hub-like local mirror: a prompt becomes a picture (TextToImage:
// tokenizer, text encoder, UNet step, VAE in the workflow worker) that UpscaleImage doubles; the gallery shows
// both at their sizes and the nodes say where they ran. The default SD-Turbo on an adapter without shader-f16
// (SwiftShader) is a clear error on its node, before any download. Kept small: SwiftShader is slow.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TINY_MEDIA_MODELS, writeTinyMediaModels } from '../../scripts/tiny-media-models';
import { STORAGE_KEY, DEFAULT_LLM_SETTINGS, type LlmSettings } from '../../src/llm/settings';
import { startModelServer, type ModelServer } from '../unit/llm/model-server';
import { openApp, typeInto } from './harness';

let dir: string;
let srv: ModelServer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-media-'));
  writeTinyMediaModels(dir);
  srv = await startModelServer(dir);
});

afterAll(async () => {
  await srv?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('TextToImage → UpscaleImage on the tiny models in the Workflows tab; the default SD-Turbo says it needs shader-f16', async () => {
  const app = await openApp({ tab: 'workflows' });
  try {
    const settings: LlmSettings = {
      ...DEFAULT_LLM_SETTINGS,
      transformers: { ...DEFAULT_LLM_SETTINGS.transformers, localModelPath: srv.url },
      confirmAboveMB: 100,
    };
    await app.page.evaluate((key, value) => localStorage.setItem(key, value), STORAGE_KEY, JSON.stringify(settings));
    await app.page.reload({ waitUntil: 'load' });
    await app.page.waitForSelector('[data-testid=wf-editor] .cm-content');

    const t2i = `model="${TINY_MEDIA_MODELS.textToImage}", tokenizer="${TINY_MEDIA_MODELS.textToImage}", width=64, height=64, steps=1, seed=3`;
    await typeInto(
      app.page,
      '[data-testid=wf-editor] .cm-content',
      [
        't = TextInput(text="a lighthouse at sunset")',
        `gen = TextToImage(${t2i})`,
        `up = UpscaleImage(scale="2", model="${TINY_MEDIA_MODELS.upscale}")`,
        't.text -> gen.prompt',
        'gen.image -> up.image',
        '',
      ].join('\n'),
    );
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
    await app.page.click('[data-testid=wf-run]');
    await app.waitForText('[data-testid=wf-run-note]', /Done in|error/, 180_000);
    expect(await app.text('[data-testid=wf-run-note]')).toMatch(/Done in/);
    const gen = await app.text('[data-testid=wf-status-gen]');
    const upStatus = await app.text('[data-testid=wf-status-up]');
    console.log(`generative nodes in SwiftShader: ${gen} | ${upStatus}`);
    expect(gen).toMatch(/64×64 in 1 step on (webgpu|wasm)/);
    expect(upStatus).toMatch(/64×64 → 128×128/);
    // The upscaled picture: 128×128 and not one flat colour.
    const up = await app.page.$eval('[data-testid=wf-output-up-image] img', async (el) => {
      const img = el as HTMLImageElement;
      await img.decode();
      const c = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const px = g.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < px.length; i += 4) colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
      return { w: img.naturalWidth, h: img.naturalHeight, colours: colours.size };
    });
    expect([up.w, up.h]).toEqual([128, 128]);
    expect(up.colours).toBeGreaterThan(100);
    for (const f of ['text_encoder/model.onnx', 'unet/model.onnx', 'vae_decoder/model.onnx']) expect(srv.downloads(f), f).toBe(1);
    await app.screenshot('generative-text-to-image-upscale');

    // The default model needs float16 shaders; SwiftShader has none: the node says so and nothing is fetched.
    srv.requests.length = 0;
    await typeInto(
      app.page,
      '[data-testid=wf-editor] .cm-content',
      't = TextInput(text="a cat")\ngen = TextToImage()\nt.text -> gen.prompt\n',
    );
    await app.page.click('[data-testid=wf-run]');
    const err = await app.waitForText('[data-testid=wf-run-errors]', /shader-f16/, 60_000);
    expect(err).toMatch(/schmuell\/sd-turbo-ort-web needs WebGPU with the shader-f16 feature/);
    expect(srv.requests).toEqual([]);
    expect(app.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  } finally {
    await app.close();
  }
});
