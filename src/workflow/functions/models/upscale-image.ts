/**
 * UpscaleImage: super-resolution ×2 or ×4 (transformers.js image-to-image, Swin2SR). The processor pads the picture
 * to a multiple of the model's window; the padding is cut off the result, so the output is exactly scale × the input.
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   up  = UpscaleImage(scale="2")
 *   img.image -> up.image
 */
import { FEATURES } from '../../../llm/catalogue';
import { registerFunction, inputOf, paramOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { checkSize, PortError, type ImageValue } from '../image/pixels';
import { fromRawImage, loadPipeline, modelParam, toRawImage } from './runtime';

/** The catalogue's ×2 default and its ×4 sibling (src/llm/catalogue.ts: dtype per device, size, licence). */
const MODEL = FEATURES.UpscaleImage.model;
const MODEL_X4 = FEATURES.UpscaleImage.alternatives[0];

/** The top-left `width`×`height` of `img`. */
function cropTopLeft(img: ImageValue, width: number, height: number): ImageValue {
  if (img.width === width && img.height === height) return img;
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) pixels.set(img.pixels.subarray(y * img.width * 4, (y * img.width + width) * 4), y * width * 4);
  return { type: 'Image', width, height, pixels };
}

export const upscaleImage: FunctionDef = {
  name: 'UpscaleImage',
  category: 'image',
  doc: 'Enlarges a picture ×2 or ×4 with a super-resolution model that restores detail (Swin2SR, downloaded on first use).',
  needsModel: true,
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [
    { name: 'scale', type: 'choice', choices: ['2', '4'], default: '2', doc: 'enlargement factor' },
    {
      name: 'model',
      type: 'string',
      default: MODEL,
      doc: `Hugging Face model id (ONNX, image-to-image); scale 4 with the default uses ${MODEL_X4}`,
    },
  ],
  example: 'img = LoadImage(source="cat.jpg")\nup = UpscaleImage(scale="2")\nimg.image -> up.image',
  async run(inputs, params, ctx) {
    const img = inputOf(inputs, 'image', 'Image');
    const scale = Number(paramOf(params, 'scale', 'string'));
    const chosen = modelParam(params, MODEL);
    const model = chosen === MODEL && scale === 4 ? MODEL_X4 : chosen;
    // The output must fit in memory as an Image: refuse before any download.
    checkSize(img.width * scale, img.height * scale, `upscale ×${scale} of ${img.width}×${img.height}`);
    const upscaler = await loadPipeline('image-to-image', model, undefined, ctx);
    ctx.progress(0.92, `upscaling ${img.width}×${img.height} ×${scale}`);
    const out = fromRawImage((await upscaler(await toRawImage(img))) as Parameters<typeof fromRawImage>[0]);
    if (out.width < img.width * scale || out.height < img.height * scale)
      throw new PortError(
        `${model} enlarged ${img.width}×${img.height} to ${out.width}×${out.height}, not ×${scale}: pick the model for ×${scale}`,
      );
    ctx.progress(1, `${img.width}×${img.height} → ${img.width * scale}×${img.height * scale}`);
    return { image: cropTopLeft(out, img.width * scale, img.height * scale) };
  },
};

registerFunction(upscaleImage);
