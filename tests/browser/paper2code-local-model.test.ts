// Paper → code with the in-browser model (transformers.js in the page's LLM path), on the repo's tiny random chat
// model served by a hub-like local mirror: the model loads from the mirror, every call is recorded with its prompt and answer, and
// because a random model cannot write the architecture design's JSON, the stage fails the way a weak real model
// would — one schema-repair round, then a clear message that keeps everything done so far.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TINY_CHAT_MODEL_ID, writeTinyChatModel, writeTinyDtypeFiles } from '../../scripts/make-tiny-models';
import { DEFAULT_LLM_SETTINGS, STORAGE_KEY, type LlmSettings } from '../../src/llm/settings';
import { startModelServer, type ModelServer } from '../unit/llm/model-server';
import { openApp } from './harness';

let dir: string;
let srv: ModelServer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2c-local-model-'));
  writeTinyDtypeFiles(writeTinyChatModel(dir), ['q8', 'q4']);
  srv = await startModelServer(dir);
});
afterAll(async () => {
  await srv?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('in-browser model from the local mirror: every call recorded, malformed design JSON → one repair round → a clear stop', async () => {
  const app = await openApp({ tab: 'paper2code' });
  const { page } = app;
  try {
    const settings: LlmSettings = {
      ...DEFAULT_LLM_SETTINGS,
      kind: 'transformers',
      transformers: { modelId: TINY_CHAT_MODEL_ID, device: 'wasm', dtype: '', localModelPath: srv.url },
    };
    await page.evaluate((key, value) => localStorage.setItem(key, value), STORAGE_KEY, JSON.stringify(settings));
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('[data-testid=p2c-backend]');
    expect(await page.$eval('[data-testid=p2c-backend]', (el) => (el as HTMLSelectElement).value)).toBe('transformers');
    if (await page.$('[data-testid=p2c-reset]')) await page.click('[data-testid=p2c-reset]');
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['# Tiny Sorting Networks\n\n## Abstract\n\nWe sort four numbers with five comparators.\n'], 'tiny.md'));
      document
        .querySelector('[data-testid=p2c-drop]')!
        .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await app.waitForText('[data-testid=p2c-message]', 'Read "Tiny Sorting Networks"', 60_000);
    await page.click('[data-testid=p2c-generate]');
    const error = await app.waitForText('[data-testid=p2c-error]', /malformed twice/, 240_000);
    expect(error).toMatch(/Architecture design|design/i);
    // Every call is recorded: the overall plan, the design, and its one repair round.
    const calls = await page.$$eval('[data-testid=p2c-calls] summary', (els) => els.map((e) => e.textContent ?? ''));
    expect(calls.length).toBe(3);
    expect(calls[2]).toMatch(/schema repair/);
    // The model came from the local mirror, not the hub.
    expect(srv.requests.some((r) => r.path.includes(TINY_CHAT_MODEL_ID))).toBe(true);
    await app.screenshot('paper2code-local-model');
  } finally {
    await app.close();
  }
});
