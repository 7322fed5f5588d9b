/**
 * Image ⇄ tensor plumbing for the ONNX image models (LaMa, the SD-Turbo VAE): channels-first float planes, masks
 * read from images, and compositing a model's output back into the original only where the mask says.
 *
 * Example:
 *   const chw = toChw(resizeBilinear(img, 512, 512));      // Float32Array [3·512·512], 0..1
 *   const out = fromChw(data, 512, 512, (v) => v);         // model output in 0..255 → Image
 */
import { luma, resizeBilinear, type ImageValue } from '../image/pixels';

/** RGB planes [3, H, W] in 0..1 from an RGBA image. */
export function toChw(img: ImageValue): Float32Array {
  const n = img.width * img.height;
  const out = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) out[c * n + i] = img.pixels[i * 4 + c] / 255;
  return out;
}

/** An opaque Image from RGB planes [3, H, W]; `toByte` maps a model value to 0..255 (clamped). */
export function fromChw(data: ArrayLike<number>, width: number, height: number, toByte: (v: number) => number): ImageValue {
  const n = width * height;
  const pixels = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) pixels[i * 4 + c] = toByte(data[c * n + i]);
    pixels[i * 4 + 3] = 255;
  }
  return { type: 'Image', width, height, pixels };
}

/** 1 where a mask image is light (luma ≥ 128: white = fill), 0 elsewhere; resized to `width`×`height` first if needed. */
export function maskOf(mask: ImageValue, width: number, height: number): Uint8Array {
  const m = mask.width === width && mask.height === height ? mask : resizeBilinear(mask, width, height);
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = luma(m.pixels, i * 4) >= 128 ? 1 : 0;
  return out;
}

/**
 * A mask resized to `size`×`size` where an output pixel is 1 when ANY source pixel in its footprint is: a thin
 * stroke on a large picture survives the shrink to the model's square (bilinear sampling could skip it).
 */
export function squareMask(mask: Uint8Array, width: number, height: number, size: number): Uint8Array {
  const out = new Uint8Array(size * size);
  // Source span of output index o along an axis of n pixels: [⌊o·n/size⌋, ⌈(o+1)·n/size⌉) — never empty.
  const span = (o: number, n: number) => [
    Math.floor((o * n) / size),
    Math.max(Math.floor((o * n) / size) + 1, Math.ceil(((o + 1) * n) / size)),
  ];
  for (let oy = 0; oy < size; oy++) {
    const [y0, y1] = span(oy, height);
    for (let ox = 0; ox < size; ox++) {
      const [x0, x1] = span(ox, width);
      find: for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++)
          if (mask[y * width + x]) {
            out[oy * size + ox] = 1;
            break find;
          }
    }
  }
  return out;
}

/** The mask as a black-and-white Image (white = filled), for a node's output. */
export function maskImage(mask: Uint8Array, width: number, height: number): ImageValue {
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < mask.length; i++) pixels.set(mask[i] ? [255, 255, 255, 255] : [0, 0, 0, 255], i * 4);
  return { type: 'Image', width, height, pixels };
}

/** `base` with the pixels of `fill` (same size) where `mask` is 1. */
export function composite(base: ImageValue, fill: ImageValue, mask: Uint8Array): ImageValue {
  const pixels = new Uint8ClampedArray(base.pixels);
  for (let i = 0; i < mask.length; i++) if (mask[i]) (pixels.set(fill.pixels.subarray(i * 4, i * 4 + 3), i * 4), (pixels[i * 4 + 3] = 255));
  return { ...base, pixels };
}
