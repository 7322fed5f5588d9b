/**
 * RemoveObject: erases every object of a named kind from a picture — the object detector (DetectObjects' model)
 * finds its boxes, a mask covers them with a margin, and the inpainting model (InpaintImage's) fills them in.
 *
 * Example program:
 *   img = LoadImage(source="table.jpg")
 *   rm  = RemoveObject(object="cup")
 *   img.image -> rm.image
 */
import { FEATURES } from '../../../llm/catalogue';
import { registerFunction, inputOf, paramOf } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { PortError } from '../image/pixels';
import { loadPipeline, modelParam, toRawImage } from './runtime';
import { inpaint, INPAINT_MODEL, INPAINT_MODEL_PARAM } from './inpaint-image';
import { maskImage } from './image-tensor';
import type { Detection } from './detect-objects';

const DETECTOR = FEATURES.DetectObjects.model;

/** 1 inside every box grown by `margin` of its size on each side (clipped to the picture). */
export function boxMask(width: number, height: number, boxes: Detection['box'][], margin: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (const b of boxes) {
    const mx = (b.xmax - b.xmin) * margin;
    const my = (b.ymax - b.ymin) * margin;
    const x0 = Math.max(0, Math.floor(b.xmin - mx));
    const x1 = Math.min(width - 1, Math.ceil(b.xmax + mx));
    const y0 = Math.max(0, Math.floor(b.ymin - my));
    const y1 = Math.min(height - 1, Math.ceil(b.ymax + my));
    for (let y = y0; y <= y1; y++) mask.fill(1, y * width + x0, y * width + x1 + 1);
  }
  return mask;
}

export const removeObject: FunctionDef = {
  name: 'RemoveObject',
  category: 'image',
  doc: 'Erases every object of a kind (a detector label such as "person", "cup", "dog") and fills the gap (object detection + LaMa inpainting, downloaded on first use).',
  needsModel: true,
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [
    { name: 'image', type: 'Image' },
    { name: 'mask', type: 'Image', doc: 'what was filled (white)' },
  ],
  params: [
    {
      name: 'object',
      type: 'string',
      required: true,
      doc: 'the label to remove, as the detector names it (COCO: person, cup, dog, car …)',
    },
    { name: 'threshold', type: 'number', min: 0, max: 1, default: 0.5, doc: 'minimum detection score' },
    { name: 'margin', type: 'number', min: 0, max: 1, default: 0.1, doc: 'grow each box by this fraction of its size per side' },
    { name: 'detector', type: 'string', default: DETECTOR, doc: 'Hugging Face model id (ONNX, object-detection)' },
    INPAINT_MODEL_PARAM,
  ],
  example: 'img = LoadImage(source="table.jpg")\nrm = RemoveObject(object="cup")\nimg.image -> rm.image',
  async run(inputs, params, ctx) {
    const img = inputOf(inputs, 'image', 'Image');
    const object = paramOf(params, 'object', 'string').trim().toLowerCase();
    if (!object) throw new PortError('parameter object is empty: name the kind of object to remove');
    const detector = await loadPipeline('object-detection', paramOf(params, 'detector', 'string').trim() || DETECTOR, undefined, ctx);
    const found = (await detector(await toRawImage(img), {
      threshold: paramOf(params, 'threshold', 'number'),
      percentage: false,
    })) as Detection[];
    const hits = found.filter((d) => d.label.toLowerCase() === object);
    if (!hits.length) {
      const seen = [...new Set(found.map((d) => d.label))];
      throw new PortError(
        `no "${object}" found in the image (${seen.length ? `found: ${seen.join(', ')}` : 'nothing detected'}; threshold ${paramOf(params, 'threshold', 'number')})`,
        'image',
      );
    }
    const mask = boxMask(
      img.width,
      img.height,
      hits.map((d) => d.box),
      paramOf(params, 'margin', 'number'),
    );
    const image = await inpaint(img, mask, modelParam(params, INPAINT_MODEL), ctx);
    ctx.progress(1, `removed ${hits.length} × ${object}`);
    return { image, mask: maskImage(mask, img.width, img.height) };
  },
};

registerFunction(removeObject);
