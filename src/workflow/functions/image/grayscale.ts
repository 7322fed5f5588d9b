/**
 * Grayscale: Rec. 601 luma in every channel; alpha is kept.
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   gray = Grayscale()
 *   img.image -> gray.image
 */
import { registerFunction, type FunctionImpl } from '../registry';
import { asImage, mapPixels } from './pixels';

export const grayscale: FunctionImpl = {
  name: 'Grayscale',
  // Pure CPU work: may run in a node-pool worker.
  pure: true,
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
