// A person records a demonstration on the Web navigation tab: plays a short click-button episode by clicking
// the canvas (one click on the bare page, then the right button), leaves the tab and comes back (the episode
// and the recording are still there), exports it as JSON, imports a broken file (a clear error) and the
// exported one, replays it on the canvas (every screen matches), and checks the affordance program against it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ElementHandle } from 'puppeteer-core';
import { openApp, typeInto, type AppSession } from './harness';

const SCALE = 3;

describe('web navigation: demonstrations', () => {
  let app: AppSession;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webnav-demo-'));
  beforeAll(async () => {
    app = await openApp({ tab: 'webnav', webgpu: false });
    await app.waitForText('[data-testid=webnav-utterance]', 'Click on the');
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function clickScreen(x: number, y: number) {
    const canvas = (await app.page.$('[data-testid=webnav-canvas]'))!;
    await canvas.click({ offset: { x: 1 + (x + 0.5) * SCALE, y: 1 + (y + 0.5) * SCALE } });
  }

  async function upload(file: string) {
    await ((await app.page.$('[data-testid=demo-file]')) as ElementHandle<HTMLInputElement>).uploadFile(file);
  }

  test('record, leave the tab and come back, export, import, replay, coverage', async () => {
    const { page } = app;
    await page.click('[data-testid=affordance-synthesise]');
    await app.waitForText('[data-testid=affordance-synth-info]', 'Smallest verified program', 60_000);

    await typeInto(page, '[data-testid=webnav-seed]', '5');
    await page.click('[data-testid=demo-record]');
    await app.waitForText('[data-testid=demo-info]', 'Recording click-button seed 5');
    const utterance = await app.text('[data-testid=webnav-utterance]');
    const target = /"([^"]+)"/.exec(utterance)![1];
    // A first click on the empty bottom-left corner: it changes nothing.
    await clickScreen(3, 200);
    await app.waitForText('[data-testid=demo-info]', '1 step so far');
    await app.waitForText('[data-testid=webnav-ocr]', target);
    const [x, y] = await page.$eval(
      `[data-testid=webnav-ocr] tr[data-text="${target}"]`,
      (el) => [Number(el.getAttribute('data-cx')), Number(el.getAttribute('data-cy'))] as [number, number],
    );
    await clickScreen(x, y);
    expect(await app.waitForText('[data-testid=demo-info]', 'Recorded')).toContain(
      'Recorded 2 steps of click-button seed 5: success, reward 1.00',
    );

    // The tab's state lives outside the component: another tab and back, and everything is still there.
    await app.goto('energy');
    await app.goto('webnav');
    expect(await app.text('[data-testid=webnav-status]')).toContain('success, reward 1.00');
    expect(await app.text('[data-testid=demo-info]')).toContain('Recorded 2 steps');
    expect(await page.$$eval('[data-testid=webnav-log] li', (li) => li.length)).toBe(2);

    // Export: the JSON file a person would keep.
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
    await page.click('[data-testid=demo-export]');
    const exported = path.join(dir, 'webnav-demo-click-button-seed5.json');
    for (let i = 0; i < 100 && !fs.existsSync(exported); i++) await new Promise((r) => setTimeout(r, 100));
    const json = JSON.parse(fs.readFileSync(exported, 'utf8'));
    expect(json).toMatchObject({ format: 'webnav-demonstration', task: 'click-button', seed: 5, end: { reward: 1, reason: 'success' } });
    expect(json.steps.map((s: { action: unknown }) => s.action)).toEqual([
      { type: 'click', x: 3, y: 200 },
      { type: 'click', x, y },
    ]);

    // A broken file is refused with what and where; the recording stays.
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ ...json, steps: [{ ...json.steps[0], action: { type: 'click', x: 999, y: 1 } }] }));
    await upload(bad);
    expect(await app.waitForText('[data-testid=demo-error]', 'bad.json')).toMatch(
      /bad\.json: steps\[0\]\.action: click \(999, 1\) is outside the 160×210 screen/,
    );
    await upload(exported);
    expect(await app.waitForText('[data-testid=demo-info]', 'Imported')).toContain(
      'Imported webnav-demo-click-button-seed5.json: click-button seed 5, 2 steps, success (reward 1.00)',
    );

    // Replay on another screen first: the replay resets to the recorded task and seed and plays it back.
    await typeInto(page, '[data-testid=webnav-seed]', '9');
    await page.click('[data-testid=webnav-reset]');
    await app.waitForText('[data-testid=webnav-status]', 'Step 0 of');
    await page.click('[data-testid=demo-replay]');
    expect(await app.waitForText('[data-testid=demo-info]', 'Replayed', 30_000)).toContain(
      'Replayed 2 steps: every screen matches the recording; success, reward 1.00',
    );
    expect(await page.$eval('[data-testid=webnav-seed]', (el) => (el as HTMLInputElement).value)).toBe('5');
    expect(await app.text('[data-testid=webnav-log]')).toContain(`click(${x}, ${y}) → reward 1.00 (success)`);

    // Coverage: the click on the bare page is inert; the right button is among the program's actions.
    await page.click('[data-testid=demo-coverage]');
    expect(await app.waitForText('[data-testid=demo-coverage-info]', 'covered', 30_000)).toBe(
      '1 of 1 step covered by the program: 100 % (1 inert step not counted)',
    );
    expect(
      await page.$$eval('[data-testid=demo-coverage-table] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-covered'))),
    ).toEqual(['inert', 'true']);
    await app.screenshot('webnav-demo-coverage');
    expect(app.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
