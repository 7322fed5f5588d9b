/**
 * CaptionImage: one sentence describing a picture (transformers.js image-to-text, e.g. ViT-GPT2).
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   cap = CaptionImage()
 *   img.image -> cap.image
 */
import { FEATURES } from '../../../llm/catalogue';
import { registerFunction, inputOf, paramOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { loadPipeline, modelParam, toRawImage } from './runtime';

/** The catalogue's default (src/llm/catalogue.ts: dtype per device, size, licence, alternatives). */
const MODEL = FEATURES.CaptionImage.model;

export const captionImage: FunctionDef = {
  name: 'CaptionImage',
  category: 'image',
  doc: 'Describes a picture in one sentence (image captioning model, downloaded on first use).',
  needsModel: true,
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'text', type: 'Text' }],
  params: [
    { name: 'model', type: 'string', default: MODEL, doc: 'Hugging Face model id (ONNX, image-to-text)' },
    { name: 'maxTokens', type: 'number', integer: true, min: 1, max: 256, default: 32 },
  ],
  example: 'img = LoadImage(source="cat.jpg")\ncap = CaptionImage()\nimg.image -> cap.image',
  async run(inputs, params, ctx) {
    const image = await toRawImage(inputOf(inputs, 'image', 'Image'));
    const captioner = await loadPipeline('image-to-text', modelParam(params, MODEL), undefined, ctx);
    const out = (await captioner(image, { max_new_tokens: paramOf(params, 'maxTokens', 'number') })) as { generated_text: string }[];
    ctx.progress(1);
    return { text: { type: 'Text', text: (out[0]?.generated_text ?? '').trim() } };
  },
};

registerFunction(captionImage);
