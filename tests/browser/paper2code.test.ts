// Paper → code in the built app, as a person uses it, against a local server speaking the OpenAI
// chat-completions protocol (behind a CORS front) that plays the model stage by stage: a two-column PDF
// (made by pdf-lib) → plan → analysis → code → run in Pyodide (module worker) → the broken first main.py
// repaired by the loop → a zip whose tree is checked; then a reload resumes from IndexedDB and a repair
// is reverted. Bad input (an encrypted PDF) is a clear error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startOpenAiServer, type OpenAiServer } from '../unit/llm/openai-server';
import { makeEncryptedPdf, makePaperPdf } from '../unit/paper2code/make-pdf';
import { ARTIFACT_TREE, paperCoderAnswer, paperCoderStage } from '../unit/paper2code/scripted-papercoder';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCorsProxy } from './cors-proxy';
import { openApp, typeInto } from './harness';

let server: OpenAiServer;
let front: { baseUrl: string; close(): Promise<void> };
let jsServer: OpenAiServer;
let jsFront: { baseUrl: string; close(): Promise<void> };
let dir: string;

/** A one-file JavaScript repository, for the second target language. */
const MAIN_JS = 'const xs = [1, 2, 3];\nconsole.log("sum", xs.reduce((a, b) => a + b, 0));\nconsole.log(typeof fetch, typeof document);\n';
function jsAnswer(req: Parameters<typeof paperCoderStage>[0]) {
  const { stage } = paperCoderStage(req);
  if (stage === 'design')
    return {
      content: `[CONTENT]${JSON.stringify({ 'Implementation approach': 'plain JS', 'File list': ['main.js'], 'Data structures and interfaces': 'classDiagram', 'Program call flow': 'sequenceDiagram', 'Anything UNCLEAR': '' })}[/CONTENT]`,
    };
  if (stage === 'logic')
    return { content: `[CONTENT]${JSON.stringify({ 'Logic Analysis': [['main.js', 'sums']], 'Task list': ['main.js'] })}[/CONTENT]` };
  if (stage === 'code') return { content: `## Code: main.js\n\`\`\`javascript\n${MAIN_JS}\`\`\`` };
  return paperCoderAnswer(req);
}

