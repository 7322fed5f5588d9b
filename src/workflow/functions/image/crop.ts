/**
 * CropImage: the rectangle x, y, width, height (pixels, from the top-left); it must lie inside the image.
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   face = CropImage(x=64, y=32, width=128, height=96)
 *   img.image -> face.image
 */
import { registerFunction, type FunctionImpl, paramOf } from '../registry';
import { asImage, PortError } from './pixels';

export const cropImage: FunctionImpl = {
  name: 'CropImage',
  // Pure CPU work: may run in a node-pool worker.
  pure: true,
  category: 'image',
  doc: 'Cuts out the rectangle x, y, width, height (pixels from the top-left corner).',
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [
    { name: 'x', type: 'number', integer: true, min: 0, default: 0 },
    { name: 'y', type: 'number', integer: true, min: 0, default: 0 },
    { name: 'width', type: 'number', integer: true, min: 1, default: 128 },
    { name: 'height', type: 'number', integer: true, min: 1, default: 128 },
  ],
  example: 'img = LoadImage(source="cat.jpg")\nface = CropImage(x=64, y=32, width=128, height=96)\nimg.image -> face.image',
  async run(inputs, params) {
    const img = asImage(inputs.image, 'image');
    const x = paramOf(params, 'x', 'number'),
      y = paramOf(params, 'y', 'number'),
      w = paramOf(params, 'width', 'number'),
      h = paramOf(params, 'height', 'number');
    if (x + w > img.width || y + h > img.height) {
      throw new PortError(`crop ${w}×${h} at (${x}, ${y}) reaches outside the ${img.width}×${img.height} image`, 'image');
    }
    const out = new Uint8ClampedArray(w * h * 4);
    for (let j = 0; j < h; j++) out.set(img.pixels.subarray(((y + j) * img.width + x) * 4, ((y + j) * img.width + x + w) * 4), j * w * 4);
    return { image: { type: 'Image', width: w, height: h, pixels: out } };
  },
};

registerFunction(cropImage);
