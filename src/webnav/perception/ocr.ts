/**
 * Reads text drawn in the environment's bitmap font, exactly, by glyph matching: for every text colour, every
 * 5×9 window with blank columns on both sides is looked up in the font; glyphs 6 px apart on one row form a run,
 * and a one-cell gap is a space.
 *
 * Example:
 *   readText(screen, TASK_AREA)     // [{ text: 'Submit', x: 44, y: 120, w: 35, h: 9, hex: '#000000' }, …]
 *   findText(screen, 'OK')           // boxes of every "OK" on screen (case-insensitive), best (exact) first
 */
import * as font from '../env/font';
import { clipBox, TASK_AREA, toHex, toRgb, type Box, type Screen } from './image';

// Local copies: Vite's SSR loader (tests, benchmarks) turns imported names into getter calls, too slow in hot loops.
const { ADVANCE, GLYPH_H, GLYPH_W, GLYPHS } = font;

export interface TextRun extends Box {
  text: string;
  /** The text's colour. */
  hex: string;
}

// Glyph bitmap (9 rows × 5 bits, packed into one number) → character.
const BY_KEY = new Map<number, string>();
for (const [ch, rows] of GLYPHS)
  if (ch !== ' ')
    BY_KEY.set(
      rows.reduce((k, r) => k * 32 + r, 0),
      ch,
    );

