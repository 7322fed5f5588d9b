/**
 * Colour segmentation and connected components. The environment draws in flat colours (no anti-aliasing), so
 * an exact colour mask separates widgets, shapes and text.
 *
 * Example:
 *   palette(screen, TASK_AREA)                 // [{ hex: '#ffffff', rgb, count: 20000 }, { hex: '#e02020', … }, …]
 *   findColor(screen, '#e02020')               // red blobs: [{ x, y, w, h, area, cx, cy }, …]
 *   segment(screen, { box: TASK_AREA })        // every non-background blob, with its colour
 *   nearestColorName([224, 32, 32])            // 'red'
 */
import { clipBox, toHex, toRgb, type Box, type ColorLike, type Rgb, type Screen } from './image';

/** A binary image: 1 where the predicate held. */
export interface Mask {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface Component extends Box {
  area: number;
  /** Centroid (mean pixel position): for triangles and circles a safe point to click. */
  cx: number;
  cy: number;
}

export interface Region extends Component {
  hex: string;
  rgb: Rgb;
}

export interface PaletteEntry {
  hex: string;
  rgb: Rgb;
  count: number;
}

/** Pixels within `tolerance` (max per channel) of `color`, optionally only inside `box`. */
export function colorMask(screen: Screen, color: ColorLike, tolerance = 0, box?: Partial<Box>): Mask {
  const [r, g, b] = toRgb(color);
  const { width, height, pixels } = screen;
  const data = new Uint8Array(width * height);
  const c = clipBox(screen, box);
  for (let y = c.y; y < c.y + c.h; y++)
    for (let x = c.x; x < c.x + c.w; x++) {
      const i = y * width + x;
      if (
        Math.abs(pixels[i * 4] - r) <= tolerance &&
        Math.abs(pixels[i * 4 + 1] - g) <= tolerance &&
        Math.abs(pixels[i * 4 + 2] - b) <= tolerance
      )
        data[i] = 1;
    }
  return { data, width, height };
}

/** Distinct colours (most frequent first) in `box`. */
export function palette(screen: Screen, box?: Partial<Box>): PaletteEntry[] {
  const counts = new Map<number, number>();
  const c = clipBox(screen, box);
  const p = screen.pixels;
  for (let y = c.y; y < c.y + c.h; y++)
    for (let x = c.x; x < c.x + c.w; x++) {
      const i = (y * screen.width + x) * 4;
      const key = (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([key, count]) => {
      const rgb = toRgb(key);
      return { hex: toHex(rgb), rgb, count };
    });
}

/** 8-connected components of a mask, largest first; smaller than `minArea` pixels are dropped. */
export function components(mask: Mask, minArea = 1): Component[] {
  const { data, width, height } = mask;
  const seen = new Uint8Array(data.length);
  const stack: number[] = [];
  const out: Component[] = [];
  for (let start = 0; start < data.length; start++) {
    if (!data[start] || seen[start]) continue;
    let x0 = width,
      y0 = height,
      x1 = -1,
      y1 = -1,
      area = 0,
      sx = 0,
      sy = 0;
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % width,
        y = (i - x) / width;
      (area++, (sx += x), (sy += y));
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx,
            ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const j = ny * width + nx;
          if (data[j] && !seen[j]) ((seen[j] = 1), stack.push(j));
        }
    }
    if (area >= minArea)
      out.push({ x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1, area, cx: Math.round(sx / area), cy: Math.round(sy / area) });
  }
  return out.sort((a, b) => b.area - a.area || a.y - b.y || a.x - b.x);
}

/** Connected blobs of one colour. */
export function findColor(
  screen: Screen,
  color: ColorLike,
  opts: { tolerance?: number; minArea?: number; box?: Partial<Box> } = {},
): Component[] {
  return components(colorMask(screen, color, opts.tolerance ?? 0, opts.box), opts.minArea ?? 1);
}

/**
 * Colour segmentation: every connected blob of every colour in `box` except the background (its most frequent
 * colour) and colours listed in `ignore`; blobs under `minArea` pixels (default 4) are dropped.
 */
export function segment(screen: Screen, opts: { box?: Partial<Box>; minArea?: number; ignore?: ColorLike[] } = {}): Region[] {
  const colours = palette(screen, opts.box);
  const ignored = new Set((opts.ignore ?? []).map((c) => toHex(toRgb(c))));
  const out: Region[] = [];
  for (const entry of colours.slice(1)) {
    if (ignored.has(entry.hex)) continue;
    for (const comp of findColor(screen, entry.rgb, { box: opts.box, minArea: opts.minArea ?? 4 }))
      out.push({ ...comp, hex: entry.hex, rgb: entry.rgb });
  }
  return out.sort((a, b) => b.area - a.area || a.y - b.y || a.x - b.x);
}

/** Reference colours for naming (the values the environment draws named colours with). */
export const COLOR_NAMES: Readonly<Record<string, Rgb>> = {
  red: [224, 32, 32],
  green: [32, 160, 64],
  blue: [32, 80, 224],
  yellow: [240, 208, 32],
  orange: [240, 128, 32],
  purple: [128, 48, 192],
  pink: [240, 112, 192],
  cyan: [32, 192, 208],
  black: [16, 16, 16],
  grey: [144, 144, 144],
  brown: [128, 80, 32],
  white: [255, 255, 255],
};

/** The name in COLOR_NAMES nearest to `color` (Euclidean RGB distance). */
export function nearestColorName(color: ColorLike): string {
  const [r, g, b] = toRgb(color);
  let best = '',
    bestD = Infinity;
  for (const [name, [R, G, B]] of Object.entries(COLOR_NAMES)) {
    const d = (r - R) ** 2 + (g - G) ** 2 + (b - B) ** 2;
    if (d < bestD) ((bestD = d), (best = name));
  }
  return best;
}
