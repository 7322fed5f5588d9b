// The scene graph behaves like the DOM: hit-testing (topmost visible), focus, a text caret, and the default
// behaviour of checkboxes, radios, lists and sliders; the caret is drawn without spoiling the text for OCR.
import { describe, expect, test } from 'vitest';
import { Raster } from '../../../src/webnav/env/raster';
import { COLORS, Scene } from '../../../src/webnav/env/scene';
import { findColor, readText } from '../../../src/webnav/perception';

describe('hit-testing', () => {
  test('the topmost visible widget wins; hidden ones and the bare page hit nothing', () => {
    const s = new Scene();
    const panel = s.add('panel', 10, 50, 100, 60);
    const button = s.add('button', 20, 60, 40, 15, { text: 'OK' });
    const hidden = s.add('button', 20, 60, 40, 15, { text: 'No', visible: false });
    expect(s.hitTest(25, 65)).toBe(button);
    expect(s.hitTest(59, 74)).toBe(button);
    expect(s.hitTest(60, 74)).toBe(panel); // right edge is exclusive
    expect(s.hitTest(5, 5)).toBeNull();
    hidden.visible = true;
    expect(s.hitTest(25, 65)).toBe(hidden);
  });
});

describe('focus and caret', () => {
  function field() {
    const s = new Scene();
    const a = s.add('input', 10, 50, 90, 15);
    const b = s.add('input', 10, 80, 90, 15);
    const ok = s.add('button', 10, 110, 30, 15, { text: 'OK' });
    return { s, a, b, ok };
  }

  test('a click focuses a field with the caret at the nearest character boundary; typing inserts there', () => {
    const { s, a } = field();
    expect(s.typeText('lost')).toBe(false); // nothing focused
    s.click(50, 55);
    expect(s.focused).toBe(a);
    s.typeText('helo');
    expect([a.value, s.caret]).toEqual(['helo', 4]);
    s.click(10 + 3 + 3 * 6, 55); // between 'l' and 'o'
    expect(s.caret).toBe(3);
    s.typeText('l');
    expect(a.value).toBe('hello');
  });

  test('editing keys: Backspace, Delete, arrows, Home, End; Tab moves focus; clicking a button blurs', () => {
    const { s, a, b } = field();
    s.click(50, 55);
    s.typeText('abcd');
    s.key('Backspace');
    expect(a.value).toBe('abc');
    s.key('Home');
    s.key('Delete');
    expect([a.value, s.caret]).toEqual(['bc', 0]);
    s.key('ArrowRight');
    s.typeText('X');
    expect(a.value).toBe('bXc');
    s.key('End');
    expect(s.caret).toBe(3);
    s.key('Tab');
    expect(s.focused).toBe(b);
    s.key('Tab');
    expect(s.focused).toBe(a);
    s.click(15, 115);
    expect(s.focused).toBeNull();
  });

  test('the caret is drawn in its own colour between characters, and the text still reads exactly', () => {
    const { s } = field();
    s.click(50, 55);
    s.typeText('caret');
    s.key('ArrowLeft');
    s.key('ArrowLeft');
    const img = new Raster(160, 210);
    img.fillRect(0, 0, 160, 210, 0xffffff);
    s.render(img);
    const [caret] = findColor(img, COLORS.caret);
    expect(caret).toMatchObject({ x: 10 + 3 + 3 * 6 - 1, w: 1, h: 10 });
    expect(readText(img).map((r) => r.text)).toContain('caret');
    expect(findColor(img, COLORS.focus).length).toBeGreaterThan(0); // the focused border
  });
});

describe('widget behaviour', () => {
  test('checkboxes toggle; radios of a group are exclusive', () => {
    const s = new Scene();
    const box = s.add('checkbox', 10, 50, 40, 13, { text: 'cat' });
    const r1 = s.add('radio', 10, 70, 40, 13, { text: 'a', group: 'g' });
    const r2 = s.add('radio', 10, 90, 40, 13, { text: 'b', group: 'g' });
    s.click(12, 55);
    expect(box.checked).toBe(true);
    s.click(40, 55); // the label toggles too
    expect(box.checked).toBe(false);
    s.click(12, 75);
    s.click(12, 95);
    expect([r1.checked, r2.checked]).toEqual([false, true]);
  });

  test('a list opens on click, an option chooses and closes it; arrows change it while focused; outside clicks close it', () => {
    const s = new Scene();
    const list = s.add('select', 10, 50, 70, 14, { value: 'Anna' });
    const opts = ['Anna', 'Ben', 'Carla'].map((text, i) =>
      s.add('option', 10, 64 + i * 12, 70, 12, { text, owner: list.ref, visible: false }),
    );
    expect(s.hitTest(20, 80)).toBeNull();
    s.click(20, 55);
    expect([list.checked, opts[1].visible]).toEqual([true, true]);
    s.click(20, 80); // Ben
    expect([list.value, list.checked, opts[1].visible, s.focused]).toEqual(['Ben', false, false, list]);
    s.key('ArrowDown');
    expect(list.value).toBe('Carla');
    s.key('ArrowDown');
    expect(list.value).toBe('Carla');
    s.click(20, 55);
    s.click(150, 200);
    expect(list.checked).toBe(false);
  });

  test('a slider takes its value from the click position and moves by one with the arrows, within its range', () => {
    const s = new Scene();
    const slider = s.add('slider', 10, 60, 101, 11, { min: 0, max: 20, value: '3' });
    s.click(10 + 50, 65);
    expect(slider.value).toBe('10');
    s.key('ArrowRight');
    expect(slider.value).toBe('11');
    s.key('ArrowDown');
    s.key('ArrowDown');
    expect(slider.value).toBe('9');
    s.click(110, 65);
    s.key('ArrowUp');
    expect(slider.value).toBe('20');
  });
});
