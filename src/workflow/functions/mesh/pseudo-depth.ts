/**
 * PseudoDepth (Image → Image): a CHEAP STAND-IN for depth, not a learned estimate. Nearness is guessed
 * from brightness and from height in the frame (lower = nearer, as for a floor), then blurred. For real
 * monocular depth use the model-backed EstimateDepth. Output: grey image, white = near.
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   depth = PseudoDepth(smooth=4)
 *   img.image -> depth.image
 */
import { registerFunction, type FunctionImpl, paramOf } from '../registry';
import { blur } from '../image/blur';
import { asImage } from '../image/pixels';

export const pseudoDepth: FunctionImpl = {
  name: 'PseudoDepth',
  // Pure CPU work: may run in a node-pool worker.
  pure: true,
  category: 'image',
  doc: 'Pseudo-depth (NOT a learned model): nearness guessed from luminance and vertical position, blurred. White = near.',
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'depth', type: 'Image', doc: 'grey; white is near' }],
  params: [
    { name: 'smooth', type: 'number', integer: true, min: 0, max: 32, default: 4, doc: 'blur radius of the depth map' },
    { name: 'verticalWeight', type: 'number', min: 0, max: 1, default: 0.4, doc: 'how much lower-in-frame means nearer' },
  ],
  example: 'img = LoadImage(source="cat.jpg")\ndepth = PseudoDepth(smooth=4)\nimg.image -> depth.image',
  async run(inputs, params) {
    const img = asImage(inputs.image, 'image');
    const vw = paramOf(params, 'verticalWeight', 'number');
    const out = new Uint8ClampedArray(img.pixels.length);
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const k = (y * img.width + x) * 4,
          p = img.pixels;
        const l = (0.299 * p[k] + 0.587 * p[k + 1] + 0.114 * p[k + 2]) / 255;
        const d = 255 * ((1 - vw) * l + vw * (y / Math.max(1, img.height - 1)));
        out[k] = out[k + 1] = out[k + 2] = d;
        out[k + 3] = 255;
      }
    }
    const r = paramOf(params, 'smooth', 'number');
    const depth = { type: 'Image' as const, width: img.width, height: img.height, pixels: out };
    return { depth: r > 0 ? blur(depth, r) : depth };
  },
};

registerFunction(pseudoDepth);
