/**
 * EstimateDepth: a depth map of a photo (depth-estimation, Depth Anything V2 small), as a grayscale image
 * (bright = near), the input of depth → mesh.
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   d = EstimateDepth()
 *   img.image -> d.image
 */
import { FEATURES } from '../../../llm/catalogue';
import { registerFunction, inputOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { fromRawImage, loadPipeline, modelParam, toRawImage } from './runtime';

/** The catalogue's default (src/llm/catalogue.ts: dtype per device, size, licence, alternatives). */
const MODEL = FEATURES.EstimateDepth.model;

export const estimateDepth: FunctionDef = {
  name: 'EstimateDepth',
  category: 'image',
  doc: 'Estimates a depth map from one photo (depth estimation model, downloaded on first use); bright means near.',
  needsModel: true,
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'depth', type: 'Image', doc: 'grayscale depth, same size as the input' }],
  params: [{ name: 'model', type: 'string', default: MODEL, doc: 'Hugging Face model id (ONNX, depth-estimation)' }],
  example: 'img = LoadImage(source="cat.jpg")\nd = EstimateDepth()\nimg.image -> d.image',
  async run(inputs, params, ctx) {
    const estimator = await loadPipeline('depth-estimation', modelParam(params, MODEL), undefined, ctx);
    const out = (await estimator(await toRawImage(inputOf(inputs, 'image', 'Image')))) as {
      depth: { data: ArrayLike<number>; width: number; height: number; channels: number };
    };
    ctx.progress(1);
    return { depth: fromRawImage(out.depth) };
  },
};

registerFunction(estimateDepth);
