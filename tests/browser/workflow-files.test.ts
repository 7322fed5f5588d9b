// Issue 13 in the built app: files a user opens are untrusted and work is never lost. A 60k-node program
// (with 20k edges from unknown nodes) opens without freezing the page — another tab answers a click while it
// loads, and the checking happens in the lang worker; opening a file, an example or a plan over edited work
// asks first; a full storage is reported; a reload brings back the last autosave. Also the endpoint key:
// this session only by default, on the device only when asked, and "Forget key".
import fs from 'node:fs';
import path from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, typeInto, ARTIFACTS, type AppSession } from './harness';

const editorText = (app: AppSession) => app.page.$eval('[data-testid=wf-editor] .cm-content', (el) => (el as HTMLElement).innerText);

const typeProgram = (app: AppSession, text: string) => typeInto(app.page, '[data-testid=wf-editor] .cm-content', text);

async function upload(app: AppSession, name: string, body: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  fs.writeFileSync(file, body);
  const input = (await app.page.$('[data-testid=wf-file]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
}

describe('Workflows tab: untrusted files, nothing lost', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ tab: 'workflows' });
    await app.page.waitForSelector('[data-testid=wf-editor] .cm-content');
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
  });
  afterAll(async () => app?.close());

  test('a 60k-node program opens while the page stays responsive; the checking runs in the lang worker', async () => {
    const lines: string[] = [];
    for (let k = 0; k < 60_000; k++) lines.push(`n${k} = Number(value=${k})`);
    for (let k = 0; k < 20_000; k++) lines.push(`m${k}.value -> n${k}.a`);
    const body = lines.join('\n');
    // The longest main-thread task while it loads (the Long Tasks API).
    await app.page.evaluate(() => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: 'longtask' });
    });
    await upload(app, 'big-program.alang', body);
    // While it loads, another tab answers a click, and coming back shows the program.
    await app.goto('energy');
    await app.goto('workflows');
    const note = await app.waitForText('[data-testid=wf-note]', 'Opened big-program.alang', 120_000);
    expect(note).toContain('(60000 nodes)');
    const diags = await app.waitForText('[data-testid=wf-diagnostics]', 'more', 120_000);
    // Two errors per bad edge (unknown node; Number has no input 'a'): 40k; 200 listed, the rest counted.
    expect(diags).toContain('… and 39800 more');
    expect(diags).toMatch(/60001:1\s*error: unknown node 'm0'/);
    expect(await app.text('[data-testid=wf-graph-off]')).toContain('this one has 60000');
    expect(app.page.workers().some((w) => /workflow-lang/.test(w.url()))).toBe(true);
    const longest = await app.page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    console.log(`longest main-thread task while opening the 60k-node program: ${longest.toFixed(0)} ms`);
    expect(longest).toBeLessThan(2_000);
    await app.screenshot('workflow-big-program');
  });

  test('opening a file, a plan or an example over edited work asks first; the old program stays in Earlier versions', async () => {
    await typeProgram(app, 'mine = TextInput(text="my work")');
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
    const json = JSON.stringify({ version: 1, nodes: [{ id: 'n', fn: 'Number', params: { value: 2 } }], edges: [] });
    await upload(app, 'two.json', json);
    await app.waitForText('[data-testid=wf-confirm]', 'Replace it with two.json?');
    await app.page.click('[data-testid=wf-confirm-keep]');
    await app.waitForText('[data-testid=wf-note]', 'Kept your program; two.json was not loaded.');
    expect(await editorText(app)).toBe('mine = TextInput(text="my work")');
    // The planner asks too.
    await app.page.select('[data-testid=wf-backend]', 'rules');
    await app.page.click('[data-testid=wf-plan]');
    await app.waitForText('[data-testid=wf-confirm]', 'Replace it with the planned program?');
    await app.page.click('[data-testid=wf-confirm-keep]');
    expect(await editorText(app)).toBe('mine = TextInput(text="my work")');
    // Replace: the file is in; the edited program is kept in the history and can come back.
    await upload(app, 'two.json', json);
    await app.waitForText('[data-testid=wf-confirm]', 'Replace it with two.json?');
    await app.page.click('[data-testid=wf-confirm-replace]');
    await app.waitForText('[data-testid=wf-note]', 'Imported two.json (1 nodes).');
    expect((await editorText(app)).trim()).toBe('n = Number(value=2)');
    const history = await app.page.$$eval('[data-testid=wf-history] option', (os) => os.map((o) => o.textContent ?? ''));
    expect(history.some((h) => h.includes('before loading two.json'))).toBe(true);
    // Nothing edited since: an example replaces without asking.
    await app.page.select('[data-testid=wf-examples]', 'cat-cartoon-video');
    await app.page.waitForFunction(() =>
      document.querySelector('[data-testid=wf-editor] .cm-content')!.textContent!.includes('Cartoonize'),
    );
    expect(await app.page.$('[data-testid=wf-confirm]')).toBeNull();
    await app.screenshot('workflow-import-asks');
  });

  test('a full storage is reported; a reload brings back the last autosave', async () => {
    await typeProgram(app, 'kept = TextInput(text="saved before the disk filled")');
    // Wait for this very text to be autosaved (the status line may still show an earlier save).
    await app.page.waitForFunction(
      () => localStorage.getItem('webgpu-playground.workflow.text') === 'kept = TextInput(text="saved before the disk filled")',
    );
    // Fill this origin's storage to the brim, then edit.
    await app.page.evaluate(() => {
      // Items of 256k characters, then smaller and smaller ones, until not even one more character fits.
      let i = 0;
      for (let n = 256 * 1024; n >= 1; n = Math.floor(n / 2)) {
        for (;;) {
          try {
            localStorage.setItem(`junk${i++}`, 'x'.repeat(n));
          } catch {
            break;
          }
        }
      }
    });
    // Bigger than what dropping the history could free, so the save really cannot happen.
    await typeProgram(app, `lost = TextInput(text="${'y'.repeat(200_000)}")`);
    const failed = await app.waitForText('[data-testid=wf-autosave]', 'Autosave failed');
    expect(failed).toMatch(/QuotaExceededError.*Export it to keep it/);
    await app.screenshot('workflow-autosave-failed');
    await app.page.evaluate(() => {
      for (const k of Object.keys(localStorage)) if (k.startsWith('junk')) localStorage.removeItem(k);
    });
    await app.page.reload({ waitUntil: 'load' });
    await app.page.waitForSelector('[data-testid=wf-editor] .cm-content');
    expect(await editorText(app)).toBe('kept = TextInput(text="saved before the disk filled")');
  });

  test('the endpoint key: this session only by default, on the device when asked, and forgotten on request', async () => {
    await app.page.select('[data-testid=wf-backend]', 'openai');
    expect(await app.text('[data-testid=wf-key-note]')).toContain("kept in this tab's sessionStorage");
    await app.page.type('[data-testid=wf-openai-key]', 'sk-browser-test');
    await app.page.keyboard.press('Tab'); // change event
    const where = () =>
      app.page.evaluate(() => ({
        session: sessionStorage.getItem('webgpu-playground.llm-key'),
        local: localStorage.getItem('webgpu-playground.llm-key'),
        settings: localStorage.getItem('webgpu-playground.llm-settings') ?? '',
      }));
    await app.page.waitForFunction(() => sessionStorage.getItem('webgpu-playground.llm-key') === 'sk-browser-test');
    expect((await where()).local).toBeNull();
    await app.page.click('[data-testid=wf-key-device]');
    expect(await app.text('[data-testid=wf-key-note]')).toMatch(
      /localStorage until you forget it\. Any page served from this same origin can read\s+it/,
    );
    expect(await where()).toMatchObject({ session: null, local: 'sk-browser-test' });
    await app.page.click('[data-testid=wf-key-session]');
    expect(await where()).toMatchObject({ session: 'sk-browser-test', local: null });
    await app.page.click('[data-testid=wf-key-forget]');
    const after = await where();
    expect(after).toMatchObject({ session: null, local: null });
    expect(after.settings).not.toContain('sk-browser-test');
    expect(await app.page.$eval('[data-testid=wf-openai-key]', (el) => (el as HTMLInputElement).value)).toBe('');
    await app.screenshot('workflow-key-settings');
  });

  test('no uncaught errors on the page', () => {
    expect(app.errors.filter((e) => !/WebGPU|GPU device|destroyed|QuotaExceeded/i.test(e))).toEqual([]);
  });
});
