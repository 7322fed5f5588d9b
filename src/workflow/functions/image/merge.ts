/**
 * MergeImages (a, b[, mask] → Image), one of four ways, pure CPU:
 * - `blend`: a·(1 − amount) + b·amount, b resized to a;
 * - `side-by-side`: a then b to its right, b scaled to a's height;
 * - `top-bottom`: a above b, b scaled to a's width;
 * - `mask`: b where the mask is white, a where it is black (mask luma, resized to a; b resized to a).
 *
 * Example program:
 *   a = LoadImage(source="cat.jpg")
 *   b = Grayscale()
 *   both = MergeImages(mode="side-by-side")
 *   a.image -> b.image
 *   a.image -> both.a
 *   b.image -> both.b
 */
import { registerFunction, paramOf, inputOf, type FunctionImpl } from '../registry';
import { checkSize, luma, PortError, resizeBilinear, type ImageValue } from './pixels';

export const MERGE_MODES = ['blend', 'side-by-side', 'top-bottom', 'mask'] as const;
export type MergeMode = (typeof MERGE_MODES)[number];

const sized = (img: ImageValue, w: number, h: number) => (img.width === w && img.height === h ? img : resizeBilinear(img, w, h));

export function mergeImages(a: ImageValue, b: ImageValue, mode: MergeMode, amount: number, mask?: ImageValue): ImageValue {
  if (mode === 'side-by-side' || mode === 'top-bottom') {
    const across = mode === 'side-by-side';
    const bw = across ? Math.max(1, Math.round((b.width * a.height) / b.height)) : a.width;
    const bh = across ? a.height : Math.max(1, Math.round((b.height * a.width) / b.width));
    const b2 = sized(b, bw, bh);
    const W = across ? a.width + bw : a.width,
      H = across ? a.height : a.height + bh;
    checkSize(W, H, `MergeImages ${mode}`);
    const out = new Uint8ClampedArray(W * H * 4);
    const paste = (img: ImageValue, x0: number, y0: number) => {
      for (let y = 0; y < img.height; y++)
        out.set(img.pixels.subarray(y * img.width * 4, (y + 1) * img.width * 4), ((y0 + y) * W + x0) * 4);
    };
    paste(a, 0, 0);
    paste(b2, across ? a.width : 0, across ? 0 : a.height);
    return { type: 'Image', width: W, height: H, pixels: out };
  }
  const b2 = sized(b, a.width, a.height);
  let m: ImageValue | undefined;
  if (mode === 'mask') {
    if (!mask) throw new PortError('mode "mask" needs an image on the mask port (white = b, black = a)', 'mask');
    m = sized(mask, a.width, a.height);
  }
  const out = new Uint8ClampedArray(a.pixels.length);
  for (let i = 0; i < out.length; i += 4) {
    const t = m ? luma(m.pixels, i) / 255 : amount;
    for (let c = 0; c < 4; c++) out[i + c] = Math.round(a.pixels[i + c] * (1 - t) + b2.pixels[i + c] * t);
  }
  return { type: 'Image', width: a.width, height: a.height, pixels: out };
}

export const mergeImagesFunction: FunctionImpl = {
  name: 'MergeImages',
  pure: true,
  category: 'image',
  doc: 'Merges two images: blend (mix), side-by-side, top-bottom, or mask (b where the mask is white).',
  inputs: [
    { name: 'a', type: 'Image', doc: 'sets the size' },
    { name: 'b', type: 'Image' },
    { name: 'mask', type: 'Image', optional: true, doc: 'for mode "mask": white = b, black = a' },
  ],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [
    { name: 'mode', type: 'choice', choices: [...MERGE_MODES], default: 'blend' },
    { name: 'amount', type: 'number', min: 0, max: 1, default: 0.5, doc: 'for blend: 0 = a, 1 = b' },
  ],
  example:
    'a = LoadImage(source="cat.jpg")\nb = Grayscale()\nboth = MergeImages(mode="side-by-side")\na.image -> b.image\na.image -> both.a\nb.image -> both.b',
  async run(inputs, params) {
    const mode = paramOf(params, 'mode', 'string') as MergeMode;
    const mask = inputs.mask ? inputOf(inputs, 'mask', 'Image') : undefined;
    const image = mergeImages(
      inputOf(inputs, 'a', 'Image'),
      inputOf(inputs, 'b', 'Image'),
      mode,
      paramOf(params, 'amount', 'number'),
      mask,
    );
    return { image };
  },
};

registerFunction(mergeImagesFunction);
