/**
 * CompositeImages (base, overlay → Image): the overlay scaled by `scale`, pasted with its top-left corner at
 * (x, y) pixels of the base, alpha-blended (the overlay's own alpha × `opacity`). Parts outside the base are
 * cut off. Pure CPU.
 *
 * Example program:
 *   bg = LoadImage(source="cat.jpg")
 *   t = TextInput(text="logo")
 *   logo = RenderText(width=120, height=40)
 *   out = CompositeImages(x=10, y=10, scale=1, opacity=0.8)
 *   t.text -> logo.text
 *   bg.image -> out.base
 *   logo.image -> out.overlay
 */
import { registerFunction, paramOf, inputOf, type FunctionImpl } from '../registry';
import { resizeBilinear, type ImageValue } from './pixels';

/** out = overlay·α + base·(1 − α) with α = overlay alpha / 255 · opacity; the base's alpha is kept. */
export function composite(base: ImageValue, overlay: ImageValue, x: number, y: number, opacity: number): ImageValue {
  const out = new Uint8ClampedArray(base.pixels);
  for (let oy = 0; oy < overlay.height; oy++) {
    const by = y + oy;
    if (by < 0 || by >= base.height) continue;
    for (let ox = 0; ox < overlay.width; ox++) {
      const bx = x + ox;
      if (bx < 0 || bx >= base.width) continue;
      const o = (oy * overlay.width + ox) * 4,
        b = (by * base.width + bx) * 4;
      const a = (overlay.pixels[o + 3] / 255) * opacity;
      for (let c = 0; c < 3; c++) out[b + c] = Math.round(overlay.pixels[o + c] * a + base.pixels[b + c] * (1 - a));
    }
  }
  return { type: 'Image', width: base.width, height: base.height, pixels: out };
}

export const compositeImages: FunctionImpl = {
  name: 'CompositeImages',
  pure: true,
  category: 'image',
  doc: 'Pastes an overlay image onto a base image at (x, y), scaled and with an opacity (alpha-blended).',
  inputs: [
    { name: 'base', type: 'Image' },
    { name: 'overlay', type: 'Image', doc: 'its alpha channel is respected' },
  ],
  outputs: [{ name: 'image', type: 'Image', doc: "the base's size" }],
  params: [
    { name: 'x', type: 'number', integer: true, min: -8192, max: 8192, default: 0, doc: 'left edge of the overlay, pixels' },
    { name: 'y', type: 'number', integer: true, min: -8192, max: 8192, default: 0, doc: 'top edge of the overlay, pixels' },
    { name: 'scale', type: 'number', min: 0.01, max: 16, default: 1, doc: 'overlay size × this' },
    { name: 'opacity', type: 'number', min: 0, max: 1, default: 1 },
  ],
  example:
    'bg = LoadImage(source="cat.jpg")\nt = TextInput(text="logo")\nlogo = RenderText(width=120, height=40)\nout = CompositeImages(x=10, y=10, scale=1, opacity=0.8)\nt.text -> logo.text\nbg.image -> out.base\nlogo.image -> out.overlay',
  async run(inputs, params) {
    const base = inputOf(inputs, 'base', 'Image');
    let overlay = inputOf(inputs, 'overlay', 'Image');
    const scale = paramOf(params, 'scale', 'number');
    if (scale !== 1) {
      const w = Math.max(1, Math.round(overlay.width * scale)),
        h = Math.max(1, Math.round(overlay.height * scale));
      overlay = resizeBilinear(overlay, w, h);
    }
    const x = paramOf(params, 'x', 'number'),
      y = paramOf(params, 'y', 'number');
    return { image: composite(base, overlay, x, y, paramOf(params, 'opacity', 'number')) };
  },
};

registerFunction(compositeImages);
