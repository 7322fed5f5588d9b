/**
 * BlurImage: three passes of a separable box blur of `radius` pixels (close to a Gaussian, σ ≈ radius).
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   soft = BlurImage(radius=3)
 *   img.image -> soft.image
 */
import { registerFunction, type FunctionImpl, paramOf } from '../registry';
import { asImage, type ImageValue } from './pixels';

function boxPass(src: Float32Array, dst: Float32Array, W: number, H: number, r: number, horizontal: boolean): void {
  const n = horizontal ? W : H,
    lines = horizontal ? H : W;
  for (let line = 0; line < lines; line++) {
    for (let c = 0; c < 4; c++) {
      const idx = (i: number) => (horizontal ? line * W + i : i * W + line) * 4 + c;
      let acc = 0;
      for (let i = -r; i <= r; i++) acc += src[idx(Math.min(n - 1, Math.max(0, i)))];
      for (let i = 0; i < n; i++) {
        dst[idx(i)] = acc / (2 * r + 1);
        acc += src[idx(Math.min(n - 1, i + r + 1))] - src[idx(Math.max(0, i - r))];
      }
    }
  }
}

export function blur(img: ImageValue, radius: number): ImageValue {
  const a = Float32Array.from(img.pixels);
  const b = new Float32Array(a.length);
  for (let k = 0; k < 3; k++) {
    boxPass(a, b, img.width, img.height, radius, true);
    boxPass(b, a, img.width, img.height, radius, false);
  }
  return { type: 'Image', width: img.width, height: img.height, pixels: Uint8ClampedArray.from(a, Math.round) };
}

export const blurImage: FunctionImpl = {
  name: 'BlurImage',
  // Pure CPU work: may run in a node-pool worker.
  pure: true,
  category: 'image',
  doc: 'Blurs an image: three separable box-blur passes of the given radius (close to a Gaussian).',
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [{ name: 'radius', type: 'number', integer: true, min: 0, max: 64, default: 2 }],
  example: 'img = LoadImage(source="cat.jpg")\nsoft = BlurImage(radius=3)\nimg.image -> soft.image',
  async run(inputs, params) {
    return { image: blur(asImage(inputs.image, 'image'), paramOf(params, 'radius', 'number')) };
  },
};

registerFunction(blurImage);
