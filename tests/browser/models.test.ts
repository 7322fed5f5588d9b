// Model delivery in the built app (issue 15), on the repo's tiny model served by a hub-like local mirror
// (tests/unit/llm/model-server.ts): the planner shows the size and where it goes before downloading and asks
// above the user's limit; progress in bytes moves; Stop cancels and Retry resumes; the WebGPU session (made to
// fail: its dtype's file is garbage) falls back to wasm and says so; GenerateText in the workflow worker reuses
// the planner's download (the server sees one); an impossible language pair is refused with no request; the
// Models panel lists the cached model with its size and deletes it; a workflow node above the download limit asks
// first; a missing model says "not found".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TINY_CHAT_MODEL_ID, writeTinyChatModel, writeTinyDtypeFiles } from '../../scripts/make-tiny-models';
import { STORAGE_KEY, DEFAULT_LLM_SETTINGS, type LlmSettings } from '../../src/llm/settings';
import { startModelServer, type ModelServer } from '../unit/llm/model-server';
import { openApp, typeInto } from './harness';

let dir: string;
let srv: ModelServer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-models-'));
  writeTinyDtypeFiles(writeTinyChatModel(dir), ['q8', 'q4']);
  srv = await startModelServer(dir);
  // SwiftShader has no shader-f16, so WebGPU asks for q4: that file is garbage, its session cannot be created.
  srv.replace.set('onnx/model_q4.onnx', new TextEncoder().encode('not an onnx model'));
});

