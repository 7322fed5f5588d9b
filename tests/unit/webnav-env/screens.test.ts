// Saves one screen of every task (seed 1) to tests/artifacts/webnav-env/ and checks the frame every task shares:
// the yellow instruction bar holding the utterance above a white widget area.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeEnv, TASK_NAMES } from '../../../src/webnav';
import { encodePng } from './png';

test('every task draws the instruction bar and its widgets; screens saved', () => {
  const dir = path.resolve('tests/artifacts/webnav-env');
  fs.mkdirSync(dir, { recursive: true });
  // All tasks side by side in one picture (6 per row, 4 px gaps), for a quick look.
  const cols = 6,
    rows = Math.ceil(TASK_NAMES.length / cols),
    W = cols * 164,
    H = rows * 214;
  const sheet = new Uint8ClampedArray(W * H * 4).fill(60);
  TASK_NAMES.forEach((task, k) => {
    const obs = makeEnv(task).reset(1);
    const ox = (k % cols) * 164,
      oy = Math.floor(k / cols) * 214;
    for (let y = 0; y < 210; y++) sheet.set(obs.pixels.subarray(y * 640, (y + 1) * 640), ((oy + y) * W + ox) * 4);
  });
  fs.writeFileSync(path.join(dir, 'all-tasks.png'), encodePng(sheet, W, H, 1));
  for (const task of TASK_NAMES) {
    const obs = makeEnv(task).reset(1);
    expect(obs.pixels.length).toBe(160 * 210 * 4);
    const px = (x: number, y: number) => Array.from(obs.pixels.slice((y * 160 + x) * 4, (y * 160 + x) * 4 + 4));
    expect(px(158, 42)).toEqual([0xff, 0xf3, 0xa0, 255]); // bar
    const colours = new Set<number>();
    for (let i = 45 * 160 * 4; i < obs.pixels.length; i += 4)
      colours.add((obs.pixels[i] << 16) | (obs.pixels[i + 1] << 8) | obs.pixels[i + 2]);
    expect(colours.size, task).toBeGreaterThan(1); // widgets drawn on the white area
    fs.writeFileSync(path.join(dir, `${task}.png`), encodePng(obs.pixels, 160, 210, 3));
  }
});

test('open menus, lists and folders are drawn on top; screens saved mid-episode', async () => {
  const { solve } = await import('./oracle');
  const dir = path.resolve('tests/artifacts/webnav-env');
  for (const [task, seed, steps] of [
    ['click-menu', 4, 2],
    ['choose-list', 2, 1],
    ['navigate-tree', 3, 1],
  ] as const) {
    const env = makeEnv(task);
    let obs = env.reset(seed);
    for (let i = 0; i < steps; i++) obs = env.step(solve(env.debugScene())).observation;
    const scene = env.debugScene();
    // What the clicks opened is visible now.
    const opened = scene.elements.filter((e) => ['menuitem', 'option', 'file', 'folder'].includes(e.kind));
    expect(opened.length, task).toBeGreaterThan(1);
    fs.writeFileSync(path.join(dir, `${task}-open.png`), encodePng(obs.pixels, 160, 210, 3));
  }
});
