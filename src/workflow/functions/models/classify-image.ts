/**
 * ClassifyImage: the most likely ImageNet label of a picture and its probability (image-classification).
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   cls = ClassifyImage()
 *   img.image -> cls.image
 */
import { FEATURES } from '../../../llm/catalogue';
import { registerFunction, inputOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { loadPipeline, modelParam, toRawImage } from './runtime';

/** The catalogue's default (src/llm/catalogue.ts: dtype per device, size, licence, alternatives). */
const MODEL = FEATURES.ClassifyImage.model;

export const classifyImage: FunctionDef = {
  name: 'ClassifyImage',
  category: 'image',
  doc: 'Names what a picture shows (image classification model, downloaded on first use): top label and its score.',
  needsModel: true,
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [
    { name: 'label', type: 'Text' },
    { name: 'score', type: 'Number' },
  ],
  params: [{ name: 'model', type: 'string', default: MODEL, doc: 'Hugging Face model id (ONNX, image-classification)' }],
  example: 'img = LoadImage(source="cat.jpg")\ncls = ClassifyImage()\nimg.image -> cls.image',
  async run(inputs, params, ctx) {
    const image = await toRawImage(inputOf(inputs, 'image', 'Image'));
    const classifier = await loadPipeline('image-classification', modelParam(params, MODEL), undefined, ctx);
    const out = (await classifier(image, { top_k: 1 })) as { label: string; score: number }[];
    ctx.progress(1);
    return { label: { type: 'Text', text: out[0]?.label ?? '' }, score: { type: 'Number', value: out[0]?.score ?? 0 } };
  },
};

registerFunction(classifyImage);
