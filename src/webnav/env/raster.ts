/**
 * A tiny software rasterizer into an RGBA `Uint8ClampedArray` (no canvas needed, so it runs the same in Node,
 * workers and the page). No anti-aliasing: every shape is drawn in exact flat colours, which keeps the
 * perception library (colour masks, glyph OCR) exact. Colours are 0xRRGGBB numbers.
 *
 * Example:
 *   const img = new Raster(160, 210);
 *   img.fillRect(0, 0, 160, 210, 0xffffff);
 *   img.fillCircle(80, 100, 10, 0xff0000);
 *   img.drawText(4, 4, 'Hello', 0x000000);
 */
import * as font from './font';

// Local copies: Vite's SSR loader (tests, benchmarks) turns imported names into getter calls, too slow in hot loops.
const { ADVANCE, GLYPH_H, GLYPH_W, glyph } = font;

export class Raster {
  readonly pixels: Uint8ClampedArray;
  /** The same memory, one RGBA pixel per element (little-endian: 0xAABBGGRR), for fast fills. */
  private readonly words: Uint32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8ClampedArray(width * height * 4);
    this.words = new Uint32Array(this.pixels.buffer);
  }

  setPixel(x: number, y: number, color: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 4;
    this.pixels[i] = (color >> 16) & 255;
    this.pixels[i + 1] = (color >> 8) & 255;
    this.pixels[i + 2] = color & 255;
    this.pixels[i + 3] = 255;
  }

  fillRect(x: number, y: number, w: number, h: number, color: number): void {
    const x0 = Math.max(0, Math.round(x)),
      y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w)),
      y1 = Math.min(this.height, Math.round(y + h));
    if (x1 <= x0) return;
    const word = (0xff000000 | ((color & 255) << 16) | (color & 0xff00) | ((color >> 16) & 255)) >>> 0;
    for (let yy = y0; yy < y1; yy++) this.words.fill(word, yy * this.width + x0, yy * this.width + x1);
  }

  /** A border `thickness` px wide inside the box. */
  strokeRect(x: number, y: number, w: number, h: number, color: number, thickness = 1): void {
    this.fillRect(x, y, w, thickness, color);
    this.fillRect(x, y + h - thickness, w, thickness, color);
    this.fillRect(x, y, thickness, h, color);
    this.fillRect(x + w - thickness, y, thickness, h, color);
  }

  /** Pixels whose centre lies within `r` of (cx, cy). */
  fillCircle(cx: number, cy: number, r: number, color: number): void {
    for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++)
      for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++)
        if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) this.setPixel(x, y, color);
  }

  /** Pixels whose centre lies inside the triangle (either winding). */
  fillTriangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, color: number): void {
    const edge = (x0: number, y0: number, x1: number, y1: number, px: number, py: number) => (x1 - x0) * (py - y0) - (y1 - y0) * (px - x0);
    for (let y = Math.floor(Math.min(ay, by, cy)); y <= Math.ceil(Math.max(ay, by, cy)); y++)
      for (let x = Math.floor(Math.min(ax, bx, cx)); x <= Math.ceil(Math.max(ax, bx, cx)); x++) {
        const px = x + 0.5,
          py = y + 0.5;
        const e0 = edge(ax, ay, bx, by, px, py),
          e1 = edge(bx, by, cx, cy, px, py),
          e2 = edge(cx, cy, ax, ay, px, py);
        if ((e0 >= 0 && e1 >= 0 && e2 >= 0) || (e0 <= 0 && e1 <= 0 && e2 <= 0)) this.setPixel(x, y, color);
      }
  }

  /** Text in the environment font with its top-left cell corner at (x, y); returns the width drawn. */
  drawText(x: number, y: number, text: string, color: number): number {
    x = Math.round(x);
    y = Math.round(y);
    for (let i = 0; i < text.length; i++) {
      const rows = glyph(text[i]);
      for (let r = 0; r < GLYPH_H; r++)
        for (let c = 0; c < GLYPH_W; c++) if ((rows[r] >> (GLYPH_W - 1 - c)) & 1) this.setPixel(x + i * ADVANCE + c, y + r, color);
    }
    return text.length * ADVANCE - 1;
  }
}