/** Every run of text inside `box` (default: the whole screen), top to bottom, left to right. */
export function readText(screen: Screen, box?: Partial<Box>): TextRun[] {
  const full = clipBox(screen, box);
  const { width: W, pixels: p } = screen;
  // One pass: the bounding box of every colour, so each colour is scanned only where it occurs.
  const bounds = new Map<number, { x0: number; y0: number; x1: number; y1: number; count: number }>();
  for (let y = full.y; y < full.y + full.h; y++)
    for (let x = full.x; x < full.x + full.w; x++) {
      const i = (y * W + x) * 4;
      const key = (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
      const b = bounds.get(key);
      if (!b) bounds.set(key, { x0: x, y0: y, x1: x, y1: y, count: 1 });
      else {
        b.count++;
        if (x < b.x0) b.x0 = x;
        if (x > b.x1) b.x1 = x;
        b.y1 = y;
      }
    }
  const runs: TextRun[] = [];
  for (const [key, b] of bounds) {
    if (b.count < 2) continue;
    const [r, g, bl] = toRgb(key);
    const area = { x: b.x0, y: b.y0, w: b.x1 - b.x0 + 1, h: b.y1 - b.y0 + 1 };
    // ink with a margin: PAD blank rows above and below, one blank column left and GLYPH_W right, so that every
    // window in the loops below can be read without bounds checks.
    const PAD = GLYPH_H;
    const stride = area.w + 1 + GLYPH_W;
    const rows = area.h + 2 * PAD;
    const ink = new Uint8Array(stride * rows);
    for (let y = 0; y < area.h; y++)
      for (let x = 0; x < area.w; x++) {
        const i = ((area.y + y) * W + area.x + x) * 4;
        if (p[i] === r && p[i + 1] === g && p[i + 2] === bl) ink[(y + PAD) * stride + x + 1] = 1;
      }
    // bits[i]: the 5-bit row of the window whose left column is at ink index i (bit 4 = that column).
    const bits = new Int32Array(stride * rows);
    for (let yy = 0; yy < rows; yy++) {
      const base = yy * stride;
      let v = 0;
      for (let c = 0; c < GLYPH_W - 1; c++) v = (v << 1) | ink[base + c];
      for (let xx = 0; xx + GLYPH_W <= stride; xx++) {
        v = ((v << 1) & 31) | ink[base + xx + GLYPH_W - 1];
        bits[base + xx] = v;
      }
    }
    // blankBelow[i]: blank pixels from ink index i downwards, so "this column is blank for 9 rows" is one lookup.
    const blankBelow = new Int32Array(stride * (rows + 1)).fill(rows);
    for (let yy = rows - 1; yy >= 0; yy--)
      for (let xx = 0; xx < stride; xx++) blankBelow[yy * stride + xx] = ink[yy * stride + xx] ? 0 : blankBelow[(yy + 1) * stride + xx] + 1;
    const hits: { x: number; y: number; ch: string }[] = [];
    // Window top rows from PAD − 8 (lower-case letters have blank top rows), left columns from −1.
    for (let yy = PAD - GLYPH_H + 1; yy < PAD + area.h; yy++)
      for (let xx = 0; xx + GLYPH_W < stride; xx++) {
        const i = yy * stride + xx;
        // Blank side columns first: rejects almost every position with two lookups.
        if (blankBelow[i - 1] < GLYPH_H || blankBelow[i + GLYPH_W] < GLYPH_H) continue;
        let key = 0;
        for (let rr = 0; rr < GLYPH_H; rr++) key = key * 32 + bits[i + rr * stride];
        if (key === 0) continue;
        const ch = BY_KEY.get(key);
        if (ch) hits.push({ x: xx - 1, y: yy - PAD, ch });
      }
    runs.push(...joinRuns(hits, area, toHex([r, g, bl])));
  }
  return resolveOverlaps(runs).sort((a, b) => a.y - b.y || a.x - b.x);
}

function joinRuns(hits: { x: number; y: number; ch: string }[], area: Box, hex: string): TextRun[] {
  hits.sort((a, b) => a.y - b.y || a.x - b.x);
  const runs: TextRun[] = [];
  let cur: { x: number; y: number; text: string; lastX: number } | undefined;
  const flush = () => {
    if (cur) runs.push({ text: cur.text, x: area.x + cur.x, y: area.y + cur.y, w: cur.lastX - cur.x + GLYPH_W, h: GLYPH_H, hex });
  };
  for (const h of hits) {
    if (cur && h.y === cur.y && h.x - cur.lastX === ADVANCE) cur.text += h.ch;
    else if (cur && h.y === cur.y && h.x - cur.lastX === 2 * ADVANCE) cur.text += ' ' + h.ch;
    else {
      flush();
      cur = { x: h.x, y: h.y, text: h.ch, lastX: h.x };
      continue;
    }
    cur.lastX = h.x;
  }
  flush();
  return runs;
}

// A few-pixel glyph can also appear inside two stacked lines of other text; longer runs win such overlaps.
function resolveOverlaps(runs: TextRun[]): TextRun[] {
  const kept: TextRun[] = [];
  for (const r of [...runs].sort((a, b) => b.text.length - a.text.length))
    if (!kept.some((k) => r.x < k.x + k.w && k.x < r.x + r.w && r.y < k.y + k.h && k.y < r.y + r.h)) kept.push(r);
  return kept;
}

export interface FindTextOptions {
  /** Where to look; default TASK_AREA (the widgets, not the instruction bar). */
  box?: Partial<Box>;
  /** Match case (default false). */
  caseSensitive?: boolean;
  /** Only runs whose whole text equals the query (default false: substrings count). */
  whole?: boolean;
}

/**
 * Boxes of `query` wherever it is written: the box covers just the matched characters. Whole-run matches come
 * first, then substrings.
 */
export function findText(screen: Screen, query: string, opts: FindTextOptions = {}): TextRun[] {
  const norm = (s: string) => (opts.caseSensitive ? s : s.toLowerCase());
  const q = norm(query.trim());
  if (!q) throw new Error('findText: empty query');
  const whole: TextRun[] = [];
  const partial: TextRun[] = [];
  for (const run of readText(screen, opts.box ?? TASK_AREA)) {
    const t = norm(run.text);
    if (t === q) whole.push(run);
    else if (!opts.whole)
      for (let i = t.indexOf(q); i >= 0; i = t.indexOf(q, i + 1))
        partial.push({
          text: run.text.slice(i, i + q.length),
          x: run.x + i * ADVANCE,
          y: run.y,
          w: q.length * ADVANCE - 1,
          h: GLYPH_H,
          hex: run.hex,
        });
  }
  return [...whole, ...partial];
}

/** The quoted parts of an utterance: 'Click on the "OK" button.' → ['OK']. */
export function quoted(utterance: string): string[] {
  return [...utterance.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
}

export { toHex, toRgb };
