/**
 * Small pixel helpers shared by the image functions. An `Image` value is RGBA8, row-major,
 * `pixels.length === width * height * 4`.
 *
 * Example:
 *   const img = blankImage(4, 2, [255, 0, 0, 255]); // a red 4×2 image
 *   const half = resizeBilinear(img, 2, 1);
 */
import type { Value } from '../../lang/types';

export type ImageValue = Extract<Value, { type: 'Image' }>;

/** An Error that names the port or parameter to blame; the executor pins it there. */
export class PortError extends Error {
  constructor(
    message: string,
    readonly port?: string,
  ) {
    super(message);
  }
}

export function blankImage(width: number, height: number, rgba: [number, number, number, number] = [0, 0, 0, 255]): ImageValue {
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < pixels.length; i += 4) pixels.set(rgba, i);
  return { type: 'Image', width, height, pixels };
}

export function checkSize(width: number, height: number, what: string): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width * height > 4096 * 4096) {
    throw new PortError(`${what}: size ${width}×${height} is not a positive size of at most 4096×4096`);
  }
}

export function resizeBilinear(img: ImageValue, width: number, height: number): ImageValue {
  checkSize(width, height, 'resize');
  const out = new Uint8ClampedArray(width * height * 4);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.max(0, (y + 0.5) * sy - 0.5);
    const y0 = Math.min(img.height - 1, Math.floor(fy));
    const y1 = Math.min(img.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.max(0, (x + 0.5) * sx - 0.5);
      const x0 = Math.min(img.width - 1, Math.floor(fx));
      const x1 = Math.min(img.width - 1, x0 + 1);
      const wx = fx - x0;
      for (let c = 0; c < 4; c++) {
        const p = (xx: number, yy: number) => img.pixels[(yy * img.width + xx) * 4 + c];
        const top = p(x0, y0) * (1 - wx) + p(x1, y0) * wx;
        const bottom = p(x0, y1) * (1 - wx) + p(x1, y1) * wx;
        out[(y * width + x) * 4 + c] = top * (1 - wy) + bottom * wy;
      }
    }
  }
  return { type: 'Image', width, height, pixels: out };
}

/** Rec. 601 luma of pixel `i` (0–255). */
export function luma(px: Uint8ClampedArray, i: number): number {
  return 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
}

export function mapPixels(
  img: ImageValue,
  f: (r: number, g: number, b: number, a: number) => [number, number, number, number],
): ImageValue {
  const out = new Uint8ClampedArray(img.pixels.length);
  for (let i = 0; i < out.length; i += 4) out.set(f(img.pixels[i], img.pixels[i + 1], img.pixels[i + 2], img.pixels[i + 3]), i);
  return { type: 'Image', width: img.width, height: img.height, pixels: out };
}

export function asImage(v: Value | undefined, port: string): ImageValue {
  if (!v || v.type !== 'Image') throw new PortError(`input "${port}" must be an Image`, port);
  return v;
}
