/**
 * AdjustImage: brightness (added, −1…1), contrast and saturation (multipliers around 1).
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   pop = AdjustImage(brightness=0.05, contrast=1.2, saturation=1.4)
 *   img.image -> pop.image
 */
import { registerFunction, type FunctionImpl, paramOf } from '../registry';
import { asImage, mapPixels } from './pixels';

export const adjustImage: FunctionImpl = {
  name: 'AdjustImage',
  // Pure CPU work: may run in a node-pool worker.
  pure: true,
  category: 'image',
  doc: 'Brightness (−1…1, added), contrast and saturation (0…3, 1 = unchanged).',
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [
    { name: 'brightness', type: 'number', min: -1, max: 1, default: 0 },
    { name: 'contrast', type: 'number', min: 0, max: 3, default: 1 },
    { name: 'saturation', type: 'number', min: 0, max: 3, default: 1 },
  ],
  example: 'img = LoadImage(source="cat.jpg")\npop = AdjustImage(brightness=0.05, contrast=1.2, saturation=1.4)\nimg.image -> pop.image',
  async run(inputs, params) {
    const br = paramOf(params, 'brightness', 'number') * 255,
      ct = paramOf(params, 'contrast', 'number'),
      sat = paramOf(params, 'saturation', 'number');
    return {
      image: mapPixels(asImage(inputs.image, 'image'), (r, g, b, a) => {
        const l = 0.299 * r + 0.587 * g + 0.114 * b;
        const f = (c: number) => (l + (c - l) * sat - 128) * ct + 128 + br;
        return [f(r), f(g), f(b), a];
      }),
    };
  },
};

registerFunction(adjustImage);
