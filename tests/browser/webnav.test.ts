// The Web navigation tab in a real Chromium: a person picks a task, reads the instruction, finds the place to
// click from what the page shows (the perception library's reading, or the debug scene table), clicks the canvas,
// types with the keyboard, and sees the reward.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, typeInto, type AppSession } from './harness';

const SCALE = 3;

describe('web navigation tab', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ tab: 'webnav', webgpu: false });
    await app.page.waitForSelector('[data-testid=webnav-task] option[value=click-button]');
  });
  afterAll(async () => app?.close());

  async function newEpisode(task: string, seed: number): Promise<string> {
    await app.page.select('[data-testid=webnav-task]', task);
    await typeInto(app.page, '[data-testid=webnav-seed]', String(seed));
    await app.page.click('[data-testid=webnav-reset]');
    await app.waitForText('[data-testid=webnav-status]', 'Step 0 of');
    const utterance = await app.text('[data-testid=webnav-utterance]');
    return utterance.replace(/^\s*Instruction:\s*/, '').trim();
  }

  /** Clicks the canvas at screen pixel (x, y) (scrolled into view first; +1 for the canvas border). */
  async function clickScreen(x: number, y: number) {
    const canvas = (await app.page.$('[data-testid=webnav-canvas]'))!;
    await canvas.click({ offset: { x: 1 + (x + 0.5) * SCALE, y: 1 + (y + 0.5) * SCALE } });
  }

  async function centreOf(selector: string): Promise<[number, number]> {
    await app.page.waitForSelector(selector);
    return app.page.$eval(selector, (el) => [Number(el.getAttribute('data-cx')), Number(el.getAttribute('data-cy'))] as [number, number]);
  }

  test('click-button: read the instruction, find the label in the screen reading, click it → reward 1', async () => {
    const utterance = await newEpisode('click-button', 5);
    const target = /"([^"]+)"/.exec(utterance)![1];
    await app.waitForText('[data-testid=webnav-ocr]', target);
    const [x, y] = await centreOf(`[data-testid=webnav-ocr] tr[data-text="${target}"]`);
    await app.page.click('[data-testid=webnav-show-reading]'); // boxes of the text read from pixels, on the canvas
    await app.screenshot('webnav-click-button-reading');
    await clickScreen(x, y);
    expect(await app.waitForText('[data-testid=webnav-status]', 'Episode over')).toContain('success, reward 1.00');
    await app.page.click('[data-testid=webnav-show-reading]');
    expect(await app.text('[data-testid=webnav-log]')).toContain(`click(${x}, ${y})`);
    await app.screenshot('webnav-click-button-success');
  });

  test('a wrong button ends the episode with −1, and further clicks are refused with a message', async () => {
    const utterance = await newEpisode('click-button', 6);
    const target = /"([^"]+)"/.exec(utterance)![1];
    await app.page.click('[data-testid=webnav-show-scene]');
    const [x, y] = await centreOf(`[data-testid=webnav-scene] tr[data-kind=button]:not([data-text="${target}"])`);
    await clickScreen(x, y);
    expect(await app.waitForText('[data-testid=webnav-status]', 'Episode over')).toContain('wrong, reward -1.00');
    await clickScreen(x, y);
    expect(await app.waitForText('[data-testid=webnav-error]', 'episode is over')).toContain('New episode');
    await app.page.click('[data-testid=webnav-show-scene]');
  });

  test('drag-items: press on the named item, move, release on the wanted row, press Submit → reward 1', async () => {
    const utterance = await newEpisode('drag-items', 3);
    const [, target, position] = /Drag (\w+) to position (\d)/.exec(utterance)!;
    await app.page.click('[data-testid=webnav-show-scene]');
    const rows = await app.page.$$eval('[data-testid=webnav-scene] tr[data-kind=item]', (trs) =>
      trs.map((tr) => ({
        text: tr.getAttribute('data-text')!,
        cx: Number(tr.getAttribute('data-cx')),
        cy: Number(tr.getAttribute('data-cy')),
      })),
    );
    rows.sort((a, b) => a.cy - b.cy);
    const from = rows.find((r) => r.text === target)!;
    const to = rows[Number(position) - 1];
    // A person scrolls the canvas into view before dragging on it; the mouse moves in viewport coordinates.
    await app.page.$eval('[data-testid=webnav-canvas]', (el) => el.scrollIntoView({ block: 'center' }));
    const box = (await (await app.page.$('[data-testid=webnav-canvas]'))!.boundingBox())!;
    const at = (x: number, y: number) => [box.x + 1 + (x + 0.5) * SCALE, box.y + 1 + (y + 0.5) * SCALE] as const;
    await app.page.mouse.move(...at(from.cx, from.cy));
    await app.page.mouse.down();
    await app.page.mouse.move(...at(from.cx, to.cy), { steps: 4 });
    await app.page.mouse.up();
    expect(await app.waitForText('[data-testid=webnav-log]', 'drag(')).toContain(`drag(${from.cx}, ${from.cy} → ${from.cx}, ${to.cy})`);
    const [sx, sy] = await centreOf('[data-testid=webnav-scene] tr[data-kind=button][data-text=Submit]');
    await clickScreen(sx, sy);
    expect(await app.waitForText('[data-testid=webnav-status]', 'Episode over')).toContain('success, reward 1.00');
    await app.screenshot('webnav-drag-items-success');
    await app.page.click('[data-testid=webnav-show-scene]');
  });

  test('enter-text: click the field, type on the keyboard, press Submit → reward 1', async () => {
    const utterance = await newEpisode('enter-text', 2);
    const target = /"([^"]+)"/.exec(utterance)![1];
    await app.page.click('[data-testid=webnav-show-scene]');
    const [fx, fy] = await centreOf('[data-testid=webnav-scene] tr[data-kind=input]');
    await clickScreen(fx, fy);
    await app.waitForText('[data-testid=webnav-scene]', 'input (focused)');
    await app.page.keyboard.type(target);
    // The typed text is drawn on the screen, so the perception library reads it back.
    await app.page.waitForSelector(`[data-testid=webnav-ocr] tr[data-text="${target}"]`);
    await app.screenshot('webnav-enter-text-typed');
    const [sx, sy] = await centreOf('[data-testid=webnav-ocr] tr[data-text="Submit"]');
    await clickScreen(sx, sy);
    expect(await app.waitForText('[data-testid=webnav-status]', 'Episode over')).toContain('success, reward 1.00');
    await app.screenshot('webnav-enter-text-success');
    expect(app.errors).toEqual([]);
  });
});
