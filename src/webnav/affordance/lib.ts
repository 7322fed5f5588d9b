/**
 * The `lib` argument of every affordance program: the perception library (colour segmentation, connected
 * components, template matching, OCR in the environment's font, bounding boxes) plus small helpers to build
 * actions and compare text with the utterance. Frozen, and free of DOM or I/O, so it is safe to hand to
 * untrusted code in the sandbox.
 *
 * Example (inside a program):
 *   const boxes = lib.textBoxes(screen);                       // [{ text: 'save', x, y, w, h }, …] below the bar
 *   return boxes.filter((b) => lib.mentions(utterance, b.text)).map(lib.clickBox);
 *   lib.regions(screen)                                       // colour blobs with colorName and shape
 *   lib.readText(screen, box), lib.segment(…), lib.matchTemplate(…) …  // the perception library (perception/API.md)
 */
import { QUERY_HEIGHT } from '../env/scene';
import type { Action, Observation, PrimitiveAction } from '../env/types';
import { quotedPhrases, utteranceWords, type TextBox } from '../agent/features';
import { TASK_AREA, center, contains, crop, grayscale, pixel, type Screen } from '../perception/image';
import { findText, readText } from '../perception/ocr';
import { colorMask, components as connectedComponents, findColor, nearestColorName, palette, segment } from '../perception/segment';
import { matchTemplate } from '../perception/template';

