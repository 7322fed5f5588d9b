/**
 * Grayscale: Rec. 601 luma in every channel; alpha is kept.
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   gray = Grayscale()
 *   img.image -> gray.image
 */
import { registerFunction } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { asImage, mapPixels } from './pixels';

export const grayscale: FunctionDef = {
  name: 'Grayscale',
  category: 'image',
  doc: 'Converts to grey (Rec. 601 luma: 0.299 R + 0.587 G + 0.114 B).',
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [],
  example: 'img = LoadImage(source="cat.jpg")\ngray = Grayscale()\nimg.image -> gray.image',
  async run(inputs) {
    return {
      image: mapPixels(asImage(inputs.image, 'image'), (r, g, b, a) => {
        const l = 0.299 * r + 0.587 * g + 0.114 * b;
        return [l, l, l, a];
      }),
    };
  },
};

registerFunction(grayscale);
