/**
 * ResizeImage: bilinear resize to `width`×`height`; with `keepAspect`, fits inside that box.
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   small = ResizeImage(width=64, height=64)
 *   img.image -> small.image
 */
import { registerFunction, type FunctionImpl, paramOf } from '../registry';
import { asImage, resizeBilinear } from './pixels';

export const resizeImage: FunctionImpl = {
  name: 'ResizeImage',
  // Pure CPU work: may run in a node-pool worker.
  pure: true,
  category: 'image',
  doc: 'Resizes an image (bilinear). With keepAspect the result fits inside width×height.',
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [
    { name: 'width', type: 'number', integer: true, min: 1, max: 4096, default: 256 },
    { name: 'height', type: 'number', integer: true, min: 1, max: 4096, default: 256 },
    { name: 'keepAspect', type: 'boolean', default: false },
  ],
  example: 'img = LoadImage(source="cat.jpg")\nsmall = ResizeImage(width=64, height=64)\nimg.image -> small.image',
  async run(inputs, params) {
    const img = asImage(inputs.image, 'image');
    let w = paramOf(params, 'width', 'number'),
      h = paramOf(params, 'height', 'number');
    if (paramOf(params, 'keepAspect', 'boolean')) {
      const s = Math.min(w / img.width, h / img.height);
      w = Math.max(1, Math.round(img.width * s));
      h = Math.max(1, Math.round(img.height * s));
    }
    return { image: resizeBilinear(img, w, h) };
  },
};

registerFunction(resizeImage);