afterAll(async () => {
  await srv?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// retry: 1 and a 150 s first wait — in 2 of 4 full runs here (never alone) the first answer, the missing model's
// "not found", took over 60 s: the first use of the in-browser model starts the LLM worker (transformers.js and
// the onnxruntime wasm) while the machine is loaded; cause not yet pinned down (closing note).
test(
  'size before download, confirm, bytes progress, cancel and retry, wasm fallback, one shared download, pair check, Models panel',
  { retry: 1, timeout: 300_000 },
  async () => {
    const app = await openApp({ tab: 'workflows' });
    try {
      const settings: LlmSettings = {
        ...DEFAULT_LLM_SETTINGS,
        kind: 'transformers',
        transformers: { modelId: TINY_CHAT_MODEL_ID, device: 'auto', dtype: '', localModelPath: srv.url },
        confirmAboveMB: 0, // ask before every download
      };
      await app.page.evaluate((key, value) => localStorage.setItem(key, value), STORAGE_KEY, JSON.stringify(settings));
      await app.page.reload({ waitUntil: 'load' });
      await app.page.waitForSelector('[data-testid=wf-planner]');
      await app.page.select('[data-testid=wf-backend]', 'transformers');

      // A missing model: "not found", told apart from a network failure, and nothing downloaded.
      await typeInto(app.page, '[data-testid=wf-model-id]', 'nobody/no-such-model');
      await app.page.click('[data-testid=wf-plan]');
      const missing = await app.waitForText('[data-testid=wf-plan-message]', /Model download failed/, 150_000);
      expect(missing).toMatch(/not found .*answered 401 RepoNotFound/);
      await app.page.waitForSelector('[data-testid=wf-download-retry]');
      await typeInto(app.page, '[data-testid=wf-model-id]', TINY_CHAT_MODEL_ID);

      // The size and where it goes, before any weights: the limit (0 MB) asks first.
      srv.requests.length = 0;
      srv.throttle.set('onnx/model_quantized.onnx', 50_000);
      await app.page.click('[data-testid=wf-plan]');
      const confirm = await app.waitForText('[data-testid=wf-download-confirm]', /above your limit/, 60_000);
      expect(confirm).toMatch(
        /tiny-random-chat \(q4, webgpu\): \d+(\.\d+)? kB to download into this browser's Cache Storage \("transformers-cache"\)/,
      );
      expect(srv.downloads('.onnx')).toBe(0);
      await app.screenshot('models-confirm');

      // Download: the WebGPU session fails on the garbage q4 file, the fallback downloads q8 slowly; bytes move; Stop.
      await app.page.evaluate(() => {
        const seen: string[] = ((window as unknown as { __bytes: string[] }).__bytes = []);
        new MutationObserver(() => {
          const t = document.querySelector('[data-testid=wf-download]')?.textContent ?? '';
          const m = /model_quantized\.onnx: ([\d.]+ k?B) of/.exec(t);
          if (m && m[1] !== seen.at(-1)) seen.push(m[1]);
        }).observe(document.querySelector('[data-testid=wf-planner]')!, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
      await app.page.click('[data-testid=wf-download-allow]');
      await app.page.waitForFunction(() => (window as unknown as { __bytes: string[] }).__bytes.length >= 3, {
        timeout: 60_000,
      });
      const progressLine = await app.text('[data-testid=wf-download]');
      expect(progressLine).toMatch(/model_quantized\.onnx: [\d.]+ kB of [\d.]+ kB \(\d+%\) · [\d.]+ kB\/s · \d+ s left/);
      expect(await app.text('[data-testid=wf-model-note]')).toMatch(/WebGPU session failed .*running on wasm \(q8\)/);
      await app.page.click('[data-testid=wf-plan-stop]');
      await app.waitForText('[data-testid=wf-plan-message]', 'Download cancelled.', 30_000);
      await app.screenshot('models-cancelled');

      // Retry: the download completes (no throttle now), then planning starts; stop it — loading is what counts.
      srv.throttle.clear();
      await app.page.click('[data-testid=wf-download-retry]');
      await app.waitForText('[data-testid=wf-download]', '(100%)', 60_000);
      await app.page.click('[data-testid=wf-plan-stop]');
      await app.waitForText('[data-testid=wf-plan-message]', /cancelled|still has problems|failed/, 60_000);
      expect(srv.downloads('onnx/model_quantized.onnx')).toBe(2); // the cancelled one and the retry
      expect(srv.downloads('onnx/model_q4.onnx')).toBe(1);

      // GenerateText in the workflow worker: same model, same dtype choice, read from Cache Storage — no download.
      await typeInto(
        app.page,
        '[data-testid=wf-editor] .cm-content',
        `p = TextInput(text="hi")\ng = GenerateText(model="${TINY_CHAT_MODEL_ID}", maxTokens=4)\np.text -> g.prompt\n`,
      );
      await app.page.click('[data-testid=wf-run]');
      await app.waitForText('[data-testid=wf-run-note]', /Done in|error/, 120_000);
      expect(await app.text('[data-testid=wf-run-note]')).toMatch(/Done in/);
      expect(await app.text('[data-testid=wf-status-g]')).toMatch(/tiny-random-chat on wasm \(q8\) — .*WebGPU session failed/);
      expect(srv.downloads('onnx/model_quantized.onnx')).toBe(2);
      expect(srv.downloads('onnx/model_q4.onnx')).toBe(1);
      await app.screenshot('models-generate-text-shared');

      // An impossible language pair: refused before any request.
      srv.requests.length = 0;
      await typeInto(
        app.page,
        '[data-testid=wf-editor] .cm-content',
        't = TextInput(text="Good night")\nj = Translate(from="en", to="ja")\nt.text -> j.text\n',
      );
      await app.page.click('[data-testid=wf-run]');
      const err = await app.waitForText('[data-testid=wf-run-errors]', /no OPUS-MT model/, 60_000);
      expect(err).toMatch(/no OPUS-MT model for en → ja .*Xenova\/m2m100_418M/);
      expect(srv.requests).toEqual([]);

      // The Models panel: the cached model with its size; Delete removes its files from Cache Storage.
      await app.page.click('[data-testid=wf-models] summary');
      const row = await app.waitForText('[data-testid=wf-models-list]', /tiny-random-chat/, 30_000);
      expect(row).toMatch(/127\.0\.0\.1:\d+\/models\/tiny-random-chat\s*\d+ file\(s\)\s*[\d.]+ kB/);
      await app.screenshot('models-panel');
      await app.page.click('[data-testid=wf-models-delete]');
      await app.waitForText(
        '[data-testid=wf-models-message]',
        /Deleted \d+ file\(s\) of 127\.0\.0\.1:\d+\/models\/tiny-random-chat/,
        30_000,
      );
      const left = await app.page.evaluate(
        async () => (await (await caches.open('transformers-cache')).keys()).filter((r) => r.url.includes('tiny-random-chat')).length,
      );
      expect(left).toBe(0);

      // Deleted, so a workflow node must download again: above the limit it asks first, with the size.
      srv.requests.length = 0;
      await typeInto(
        app.page,
        '[data-testid=wf-editor] .cm-content',
        `p = TextInput(text="hi")\ng = GenerateText(model="${TINY_CHAT_MODEL_ID}", maxTokens=2)\np.text -> g.prompt\n`,
      );
      await app.page.click('[data-testid=wf-run]');
      const ask = await app.waitForText('[data-testid=wf-run-errors]', /above your limit/, 60_000);
      expect(ask).toMatch(/tiny-random-chat \(q4, webgpu\): [\d.]+ kB to download into this browser's Cache Storage/);
      expect(srv.downloads('.onnx')).toBe(0);
      await app.page.click('[data-testid=wf-allow-download]');
      await app.waitForText('[data-testid=wf-run-note]', /Done in/, 120_000);
      expect(srv.downloads('onnx/model_quantized.onnx')).toBe(1);
      expect(app.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await app.close();
    }
  },
);
