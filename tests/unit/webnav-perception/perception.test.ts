// The perception library on screens the environment draws: OCR reads back every label exactly, findText finds
// the button the instruction names, template matching relocates a crop, components count shapes.
import { describe, expect, test } from 'vitest';
import { makeEnv, TASK_NAMES } from '../../../src/webnav';
import { GLYPHS, GLYPH_H } from '../../../src/webnav/env/font';
import { Raster } from '../../../src/webnav/env/raster';
import {
  TASK_AREA,
  center,
  colorMask,
  components,
  contains,
  crop,
  findColor,
  findText,
  matchTemplate,
  nearestColorName,
  palette,
  pixel,
  quoted,
  readText,
  segment,
  type Screen,
} from '../../../src/webnav/perception';

function blank(): Raster {
  const img = new Raster(160, 210);
  img.fillRect(0, 0, 160, 210, 0xffffff);
  return img;
}

describe('the font', () => {
  test('no glyph equals another, nor a vertical shift of another (so OCR is unambiguous)', () => {
    const entries = [...GLYPHS].filter(([ch]) => ch !== ' ');
    for (const [a, ra] of entries)
      for (const [b, rb] of entries)
        for (let shift = -GLYPH_H + 1; shift < GLYPH_H; shift++) {
          if (a === b && shift === 0) continue;
          const shifted = rb.map((_, i) => rb[i - shift] ?? 0);
          if (
            shifted.every((r, i) => r === ra[i]) &&
            rb.slice(GLYPH_H - Math.max(shift, 0)).every((r) => r === 0) &&
            rb.slice(0, Math.max(-shift, 0)).every((r) => r === 0)
          )
            throw new Error(`glyph "${a}" equals "${b}" shifted by ${shift} rows`);
        }
  });
});

describe('readText', () => {
  test('reads back every printable character, in any colour, on any background', () => {
    const img = blank();
    const chars = [...GLYPHS.keys()].filter((c) => c !== ' ').join('');
    const lines = chars.match(/.{1,25}/g)!;
    lines.forEach((line, i) => img.drawText(3, 50 + i * 12, line, i % 2 ? 0x0000ee : 0x000000));
    img.fillRect(0, 120, 160, 20, 0x33669a);
    img.drawText(10, 125, 'Title bar: x', 0xffffff);
    const runs = readText(img, { x: 0, y: 45, w: 160, h: 165 });
    expect(runs.map((r) => r.text)).toEqual([...lines, 'Title bar: x']);
    expect(runs[0]).toMatchObject({ x: 3, y: 50, w: lines[0].length * 6 - 1, h: 9, hex: '#000000' });
    expect(runs[1].hex).toBe('#0000ee');
  });

  test('reads the utterance from the instruction bar, and every label of every task and nothing else', () => {
    for (const task of TASK_NAMES)
      for (const seed of [1, 2, 3]) {
        const env = makeEnv(task);
        const obs = env.reset(seed);
        const bar = readText(obs, { x: 0, y: 0, w: 160, h: 44 })
          .map((r) => r.text)
          .join(' ');
        expect(bar).toBe(obs.utterance);
        const runs = readText(obs, TASK_AREA).map((r) => r.text);
        const seen = runs.join(' ');
        const labels = env
          .debugScene()
          .elements.flatMap((e) => [e.text, e.value])
          .filter(Boolean);
        for (const e of env.debugScene().elements)
          if (e.text && e.kind !== 'collapsible') expect(seen, `${task} seed ${seed}`).toContain(e.text);
        // …and nothing that is not there (a run may join neighbouring labels, or add a section's +/− sign).
        for (const run of runs)
          expect(
            labels.some((l) => run.includes(l) || l.includes(run)),
            `${task} seed ${seed}: read "${run}"`,
          ).toBe(true);
      }
  });
});

