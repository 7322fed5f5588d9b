// transformers.js in a real Chromium, through the LLM worker: the Workflows planner's in-browser model backend
// loads the tiny model the repo generates from a local folder (no hub, no CDN), shows download progress to 100%,
// plans with it under constrained decoding (the default: the program parses and checks whatever the random weights),
// and after a reload loads the weights from the browser cache.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TINY_CHAT_MODEL_ID, writeTinyChatModel, writeTinyDtypeFiles } from '../../scripts/make-tiny-models';
import { STORAGE_KEY, DEFAULT_LLM_SETTINGS, type LlmSettings } from '../../src/llm/settings';
import { analyse } from '../../src/workflow/lang';
import { getRegistry } from '../../src/workflow/functions';
import { openApp, type AppSession } from './harness';

let dir: string;
let server: http.Server;
let modelsUrl: string;
const requests: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-models-'));
  // wasm asks for the catalogue's q8 file (onnx/model_quantized.onnx).
  writeTinyDtypeFiles(writeTinyChatModel(dir), ['q8']);
  // A self-hosted model folder on another origin, as a visitor's own server would be (CORS, content-length).
  server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/models\//, '');
    requests.push(rel);
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'access-control-allow-origin': '*' });
      return res.end('not found');
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-length': body.length, 'content-type': 'application/octet-stream' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  modelsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/models/`;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Chooses the in-browser model, types the instruction, clicks Plan; records every download percentage shown. */
async function startPlan(app: AppSession): Promise<void> {
  await app.page.waitForSelector('[data-testid=wf-planner]');
  await app.page.select('[data-testid=wf-backend]', 'transformers');
  await app.page.click('[data-testid=wf-instruction]', { count: 3 });
  await app.page.keyboard.sendCharacter('turn this cat photo into a cartoon-style video');
  await app.page.evaluate(() => {
    const seen: number[] = ((window as unknown as { __progress: number[] }).__progress = []);
    const box = document.querySelector('[data-testid=wf-planner]')!;
    new MutationObserver(() => {
      const m = /Downloading .*?\((\d+)%\)/.exec(box.textContent ?? '');
      if (m && Number(m[1]) !== seen.at(-1)) seen.push(Number(m[1]));
    }).observe(box, { subtree: true, childList: true, characterData: true });
  });
  await app.page.click('[data-testid=wf-plan]');
}

const progressSeen = (app: AppSession) => app.page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);

// retry: 1 — the first plan hung (no answer in 150 s) in 1 of 5 full runs here; cause not yet found (closing note).
test(
  'the in-browser model backend loads the tiny model in its worker, plans with it, then loads it from the cache',
  { retry: 1 },
  async () => {
    const app = await openApp({ tab: 'workflows' });
    try {
      // wasm: with device 'auto' (WebGPU on SwiftShader here) the planner's six calls did not finish within 150 s,
      // so the test pins the wasm device.
      const settings: LlmSettings = {
        ...DEFAULT_LLM_SETTINGS,
        kind: 'transformers',
        // The random model never ends by itself: every answer runs to its forced closing, so a short limit.
        transformers: { modelId: TINY_CHAT_MODEL_ID, device: 'wasm', dtype: '', localModelPath: modelsUrl, maxTokens: 160 },
      };
      await app.page.evaluate((key, value) => localStorage.setItem(key, value), STORAGE_KEY, JSON.stringify(settings));
      await app.page.reload({ waitUntil: 'load' });

      await startPlan(app);
      const message = await app.waitForText('[data-testid=wf-plan-message]', /Planned with|still has problems|failed/, 150_000);
      const attempts = await app.page.$$eval('[data-testid=wf-planner] details summary', (els) => els.map((e) => e.textContent ?? ''));
      // The random model writes nothing sensible, but under the grammar (on by default, and said so) its first
      // program parses and checks: one attempt, placed in the editor.
      expect(await app.page.$eval('[data-testid=wf-constrained]', (el) => (el as HTMLInputElement).checked)).toBe(true);
      expect(await app.text('[data-testid=wf-constrained-note]')).toMatch(
        /Constrained decoding: the model can only write programs that parse and check/,
      );
      expect(message).toContain('Planned with');
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatch(/Attempt 1 \(generate\)/);
      const program = await app.page.$eval('[data-testid=wf-editor] .cm-content', (el) => (el as HTMLElement).innerText);
      expect(program).toMatch(/ = [A-Z]\w*\(/);
      expect(analyse(program, getRegistry()).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      // Download progress was shown, never went backwards, and reached 100%.
      const progress = await progressSeen(app);
      expect(progress.length).toBeGreaterThan(1);
      for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
      expect(progress.at(-1)).toBe(100);
      // Every file came from the local folder; generation ran in the LLM worker, not on the page.
      for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'])
        expect(requests).toContain(`${TINY_CHAT_MODEL_ID}/${f}`);
      expect(app.page.workers().some((w) => /llm\.worker/.test(w.url()))).toBe(true);
      expect(app.errors).toEqual([]);
      await app.screenshot('llm-tiny-model-plan');

      // Reload: the weights come from Cache Storage, not the network (then stop the plan: loading is what counts).
      const onnxFetches = requests.filter((r) => r.endsWith('model_quantized.onnx')).length;
      expect(onnxFetches).toBeGreaterThan(0); // a size probe (Range request) and the download
      expect(await app.page.evaluate(async () => (await caches.keys()).includes('transformers-cache'))).toBe(true);
      await app.page.reload({ waitUntil: 'load' });
      await startPlan(app);
      // Loaded: the progress line reached 100%, or (a cache load can be too quick for the observer) the first
      // attempt is already listed.
      await app.page.waitForFunction(
        () =>
          (window as unknown as { __progress: number[] }).__progress.includes(100) ||
          document.querySelector('[data-testid=wf-planner] details summary') !== null,
        { timeout: 60_000 },
      );
      const stop = await app.page.$('[data-testid=wf-planner] button::-p-text(Stop)');
      if (stop) await stop.click();
      await app.waitForText('[data-testid=wf-plan-message]', /Planned with|still has problems|cancelled|failed/, 60_000);
      expect(requests.filter((r) => r.endsWith('model_quantized.onnx')).length).toBe(onnxFetches);
    } finally {
      await app.close();
    }
  },
);
