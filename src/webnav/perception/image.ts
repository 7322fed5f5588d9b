/**
 * Screens, boxes and colours: the shared vocabulary of the perception library.
 *
 * Example:
 *   const part = crop(screen, { x: 10, y: 50, w: 40, h: 15 });   // a 40×15 Screen
 *   pixel(screen, 12, 52);                                          // [r, g, b]
 *   center({ x: 10, y: 50, w: 40, h: 15 });                        // { x: 30, y: 57 }
 */

/** An RGBA image, row-major (the environment's Observation is one). */
export interface Screen {
  pixels: Uint8ClampedArray;
  width: number;
  height: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Rgb = [number, number, number];
/** 0xRRGGBB, '#rrggbb' or [r, g, b]. */
export type ColorLike = number | string | Rgb;

/** The task area below the instruction bar (rows 45–209): where the widgets are. */
export const TASK_AREA: Box = { x: 0, y: 45, w: 160, h: 165 };
/** The instruction bar (rows 0–43), which repeats the utterance. */
export const INSTRUCTION_BAR: Box = { x: 0, y: 0, w: 160, h: 44 };

export function toRgb(color: ColorLike): Rgb {
  if (Array.isArray(color)) return [color[0], color[1], color[2]];
  if (typeof color === 'number') return [(color >> 16) & 255, (color >> 8) & 255, color & 255];
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  if (!m) throw new Error(`not a colour: "${color}" (use 0xRRGGBB, "#rrggbb" or [r, g, b])`);
  return toRgb(parseInt(m[1], 16));
}

export function toHex(rgb: Rgb): string {
  return '#' + rgb.map((c) => c.toString(16).padStart(2, '0')).join('');
}

export function pixel(screen: Screen, x: number, y: number): Rgb {
  const i = (Math.floor(y) * screen.width + Math.floor(x)) * 4;
  return [screen.pixels[i], screen.pixels[i + 1], screen.pixels[i + 2]];
}

/** The box clipped to the screen (integer coordinates). */
export function clipBox(screen: Screen, box?: Partial<Box>): Box {
  const x = Math.max(0, Math.floor(box?.x ?? 0)),
    y = Math.max(0, Math.floor(box?.y ?? 0));
  const x1 = Math.min(screen.width, Math.floor((box?.x ?? 0) + (box?.w ?? screen.width)));
  const y1 = Math.min(screen.height, Math.floor((box?.y ?? 0) + (box?.h ?? screen.height)));
  return { x, y, w: Math.max(0, x1 - x), h: Math.max(0, y1 - y) };
}

export function crop(screen: Screen, box: Box): Screen {
  const b = clipBox(screen, box);
  const out = new Uint8ClampedArray(b.w * b.h * 4);
  for (let y = 0; y < b.h; y++)
    out.set(screen.pixels.subarray(((b.y + y) * screen.width + b.x) * 4, ((b.y + y) * screen.width + b.x + b.w) * 4), y * b.w * 4);
  return { pixels: out, width: b.w, height: b.h };
}

/** Luma (0–255) per pixel, row-major. */
export function grayscale(screen: Screen): Float32Array {
  const out = new Float32Array(screen.width * screen.height);
  const p = screen.pixels;
  for (let i = 0; i < out.length; i++) out[i] = 0.299 * p[i * 4] + 0.587 * p[i * 4 + 1] + 0.114 * p[i * 4 + 2];
  return out;
}

export function center(box: Box): { x: number; y: number } {
  return { x: Math.floor(box.x + box.w / 2), y: Math.floor(box.y + box.h / 2) };
}

export function contains(box: Box, x: number, y: number): boolean {
  return x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h;
}