function mentions(utterance: string, text: string): boolean {
  const t = text.toLowerCase().trim();
  if (!t) return false;
  const u = utterance.toLowerCase();
  const esc = t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${esc}([^a-z0-9]|$)`).test(u);
}

export const actionHelpers = {
  /** Height of the instruction bar: widgets live below it. */
  QUERY_HEIGHT,
  click: (x: number, y: number): PrimitiveAction => ({ type: 'click', x: Math.round(x), y: Math.round(y) }),
  type: (text: string): PrimitiveAction => ({ type: 'type', text }),
  key: (name: string): PrimitiveAction => ({ type: 'key', name }),
  /** Click at the centre of a box {x, y, w, h}. */
  clickBox: (b: { x: number; y: number; w: number; h: number }): PrimitiveAction => ({
    type: 'click',
    x: Math.round(b.x + b.w / 2),
    y: Math.round(b.y + b.h / 2),
  }),
  /** Clicks every `step` px along the horizontal middle of a box (positions on a slider track). */
  clicksAlong: (b: { x: number; y: number; w: number; h: number }, step = 6): Action[] => {
    const out: Action[] = [];
    const y = Math.round(b.y + b.h / 2);
    for (let x = b.x + 1; x < b.x + b.w && out.length < 40; x += Math.max(1, step)) out.push({ type: 'click', x: Math.round(x), y });
    return out;
  },
  /** Press at (x, y), move to (x2, y2), release: a slider takes its value at x2. */
  drag: (x: number, y: number, x2: number, y2: number): PrimitiveAction => ({
    type: 'drag',
    x: Math.round(x),
    y: Math.round(y),
    x2: Math.round(x2),
    y2: Math.round(y2),
  }),
  /** The mouse wheel at (x, y): scrolls the list under it by `dy` rows (positive: down). */
  scroll: (x: number, y: number, dy: number): PrimitiveAction => ({
    type: 'scroll',
    x: Math.round(x),
    y: Math.round(y),
    dy: Math.round(dy),
  }),
  /** Several actions as ONE step, applied in order (at most 4; no macro inside a macro). */
  macro: (actions: PrimitiveAction[]): Action => ({ type: 'macro', actions }),
  /** Click the centre of a box (a text field), then type `text` into it: one step. */
  clickType: (b: { x: number; y: number; w: number; h: number }, text: string): Action => ({
    type: 'macro',
    actions: [
      { type: 'click', x: Math.round(b.x + b.w / 2), y: Math.round(b.y + b.h / 2) },
      { type: 'type', text },
    ],
  }),
  /**
   * Numbers the utterance names: 'Select 7 with the slider' → [7]. With `dragsTo`, the positions a slider
   * would need for them.
   */
  numbers: (utterance: string): number[] => [...utterance.matchAll(/(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])/g)].map((m) => Number(m[0])),
  /**
   * Horizontal slider tracks: thin bars (≤ 4 px high, ≥ 30 px long in all) of one colour on one row, joined
   * across the thumb that interrupts them: [{ x, y, w, h }] (y, h: the bar).
   */
  tracks: (screen: Screen): { x: number; y: number; w: number; h: number }[] => sliderTracks(screen),
  /** Drags from a track's thumb region to the position of `value` on a scale 0…max (one drag per max given). */
  dragsTo: (track: { x: number; y: number; w: number; h: number }, value: number, maxes: number[] = [10, 20, 100]): Action[] => {
    const out: Action[] = [];
    const y = Math.round(track.y + track.h / 2);
    for (const max of maxes.slice(0, 8)) {
      if (!(max > 0) || value < 0 || value > max) continue;
      const x2 = Math.round(track.x + (value / max) * (track.w - 1));
      if (!out.some((a) => a.type === 'drag' && a.x2 === x2)) out.push({ type: 'drag', x: x2, y, x2, y2: y });
    }
    return out;
  },
  /** Phrases in double quotes: 'Click "OK".' → ['OK']. */
  quoted: quotedPhrases,
  /** Lower-case content words of the utterance (no 'the', 'click' …). */
  words: utteranceWords,
  /** Whether `text` occurs in the utterance as whole words (case-insensitive). */
  mentions,
};

export interface ComponentBox {
  x: number;
  y: number;
  w: number;
  h: number;
  area: number;
  /** Centroid: inside circles and triangles too. */
  cx: number;
  cy: number;
  hex: string;
  colorName: string;
  /** From the fill ratio area/(w·h): ≈1 square, ≈0.79 circle, ≈0.5 triangle; 'other' otherwise. */
  shape: 'square' | 'circle' | 'triangle' | 'other';
}

function shapeOf(area: number, w: number, h: number): ComponentBox['shape'] {
  if (Math.abs(w - h) > Math.max(2, 0.15 * Math.max(w, h))) return 'other';
  const fill = area / (w * h);
  if (fill > 0.92) return 'square';
  if (fill > 0.68) return 'circle';
  if (fill > 0.38 && fill < 0.62) return 'triangle';
  return 'other';
}

/** A fast fingerprint of a screen's pixels (FNV-1a over 32-bit words), to reuse perception results. */
export function screenKey(screen: Screen): string {
  const p = screen.pixels;
  const words = p.byteOffset % 4 === 0 ? new Uint32Array(p.buffer, p.byteOffset, p.length >> 2) : new Uint32Array(p.slice().buffer);
  let h1 = 2166136261;
  let h2 = 5381;
  for (let i = 0; i < words.length; i++) {
    h1 = Math.imul(h1 ^ words[i], 16777619);
    h2 = (Math.imul(h2, 33) + words[i]) | 0;
  }
  return `${screen.width}x${screen.height}:${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}`;
}

/**
 * OCR and segmentation cost tens of milliseconds a screen, and RL sees the same screens again and again
 * (a click that changes nothing, the fixed evaluation seeds), so results are kept per screen fingerprint.
 */
function memo<T>(limit: number, compute: (screen: Screen) => T): (screen: Screen) => T {
  const cache = new Map<string, T>();
  return (screen) => {
    const key = screenKey(screen);
    const hit = cache.get(key);
    if (hit !== undefined) {
      cache.delete(key);
      cache.set(key, hit); // most recently used last
      return hit;
    }
    const value = compute(screen);
    cache.set(key, value);
    if (cache.size > limit) cache.delete(cache.keys().next().value!);
    return value;
  };
}

const readTaskAreaText = memo(512, (screen) =>
  readText(screen, TASK_AREA).map(({ text, x, y, w, h }) => Object.freeze({ text, x, y, w, h })),
);

/** Text runs read below the instruction bar (a fresh array each call; the boxes are frozen). */
export function textBoxes(screen: Screen): TextBox[] {
  return readTaskAreaText(screen).slice();
}

/** Colour components below the instruction bar (background excluded), with colour names and shapes. */
export function colorComponents(screen: Screen): ComponentBox[] {
  return segmentTaskArea(screen).slice();
}

/** Blobs under 30 px are glyph strokes of text, not widgets. */
const segmentTaskArea = memo(256, (screen) =>
  segment(screen, { box: TASK_AREA, minArea: 30 }).map((r) =>
    Object.freeze({
      x: r.x,
      y: r.y,
      w: r.w,
      h: r.h,
      area: r.area,
      cx: Math.round(r.cx),
      cy: Math.round(r.cy),
      hex: r.hex,
      colorName: nearestColorName(r.rgb),
      shape: shapeOf(r.area, r.w, r.h),
    }),
  ),
);

function sliderTracks(screen: Screen): { x: number; y: number; w: number; h: number }[] {
  // Thin wide bars; a thumb splits a track into two pieces of one colour on one row, so pieces are joined.
  const bars = segment(screen, { box: TASK_AREA, minArea: 4 }).filter((r) => r.h <= 4 && r.w >= 3 * r.h && r.w >= 4);
  bars.sort((a, b) => a.y - b.y || a.x - b.x);
  const tracks: { x: number; y: number; w: number; h: number; hex: string }[] = [];
  for (const b of bars) {
    const t = tracks.find((t) => t.hex === b.hex && t.y === b.y && t.h === b.h && b.x - (t.x + t.w) <= 12);
    if (t) t.w = b.x + b.w - t.x;
    else tracks.push({ x: b.x, y: b.y, w: b.w, h: b.h, hex: b.hex });
  }
  return tracks.filter((t) => t.w >= 30).map(({ x, y, w, h }) => ({ x, y, w, h }));
}

/** A grayscale template embedded in a program ({ w, h, data: base64 bytes }) as a Screen for matchTemplate. */
export function template(t: { w: number; h: number; data: string }): Screen {
  const bytes = atob(t.data);
  if (bytes.length !== t.w * t.h) throw new Error(`template: ${bytes.length} bytes for ${t.w}×${t.h}`);
  const pixels = new Uint8ClampedArray(t.w * t.h * 4);
  for (let i = 0; i < t.w * t.h; i++) {
    const g = bytes.charCodeAt(i);
    pixels.set([g, g, g, 255], i * 4);
  }
  return { pixels, width: t.w, height: t.h };
}

/** The agent's OCR (features "text near the point matches the utterance"): the same reader programs use. */
export function readTextFromPixels(obs: Observation): TextBox[] {
  return textBoxes(obs);
}

/**
 * Helpers that are self-contained functions (no closure, no import, plain data in and out). The sandbox engine
 * runs their own source inside QuickJS instead of crossing to the host on every call (a crossing costs ~0.05–0.5
 * ms; programs call `click` in loops). tests/unit/webnav-agents/sandbox-helpers.test.ts checks that each gives
 * the host's answers when evaluated alone in QuickJS.
 */
export const PORTABLE_HELPERS = ['click', 'type', 'key', 'clickBox', 'clicksAlong', 'mentions', 'quoted', 'center', 'contains'] as const;

export function makeAffordanceLib() {
  return Object.freeze({
    ...actionHelpers,
    TASK_AREA: Object.freeze({ ...TASK_AREA }),
    textBoxes,
    regions: colorComponents,
    template,
    // The perception library itself (src/webnav/perception), for programs that need more than the above.
    readText,
    findText,
    segment,
    palette,
    findColor,
    colorMask,
    components: connectedComponents,
    nearestColorName,
    matchTemplate,
    crop,
    grayscale,
    pixel,
    center,
    contains,
  });
}

export type AffordanceLib = ReturnType<typeof makeAffordanceLib>;
