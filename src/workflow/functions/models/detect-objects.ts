/**
 * DetectObjects: finds objects in a picture (object-detection, DETR) and draws their boxes; also lists them as text.
 *
 * Example program:
 *   img = LoadImage(source="street.jpg")
 *   det = DetectObjects(threshold=0.9)
 *   img.image -> det.image
 */
import { FEATURES } from '../../../llm/catalogue';
import { registerFunction, inputOf, paramOf } from '../registry';
import type { FunctionDef, Value } from '../../lang/types';
import { loadPipeline, modelParam, toRawImage } from './runtime';

/** The catalogue's default (src/llm/catalogue.ts: dtype per device, size, licence, alternatives). */
const MODEL = FEATURES.DetectObjects.model;

/** One box of the object-detection pipeline (pixel coordinates with `percentage: false`). */
export interface Detection {
  label: string;
  score: number;
  box: { xmin: number; ymin: number; xmax: number; ymax: number };
}

/** A copy of `img` with 2-pixel red rectangles around each box (pixel coordinates). */
export function drawBoxes(img: Extract<Value, { type: 'Image' }>, boxes: Detection['box'][]): Extract<Value, { type: 'Image' }> {
  const pixels = new Uint8ClampedArray(img.pixels);
  const set = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
    pixels.set([230, 57, 70, 255], (y * img.width + x) * 4);
  };
  for (const b of boxes) {
    const [x0, y0, x1, y1] = [b.xmin, b.ymin, b.xmax, b.ymax].map(Math.round);
    for (let t = 0; t < 2; t++) {
      for (let x = x0; x <= x1; x++) (set(x, y0 + t), set(x, y1 - t));
      for (let y = y0; y <= y1; y++) (set(x0 + t, y), set(x1 - t, y));
    }
  }
  return { ...img, pixels };
}

export const detectObjects: FunctionDef = {
  name: 'DetectObjects',
  category: 'image',
  doc: 'Finds objects in a picture and draws their boxes (object detection model, downloaded on first use).',
  needsModel: true,
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [
    { name: 'image', type: 'Image', doc: 'the picture with boxes' },
    { name: 'labels', type: 'Text', doc: 'one "label (score)" per line' },
  ],
  params: [
    { name: 'model', type: 'string', default: MODEL, doc: 'Hugging Face model id (ONNX, object-detection)' },
    { name: 'threshold', type: 'number', min: 0, max: 1, default: 0.9 },
  ],
  example: 'img = LoadImage(source="street.jpg")\ndet = DetectObjects(threshold=0.9)\nimg.image -> det.image',
  async run(inputs, params, ctx) {
    const img = inputOf(inputs, 'image', 'Image');
    const detector = await loadPipeline('object-detection', modelParam(params, MODEL), undefined, ctx);
    const found = (await detector(await toRawImage(img), {
      threshold: paramOf(params, 'threshold', 'number'),
      percentage: false,
    })) as Detection[];
    ctx.progress(1);
    return {
      image: drawBoxes(
        img,
        found.map((d) => d.box),
      ),
      labels: { type: 'Text', text: found.map((d) => `${d.label} (${d.score.toFixed(2)})`).join('\n') },
    };
  },
};

registerFunction(detectObjects);