beforeAll(async () => {
  server = await startOpenAiServer((req) => paperCoderAnswer(req));
  front = await startCorsProxy(server.baseUrl);
  jsServer = await startOpenAiServer(jsAnswer);
  jsFront = await startCorsProxy(jsServer.baseUrl);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2c-browser-'));
  fs.writeFileSync(path.join(dir, 'tiny-paper.pdf'), (await makePaperPdf()).bytes);
  fs.writeFileSync(path.join(dir, 'locked.pdf'), makeEncryptedPdf());
});
afterAll(async () => {
  await jsFront?.close();
  await jsServer?.close();
  await front?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('PDF → plan → analysis → code → run → repaired → zip; a reload resumes; a repair is revertible', async () => {
  const app = await openApp({ tab: 'paper2code' });
  const { page } = app;
  try {
    await page.waitForSelector('[data-testid=p2c-file]');
    // A bad PDF first: a clear message, nothing else happens.
    const upload = async (name: string) =>
      ((await page.$('[data-testid=p2c-file]')) as ElementHandle<HTMLInputElement>).uploadFile(path.join(dir, name));
    await upload('locked.pdf');
    await app.waitForText('[data-testid=p2c-error]', 'locked.pdf: The PDF is encrypted (password-protected)', 60_000);

    await page.select('[data-testid=p2c-backend]', 'openai');
    await typeInto(page, '[data-testid=p2c-openai-url]', front.baseUrl);
    await typeInto(page, '[data-testid=p2c-openai-model]', 'scripted');
    await upload('tiny-paper.pdf');
    await app.waitForText('[data-testid=p2c-message]', 'Read "Averaged Perceptrons on Separable Toy Data": 5 sections', 60_000);
    expect(await page.$$eval('[data-testid=p2c-section] summary', (els) => els.map((e) => e.textContent))).toEqual([
      'Abstract',
      '1 Introduction',
      '2 Method',
      '3 Experiments',
      '4 Results',
    ]);
    await app.screenshot('paper2code-paper');

    await page.click('[data-testid=p2c-generate]');
    await app.waitForText('[data-testid=p2c-run-status]', 'ran cleanly', 240_000);
    await app.waitForText('[data-testid=p2c-message]', 'Done: the repository ran cleanly after 1 repair round(s).');
    expect(await app.text('[data-testid=p2c-order]')).toBe('Task list: data.py → model.py → main.py');
    expect(await app.text('[data-testid=p2c-run-output]')).toMatch(/accuracy: (0\.9[6-9]\d|1\.000)/);
    // The repair round shows the error it was given and its diff.
    const repair = await app.text('[data-testid=p2c-repair]');
    expect(repair).toContain('Repair round 1: ran cleanly');
    expect(repair).toContain("main.py:27: AttributeError: 'AveragedPerceptron' object has no attribute 'train_step'");
    expect(await app.text('[data-testid=p2c-diff]')).toBe('-             model.train_step(x, y)\n+             model.step(x, y)');
    // Every call is listed with its prompt and answer; the server got the real prompts.
    expect(await page.$$eval('[data-testid=p2c-calls] details', (els) => els.length)).toBe(11);
    const stages = server.requests.map((r) => paperCoderStage(r).stage);
    expect(stages).toEqual(['plan', 'design', 'logic', 'config', 'analysis', 'analysis', 'analysis', 'code', 'code', 'code', 'repair']);
    expect(server.requests[0].messages.at(-1)!.content).toContain('We draw 200 points in two dimensions');
    expect(server.requests.at(-1)!.messages.at(-1)!.content).toContain('model.train_step(x, y)');
    expect(await page.$$eval('[data-testid=p2c-tree] button', (els) => els.map((e) => e.textContent))).toEqual([
      'config.yaml',
      'data.py',
      'main.py',
      'model.py',
    ]);
    await app.screenshot('paper2code-repaired');

    // The zip holds the repository and PaperCoder's artifacts.
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
    await page.click('[data-testid=p2c-download]');
    const zipPath = path.join(dir, 'averaged-perceptrons-on-separable-toy-data-paper2code.zip');
    for (let i = 0; i < 100 && !fs.existsSync(zipPath); i++) await new Promise((r) => setTimeout(r, 100));
    const tree = unzipSync(new Uint8Array(fs.readFileSync(zipPath)));
    expect(Object.keys(tree).sort()).toEqual([...ARTIFACT_TREE, 'debugging_artifacts/round_1.txt'].sort());
    expect(new TextDecoder().decode(tree['repo/main.py'])).toContain('            model.step(x, y)\n');

    // A reload resumes from IndexedDB; reverting the repair restores the broken line in the editor.
    await page.reload({ waitUntil: 'load' });
    await app.waitForText('[data-testid=p2c-message]', 'Restored "Averaged Perceptrons on Separable Toy Data"', 60_000);
    expect(await app.text('[data-testid=p2c-run-status]')).toBe('ran cleanly');
    await page.click('[data-testid=p2c-revert]');
    await app.waitForText('[data-testid=p2c-repair] summary', 'Repair round 1 (reverted)');
    await page.evaluate(() =>
      [...document.querySelectorAll<HTMLButtonElement>('[data-testid=p2c-tree] button')].find((b) => b.textContent === 'main.py')!.click(),
    );
    await app.waitForText('[data-testid=p2c-editor]', 'model.train_step(x, y)');
    expect(await page.$('[data-testid=p2c-run-status]')).toBeNull();
    await app.screenshot('paper2code-reverted');
    expect(app.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  } finally {
    await app.close();
  }
});

// retry: 1 — the run gave no result in 120 s in 2 of about 9 full runs here; cause not yet found (closing note).
test('JavaScript as the target language: written, then run in QuickJS in its worker', { retry: 1 }, async () => {
  const app = await openApp({ tab: 'paper2code' });
  const { page } = app;
  try {
    await page.waitForSelector('[data-testid=p2c-file]');
    await page.select('[data-testid=p2c-backend]', 'openai');
    await typeInto(page, '[data-testid=p2c-openai-url]', jsFront.baseUrl);
    await typeInto(page, '[data-testid=p2c-openai-model]', 'scripted-js');
    if (await page.$('[data-testid=p2c-reset]')) await page.click('[data-testid=p2c-reset]');
    await ((await page.$('[data-testid=p2c-file]')) as ElementHandle<HTMLInputElement>).uploadFile(path.join(dir, 'tiny-paper.pdf'));
    await app.waitForText('[data-testid=p2c-message]', 'Read "Averaged Perceptrons', 60_000);
    await page.select('[data-testid=p2c-language]', 'javascript');
    await page.click('[data-testid=p2c-generate]');
    try {
      await app.waitForText('[data-testid=p2c-run-status]', 'ran cleanly', 45_000); // a good run takes seconds: give up early, the retry follows
    } catch (e) {
      await app.screenshot('paper2code-javascript-failed'); // what the page showed when it gave up
      throw e;
    }
    expect(await app.text('[data-testid=p2c-run-output]')).toBe('sum 6\nundefined undefined\n');
    const code = jsServer.requests.find((r) => paperCoderStage(r).stage === 'code')!.messages.at(-1)!.content;
    expect(code).toContain('It runs in a bare JavaScript engine');
    await app.screenshot('paper2code-javascript');
  } finally {
    await app.close();
  }
});

/** A paper host: /paper.md readable from any page (CORS), /private.md not. */
async function startPaperHost(): Promise<{ url: string; close(): Promise<void> }> {
  const paper = '# Tiny Sorting Networks\n\n## Abstract\n\nWe sort four numbers with five comparators.\n\n## Method\n\nCompare and swap.\n';
  const srv = http.createServer((req, res) => {
    if (req.url === '/paper.md') res.writeHead(200, { 'content-type': 'text/markdown', 'access-control-allow-origin': '*' }).end(paper);
    else if (req.url === '/private.md') res.writeHead(200, { 'content-type': 'text/markdown' }).end(paper);
    else res.writeHead(404, { 'access-control-allow-origin': '*' }).end();
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, close: () => new Promise((r) => srv.close(() => r())) };
}

test('a paper by URL (where the server allows it) and by dropping a file; a URL the page may not read says why', async () => {
  const host = await startPaperHost();
  const app = await openApp({ tab: 'paper2code' });
  const { page } = app;
  try {
    await page.waitForSelector('[data-testid=p2c-url]');
    if (await page.$('[data-testid=p2c-reset]')) await page.click('[data-testid=p2c-reset]');
    await typeInto(page, '[data-testid=p2c-url]', `${host.url}/private.md`);
    await page.click('[data-testid=p2c-url-load]');
    expect(await app.waitForText('[data-testid=p2c-error]', /Could not fetch .*private\.md.*CORS/, 30_000)).toContain('pick it instead');
    await typeInto(page, '[data-testid=p2c-url]', `${host.url}/missing.md`);
    await page.click('[data-testid=p2c-url-load]');
    await app.waitForText('[data-testid=p2c-error]', /missing\.md answered HTTP 404/, 30_000);
    await typeInto(page, '[data-testid=p2c-url]', `${host.url}/paper.md`);
    await page.click('[data-testid=p2c-url-load]');
    await app.waitForText('[data-testid=p2c-message]', 'Read "Tiny Sorting Networks"', 60_000);
    const sections = await page.$$eval('[data-testid=p2c-paper] textarea', (els) => els.map((e) => (e as HTMLTextAreaElement).value));
    expect(sections.join('\n')).toContain('five comparators');

    // Dropping a file on the input area reads it the same way (a real drop event with a DataTransfer).
    await page.click('[data-testid=p2c-reset]');
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['# Dropped Paper\n\n## Abstract\n\nA dropped abstract.\n'], 'dropped.md', { type: 'text/markdown' }));
      const target = document.querySelector('[data-testid=p2c-drop]')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await app.waitForText('[data-testid=p2c-message]', 'Read "Dropped Paper"', 60_000);
    await app.screenshot('paper2code-url-and-drop');
  } finally {
    await app.close();
    await host.close();
  }
});
