/**
 * InpaintImage: fills the white part of a mask with what the picture around it suggests (LaMa, large-mask
 * inpainting, plain ONNX through onnxruntime-web). LaMa's export takes a fixed square (512×512): the picture and
 * mask are resized to it, the model fills the hole, and the fill is resized back and pasted into the ORIGINAL
 * picture only where the mask is white, so every other pixel stays exactly as it was.
 *
 * Example program:
 *   img  = LoadImage(source="street.jpg")
 *   mask = LoadImage(source="mask.png")
 *   fill = InpaintImage()
 *   img.image  -> fill.image
 *   mask.image -> fill.mask
 */
import { FEATURES } from '../../../llm/catalogue';
import { registerFunction, inputOf } from '../registry';
import type { FunctionDef, RunContext } from '../../lang/types';
import { PortError, resizeBilinear, type ImageValue } from '../image/pixels';
import { loadOnnx, modelParam } from './runtime';
import { composite, fromChw, maskOf, squareMask, toChw } from './image-tensor';

/** The catalogue's default (src/llm/catalogue.ts: files, size, licence, why it runs on wasm). */
export const INPAINT_MODEL = FEATURES.InpaintImage.model;

export const INPAINT_MODEL_PARAM = {
  name: 'model',
  type: 'string',
  default: INPAINT_MODEL,
  doc: 'Hugging Face model id (LaMa ONNX: image [1,3,S,S] 0..1, mask [1,1,S,S] → output 0..255)',
} as const;

/** Fills `mask` (1 = fill, one byte per pixel of `img`) with the inpainting model `modelId`. */
export async function inpaint(img: ImageValue, mask: Uint8Array, modelId: string, ctx: RunContext): Promise<ImageValue> {
  if (!mask.some((v) => v)) throw new PortError('the mask is all black: nothing to fill (white marks the region to fill)', 'mask');
  const m = await loadOnnx(modelId, INPAINT_MODEL, ctx);
  const session = Object.values(m.sessions)[0];
  const dims = session.inputDims.image ?? [];
  // The export's fixed square; a free dimension (another export) gets LaMa's training size.
  const size = typeof dims[2] === 'number' && dims[2] > 0 ? dims[2] : 512;
  const { Tensor } = await import('@huggingface/transformers');
  const square = toChw(resizeBilinear(img, size, size));
  ctx.progress(0.92, `filling ${mask.reduce((s, v) => s + v, 0)} pixels at ${size}×${size}`);
  const out = (await session.run({
    image: new Tensor('float32', square, [1, 3, size, size]),
    mask: new Tensor('float32', Float32Array.from(squareMask(mask, img.width, img.height, size)), [1, 1, size, size]),
  })) as { output?: { data: Float32Array; dims: number[] } };
  if (!out.output) throw new Error(`${modelId} gave no "output" tensor (outputs: ${Object.keys(out).join(', ')})`);
  const filled = resizeBilinear(
    fromChw(out.output.data, size, size, (v) => v),
    img.width,
    img.height,
  );
  return composite(img, filled, mask);
}

export const inpaintImage: FunctionDef = {
  name: 'InpaintImage',
  category: 'image',
  doc: 'Fills the white part of a mask with what the picture around it suggests (LaMa inpainting model, downloaded on first use).',
  needsModel: true,
  inputs: [
    { name: 'image', type: 'Image' },
    { name: 'mask', type: 'Image', doc: 'white = fill, black = keep (resized to the image if its size differs)' },
  ],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [INPAINT_MODEL_PARAM],
  example:
    'img = LoadImage(source="street.jpg")\nmask = LoadImage(source="mask.png")\nfill = InpaintImage()\nimg.image -> fill.image\nmask.image -> fill.mask',
  async run(inputs, params, ctx) {
    const img = inputOf(inputs, 'image', 'Image');
    const mask = maskOf(inputOf(inputs, 'mask', 'Image'), img.width, img.height);
    const image = await inpaint(img, mask, modelParam(params, INPAINT_MODEL), ctx);
    ctx.progress(1);
    return { image };
  },
};

registerFunction(inpaintImage);
