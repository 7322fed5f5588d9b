/**
 * RemoveBackground: makes the background of a photo transparent (background-removal, MODNet by default).
 *
 * Example program:
 *   img = LoadImage(source="portrait.jpg")
 *   cut = RemoveBackground()
 *   img.image -> cut.image
 */
import { FEATURES } from '../../../llm/catalogue';
import { registerFunction, inputOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { fromRawImage, loadPipeline, modelParam, toRawImage } from './runtime';

/** The catalogue's default (src/llm/catalogue.ts: dtype per device, size, licence, alternatives). */
const MODEL = FEATURES.RemoveBackground.model;

export const removeBackground: FunctionDef = {
  name: 'RemoveBackground',
  category: 'image',
  doc: 'Makes the background of a photo transparent (segmentation model, downloaded on first use).',
  needsModel: true,
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'image', type: 'Image', doc: 'RGBA, background alpha 0' }],
  params: [{ name: 'model', type: 'string', default: MODEL, doc: 'Hugging Face model id (ONNX, background-removal)' }],
  example: 'img = LoadImage(source="portrait.jpg")\ncut = RemoveBackground()\nimg.image -> cut.image',
  async run(inputs, params, ctx) {
    const remover = await loadPipeline('background-removal', modelParam(params, MODEL), undefined, ctx);
    const out = (await remover(await toRawImage(inputOf(inputs, 'image', 'Image')))) as {
      data: ArrayLike<number>;
      width: number;
      height: number;
      channels: number;
    };
    ctx.progress(1);
    return { image: fromRawImage(out) };
  },
};

registerFunction(removeBackground);