describe('findText', () => {
  test('finds the button the instruction names, and clicking its centre wins', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const env = makeEnv('click-button');
      const obs = env.reset(seed);
      const [target] = quoted(obs.utterance);
      const hits = findText(obs, target, { whole: true });
      expect(hits.length, `seed ${seed}`).toBe(1);
      expect(env.step({ type: 'click', ...center(hits[0]) }).reward).toBe(1);
    }
  });

  test('substring hits cover just the matched characters; the instruction bar is not searched by default', () => {
    const img = blank();
    img.drawText(10, 60, 'Tab #1 Tab #2', 0);
    img.drawText(10, 10, 'Tab #2', 0);
    const hits = findText(img, 'tab #2');
    expect(hits).toEqual([{ text: 'Tab #2', x: 10 + 7 * 6, y: 60, w: 35, h: 9, hex: '#000000' }]);
    expect(() => findText(img, '  ')).toThrow(/empty/);
  });
});

describe('segmentation and components', () => {
  test('counts and locates shapes by colour', () => {
    const img = blank();
    img.fillCircle(30, 80, 8, 0xe02020);
    img.fillCircle(90, 150, 6, 0xe02020);
    img.fillTriangle(120, 60, 135, 85, 105, 85, 0x2050e0);
    img.fillRect(20, 170, 15, 15, 0x20a040);
    const red = findColor(img, '#e02020');
    expect(red).toHaveLength(2);
    expect(contains(red[0], 30, 80)).toBe(true);
    expect(red[0]).toMatchObject({ cx: 30, cy: 80 });
    expect(components(colorMask(img, [32, 80, 224]))).toHaveLength(1);
    const regions = segment(img, { box: TASK_AREA });
    expect(regions.map((r) => nearestColorName(r.rgb)).sort()).toEqual(['blue', 'green', 'red', 'red']);
    expect(palette(img)[0].hex).toBe('#ffffff');
    expect(pixel(img, 25, 175)).toEqual([32, 160, 64]);
  });

  test('click-shape: segmenting by colour and judging the shape from its fill solves the task', () => {
    let solved = 0;
    for (let seed = 1; seed <= 15; seed++) {
      const env = makeEnv('click-shape');
      const obs = env.reset(seed);
      const [, color, shape] = /a (\w+) (\w+)\./.exec(obs.utterance)!;
      const fill = (r: { area: number; w: number; h: number }) => r.area / (r.w * r.h);
      const kind = (r: { area: number; w: number; h: number }) => (fill(r) > 0.95 ? 'square' : fill(r) > 0.65 ? 'circle' : 'triangle');
      const hit = segment(obs, { box: TASK_AREA }).find((r) => nearestColorName(r.rgb) === color && kind(r) === shape);
      if (hit && env.step({ type: 'click', x: hit.cx, y: hit.cy }).reward === 1) solved++;
    }
    expect(solved).toBe(15);
  });
});

describe('matchTemplate', () => {
  test('a template cropped from one screen is found on another seed, where the widget moved', () => {
    const a = makeEnv('click-dialog').reset(1);
    const sceneA = makeEnv('click-dialog');
    sceneA.reset(1);
    const close = sceneA.debugScene().elements.find((e) => e.kind === 'close')!;
    const template = crop(a, { x: close.left, y: close.top, w: close.width, h: close.height });
    const envB = makeEnv('click-dialog');
    const b = envB.reset(2);
    const closeB = envB.debugScene().elements.find((e) => e.kind === 'close')!;
    const matches = matchTemplate(b, template, { threshold: 0.95 });
    expect(matches[0]).toMatchObject({ x: closeB.left, y: closeB.top, score: expect.closeTo(1, 5) });
    expect(envB.step({ type: 'click', x: matches[0].cx, y: matches[0].cy }).reward).toBe(1);
  });

  test('grayscale: a template matches the same widget in another colour; bad templates are refused', () => {
    const img = blank();
    img.fillRect(20, 60, 30, 15, 0xdedede);
    img.strokeRect(20, 60, 30, 15, 0x767676);
    img.fillRect(100, 150, 30, 15, 0x202020);
    img.strokeRect(100, 150, 30, 15, 0xf0f0f0);
    const template: Screen = crop(img, { x: 18, y: 58, w: 34, h: 19 });
    const found = matchTemplate(img, template, { threshold: 0.5 });
    expect(found[0]).toMatchObject({ x: 18, y: 58 });
    const flat = crop(img, { x: 0, y: 0, w: 5, h: 5 });
    expect(() => matchTemplate(img, flat)).toThrow(/flat/);
    expect(() => matchTemplate(template, img)).toThrow(/larger/);
  });
});
