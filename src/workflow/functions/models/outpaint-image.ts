/**
 * OutpaintImage: extends a picture beyond its borders — a larger canvas, the original in place, the new margins
 * filled by the inpainting model (InpaintImage's LaMa) from what is at the edges.
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   out = OutpaintImage(left=64, right=64)
 *   img.image -> out.image
 */
import { registerFunction, inputOf, paramOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { checkSize, PortError, type ImageValue } from '../image/pixels';
import { modelParam } from './runtime';
import { inpaint, INPAINT_MODEL, INPAINT_MODEL_PARAM } from './inpaint-image';

const SIDES = ['left', 'right', 'top', 'bottom'] as const;

/** The picture on a canvas grown by the margins, the margins copied from the nearest edge pixel; mask = margins. */
export function padCanvas(img: ImageValue, m: Record<(typeof SIDES)[number], number>): { canvas: ImageValue; mask: Uint8Array } {
  const width = img.width + m.left + m.right;
  const height = img.height + m.top + m.bottom;
  checkSize(width, height, 'outpaint');
  const pixels = new Uint8ClampedArray(width * height * 4);
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const sx = Math.min(img.width - 1, Math.max(0, x - m.left));
      const sy = Math.min(img.height - 1, Math.max(0, y - m.top));
      pixels.set(img.pixels.subarray((sy * img.width + sx) * 4, (sy * img.width + sx) * 4 + 4), (y * width + x) * 4);
      mask[y * width + x] = sx !== x - m.left || sy !== y - m.top ? 1 : 0;
    }
  return { canvas: { type: 'Image', width, height, pixels }, mask };
}

export const outpaintImage: FunctionDef = {
  name: 'OutpaintImage',
  category: 'image',
  doc: 'Extends a picture beyond its borders by the given pixels per side, filling the new area from its edges (LaMa inpainting model, downloaded on first use).',
  needsModel: true,
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [
    ...SIDES.map((name) => ({
      name,
      type: 'number' as const,
      integer: true,
      min: 0,
      max: 2048,
      default: name === 'left' || name === 'right' ? 64 : 0,
      doc: `pixels added on the ${name}`,
    })),
    INPAINT_MODEL_PARAM,
  ],
  example: 'img = LoadImage(source="cat.jpg")\nout = OutpaintImage(left=64, right=64)\nimg.image -> out.image',
  async run(inputs, params, ctx) {
    const img = inputOf(inputs, 'image', 'Image');
    const margins = Object.fromEntries(SIDES.map((s) => [s, paramOf(params, s, 'number')])) as Record<(typeof SIDES)[number], number>;
    if (SIDES.every((s) => margins[s] === 0))
      throw new PortError('all four margins are 0: nothing to extend (set left, right, top or bottom)');
    const { canvas, mask } = padCanvas(img, margins);
    const image = await inpaint(canvas, mask, modelParam(params, INPAINT_MODEL), ctx);
    ctx.progress(1);
    return { image };
  },
};

registerFunction(outpaintImage);
