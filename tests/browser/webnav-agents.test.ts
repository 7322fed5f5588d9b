// A person on the Web navigation tab: synthesises the affordance program, sees it overlaid on the screen,
// breaks it (the sandbox stops it and says where), restores it, trains both arms and watches the curve move.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, typeInto, type AppSession } from './harness';

describe('web navigation: affordances and training', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ tab: 'webnav' });
    await app.page.waitForSelector('[data-testid=webnav-affordances]');
    await app.waitForText('[data-testid=webnav-utterance]', 'Click on the');
  });
  afterAll(async () => app?.close());

  /** Colour of the main screen canvas at a screen pixel (scale 3), where the overlay draws its crosshair arm. */
  async function overlayPixel(x: number, y: number): Promise<number[]> {
    return app.page.$eval(
      '[data-testid=webnav-canvas]',
      (c, px, py) =>
        Array.from(
          (c as HTMLCanvasElement).getContext('2d')!.getImageData(Math.round((px + 0.5) * 3), Math.round((py + 0.5) * 3) - 7, 1, 1).data,
        ),
      x,
      y,
    );
  }

  test('synthesise the program, read it, and see its actions on the canvas', async () => {
    await app.page.click('[data-testid=affordance-synthesise]');
    await app.waitForText('[data-testid=affordance-synth-info]', 'Smallest verified program', 60_000);
    const code = await app.text('[data-testid=affordance-editor]');
    expect(code).toContain('function affordances(screen, utterance, lib)');
    const list = await app.waitForText('[data-testid=affordance-actions]', 'click(');
    const first = /click\((\d+), (\d+)\)/.exec(list)!;
    const [x, y] = [Number(first[1]), Number(first[2])];
    const [r, g, b] = await overlayPixel(x, y);
    expect(g).toBeGreaterThan(r + 30); // the green crosshair of the overlay
    expect(g).toBeGreaterThan(b);
    await app.page.click('[data-testid=affordance-clear]');
    await app.page.waitForFunction(() => true);
    expect(await overlayPixel(x, y)).not.toEqual([r, g, b, 255]);
    await app.page.click('[data-testid=affordance-run]');
    const status = await app.waitForText('[data-testid=affordance-status]', /\d+ actions? on the screen shown \(after 0 steps\)/);
    const count = Number(/(\d+) action/.exec(status)![1]);
    expect(await app.page.$eval('[data-testid=webnav-canvas]', (c) => c.getAttribute('data-actions'))).toBe(String(count));
    expect(await app.text('[data-testid=affordance-report]')).toContain('yes');
    await app.screenshot('webnav-affordance-overlay');
  });

  test('the overlay belongs to the frame shown: a step clears it, then it is computed on the new frame', async () => {
    // Record every change of the canvas's drawn-action count.
    await app.page.$eval('[data-testid=webnav-canvas]', (c) => {
      const seen: string[] = [];
      (window as unknown as { overlayCounts: string[] }).overlayCounts = seen;
      new MutationObserver(() => seen.push(c.getAttribute('data-actions') ?? '')).observe(c, {
        attributes: true,
        attributeFilter: ['data-actions'],
      });
    });
    // A click on the bare page (bottom-left corner): a step that ends nothing.
    const box = (await (await app.page.$('[data-testid=webnav-canvas]'))!.boundingBox())!;
    await app.page.mouse.click(box.x + 4, box.y + box.height - 4);
    const status = await app.waitForText('[data-testid=affordance-status]', /\d+ actions? on the screen shown \(after 1 step\)/);
    const count = Number(/(\d+) action/.exec(status)![1]);
    const counts = await app.page.evaluate(() => (window as unknown as { overlayCounts: string[] }).overlayCounts);
    expect(counts[0]).toBe('0'); // cleared first …
    expect(counts.at(-1)).toBe(String(count)); // … then drawn for the new frame
    expect(count).toBeGreaterThan(0);
  });

  test('a program that loops forever or reaches for the network is stopped, and the editor says where', async () => {
    const editor = '[data-testid=affordance-editor] .cm-content';
    await typeInto(app.page, editor, 'function affordances(screen, utterance, lib) {\n  while (true) {}\n}');
    await app.page.click('[data-testid=affordance-run]');
    expect(await app.waitForText('[data-testid=affordance-error]', 'timeout', 30_000)).toMatch(/ran past its 500 ms limit/);
    await typeInto(
      app.page,
      editor,
      "function affordances(screen, utterance, lib) {\n  const boxes = lib.textBoxes(screen);\n  fetch('https://example.com/?' + boxes.length);\n  return [];\n}",
    );
    await app.page.click('[data-testid=affordance-run]');
    const err = await app.waitForText('[data-testid=affordance-error]', 'fetch');
    expect(err).toMatch(/affordance\.js:3:\d+: denied error: .*fetch is not available in the affordance sandbox \(no network\)/);
    expect(await app.page.$('.cm-lint-marker-error')).not.toBeNull();
    await app.screenshot('webnav-affordance-sandbox-error');
    // DOM, code loading and storage are gone from the page's sandbox worker too.
    for (const [call, said] of [
      ['document.title', /document is not available .*no DOM/],
      ["importScripts('x.js')", /importScripts is not available/],
      ["localStorage.getItem('k')", /localStorage is not available .*no storage/],
      ["indexedDB.open('db')", /indexedDB is not available .*no storage/],
    ] as const) {
      await typeInto(app.page, editor, `function affordances(screen, utterance, lib) {\n  ${call};\n  return [];\n}`);
      await app.page.click('[data-testid=affordance-run]');
      expect(await app.waitForText('[data-testid=affordance-error]', 'denied error')).toMatch(said);
    }
    // Synthesise again to restore a working program for training.
    await app.page.click('[data-testid=affordance-synthesise]');
    await app.waitForText('[data-testid=affordance-synth-info]', 'Smallest verified program', 60_000);
  });

  test('train both arms and watch the learning curve move, then cancel', async () => {
    await typeInto(app.page, '[data-testid=training-steps]', '150');
    await typeInto(app.page, '[data-testid=training-eval-episodes]', '4');
    await app.page.click('[data-testid=training-start]');
    // The affordance arm's curve gets its evaluation points (10, 25, 50, 100, 150 steps) as training runs.
    const points = await app.waitForText('[data-testid=training-curve-points]', /affordance: 10:\d\.\d\d 25:\d\.\d\d 50:/, 90_000);
    expect(points).toMatch(/affordance: 10:/);
    expect(await app.waitForText('[data-testid=training-live]', /arm, step \d+/)).toMatch(/→ reward/);
    await app.waitForText('[data-testid=training-result-affordance]', 'final success', 60_000);
    await app.waitForText('[data-testid=training-status]', 'full-action-space arm', 60_000);
    await app.page.click('[data-testid=training-cancel]');
    const stopped = await app.waitForText('[data-testid=training-error]', 'cancelled', 30_000);
    expect(stopped).toContain('training cancelled');
    expect(await app.text('[data-testid=training-result-full]')).not.toMatch(/final success/);
    await app.screenshot('webnav-training');
    expect(app.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

  test('two seeds from a seed base: the bench:rl table (mean and interval over seeds, ratio) and the transfer table', async () => {
    await typeInto(app.page, '[data-testid=training-steps]', '20');
    await typeInto(app.page, '[data-testid=training-eval-episodes]', '2');
    await typeInto(app.page, '[data-testid=training-seeds]', '2');
    await typeInto(app.page, '[data-testid=training-seed-base]', '40');
    await app.page.click('[data-testid=training-start]');
    await app.waitForText('[data-testid=training-status]', 'seeds 41, 42', 180_000);
    const row = await app.text('[data-testid=training-summary]');
    expect(row).toMatch(/click-button/);
    expect(row).toMatch(/\d+ \[\d+, \d+\]/); // mean [lo, hi]
    expect(await app.text('[data-testid=training-ratio]')).toMatch(/×|n\/a/);
    const transfer = await app.text('[data-testid=training-transfer]');
    expect(transfer).toMatch(/click-button\s*1\.00/);
    await app.screenshot('webnav-training-seeds');
  });
});
