/**
 * OilPaint (Image → Image) on the GPU: the classic oil-paint filter. In each pixel's (2·radius+1)² window the
 * pixels are binned by intensity into `levels` bins, and the pixel takes the mean colour of the fullest bin:
 * flat daubs of colour with soft brush-like edges. WGSL in shaders/workflow/oil-paint.wgsl (integer maths,
 * so `oilPaintCpu`, its reference and the fallback without WebGPU, matches it exactly).
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   oil = OilPaint(radius=3, levels=16)
 *   img.image -> oil.image
 */
import code from '../../../../shaders/workflow/oil-paint.wgsl?raw';
import { registerFunction, paramOf, inputOf, type FunctionImpl } from '../registry';
import type { ImageValue } from '../image/pixels';
import { workflowGpu } from './device';
import { gpuOrCpu } from './fallback';
import { runImageKernel } from './image-kernel';
import { uniformStruct } from '../../../gpu/uniform';

/** oil-paint.wgsl's uniform, by field name (checked against the WGSL struct when this module loads). */
const Params = uniformStruct(code, 'Params', { width: 'u32', height: 'u32', radius: 'u32', levels: 'u32' }, 'workflow/oil-paint');

export interface OilPaintSpec {
  radius: number;
  levels: number;
}

/** CPU reference of oil-paint.wgsl. */
export function oilPaintCpu(img: ImageValue, { radius, levels }: OilPaintSpec): ImageValue {
  const { width: W, height: H, pixels } = img;
  const out = new Uint8ClampedArray(pixels.length);
  const count = new Uint32Array(levels),
    sr = new Uint32Array(levels),
    sg = new Uint32Array(levels),
    sb = new Uint32Array(levels);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      count.fill(0);
      sr.fill(0);
      sg.fill(0);
      sb.fill(0);
      for (let dy = -radius; dy <= radius; dy++) {
        const yy = Math.min(H - 1, Math.max(0, y + dy));
        for (let dx = -radius; dx <= radius; dx++) {
          const k = (yy * W + Math.min(W - 1, Math.max(0, x + dx))) * 4;
          const r = pixels[k],
            g = pixels[k + 1],
            b = pixels[k + 2];
          const bin = Math.floor(((299 * r + 587 * g + 114 * b) * levels) / 256000);
          count[bin]++;
          sr[bin] += r;
          sg[bin] += g;
          sb[bin] += b;
        }
      }
      let best = 0;
      for (let k = 1; k < levels; k++) if (count[k] > count[best]) best = k;
      const n = count[best],
        o = (y * W + x) * 4;
      out[o] = Math.floor((sr[best] + Math.floor(n / 2)) / n);
      out[o + 1] = Math.floor((sg[best] + Math.floor(n / 2)) / n);
      out[o + 2] = Math.floor((sb[best] + Math.floor(n / 2)) / n);
      out[o + 3] = pixels[o + 3];
    }
  }
  return { type: 'Image', width: W, height: H, pixels: out };
}

export async function oilPaintGpu(img: ImageValue, spec: OilPaintSpec) {
  const ctx = await workflowGpu();
  if (!ctx) return undefined;
  const uniform = Params.bytes({ width: img.width, height: img.height, radius: spec.radius, levels: spec.levels });
  return runImageKernel(ctx, { code, label: 'workflow/oil-paint', job: `OilPaint ${img.width}×${img.height}` }, img, uniform);
}

export const oilPaint: FunctionImpl = {
  name: 'OilPaint',
  category: 'image',
  doc: 'Oil-painting look on the GPU (WGSL): each pixel takes the mean colour of the most common brightness in its neighbourhood.',
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [
    { name: 'radius', type: 'number', integer: true, min: 1, max: 6, default: 3, doc: 'brush size in pixels' },
    { name: 'levels', type: 'number', integer: true, min: 2, max: 32, default: 16, doc: 'brightness bins: fewer = flatter daubs' },
  ],
  example: 'img = LoadImage(source="cat.jpg")\noil = OilPaint(radius=3, levels=16)\nimg.image -> oil.image',
  async run(inputs, params, ctx) {
    const img = inputOf(inputs, 'image', 'Image');
    const spec = { radius: paramOf(params, 'radius', 'number'), levels: paramOf(params, 'levels', 'number') };
    return { image: gpuOrCpu(ctx, await oilPaintGpu(img, spec), () => oilPaintCpu(img, spec)) };
  },
};

registerFunction(oilPaint);
