/**
 * Watercolor (Image → Image) on the GPU: soft washes of colour (a box mean over `radius`, lightened towards
 * the paper), pigment pooling that darkens edges (difference of the means over radius and 2·radius), and a
 * paper grain. WGSL in shaders/workflow/watercolor.wgsl; `watercolorCpu` is its reference (f64 vs f32: within
 * one level per channel) and the fallback without WebGPU.
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   wash = Watercolor(radius=3, edges=0.6, grain=0.5)
 *   img.image -> wash.image
 */
import code from '../../../../shaders/workflow/watercolor.wgsl?raw';
import { registerFunction, paramOf, inputOf, type FunctionImpl } from '../registry';
import type { ImageValue } from '../image/pixels';
import { workflowGpu } from './device';
import { gpuOrCpu } from './fallback';
import { runImageKernel } from './image-kernel';
import { uniformStruct } from '../../../gpu/uniform';

/** watercolor.wgsl's uniform, by field name (checked against the WGSL struct when this module loads). */
const Params = uniformStruct(
  code,
  'Params',
  { width: 'u32', height: 'u32', radius: 'u32', edges: 'f32', grain: 'f32' },
  'workflow/watercolor',
);

export interface WatercolorSpec {
  radius: number;
  edges: number;
  grain: number;
}

/** The paper texture's integer hash (u32 arithmetic, as in the shader). */
export function paperHash(x: number, y: number): number {
  let h = (Math.imul(x, 374761393) + Math.imul(y, 668265263)) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** CPU reference of watercolor.wgsl. */
export function watercolorCpu(img: ImageValue, { radius: r, edges, grain }: WatercolorSpec): ImageValue {
  const { width: W, height: H, pixels } = img;
  const out = new Uint8ClampedArray(pixels.length);
  const n1 = (2 * r + 1) ** 2,
    n2 = (4 * r + 1) ** 2;
  const luma = (c: number[]) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const inner = [0, 0, 0],
        outer = [0, 0, 0];
      for (let dy = -2 * r; dy <= 2 * r; dy++) {
        const yy = Math.min(H - 1, Math.max(0, y + dy));
        for (let dx = -2 * r; dx <= 2 * r; dx++) {
          const k = (yy * W + Math.min(W - 1, Math.max(0, x + dx))) * 4;
          const near = Math.abs(dx) <= r && Math.abs(dy) <= r;
          for (let c = 0; c < 3; c++) {
            outer[c] += pixels[k + c];
            if (near) inner[c] += pixels[k + c];
          }
        }
      }
      const m1 = inner.map((v) => v / (255 * n1)),
        m2 = outer.map((v) => v / (255 * n2));
      const pool = 1 - edges * Math.min(1, Math.max(0, Math.abs(luma(m1) - luma(m2)) * 4));
      const paper = 1 - (grain * 0.12 * (paperHash(x, y) & 255)) / 255;
      const o = (y * W + x) * 4;
      for (let c = 0; c < 3; c++) {
        const wash = m1[c] + (1 - m1[c]) * 0.12;
        out[o + c] = Math.floor(Math.min(1, Math.max(0, wash * pool * paper)) * 255 + 0.5);
      }
      out[o + 3] = pixels[o + 3];
    }
  }
  return { type: 'Image', width: W, height: H, pixels: out };
}

export async function watercolorGpu(img: ImageValue, spec: WatercolorSpec) {
  const ctx = await workflowGpu();
  if (!ctx) return undefined;
  const uniform = Params.bytes({ width: img.width, height: img.height, radius: spec.radius, edges: spec.edges, grain: spec.grain });
  return runImageKernel(ctx, { code, label: 'workflow/watercolor', job: `Watercolor ${img.width}×${img.height}` }, img, uniform);
}

export const watercolor: FunctionImpl = {
  name: 'Watercolor',
  category: 'image',
  doc: 'Watercolour look on the GPU (WGSL): soft washes of colour, darker pooled edges and paper grain.',
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [
    { name: 'radius', type: 'number', integer: true, min: 1, max: 6, default: 3, doc: 'wash softness in pixels' },
    { name: 'edges', type: 'number', min: 0, max: 1, default: 0.6, doc: 'how much pigment darkens the edges' },
    { name: 'grain', type: 'number', min: 0, max: 1, default: 0.5, doc: 'paper texture strength' },
  ],
  example: 'img = LoadImage(source="cat.jpg")\nwash = Watercolor(radius=3, edges=0.6, grain=0.5)\nimg.image -> wash.image',
  async run(inputs, params, ctx) {
    const img = inputOf(inputs, 'image', 'Image');
    const spec = {
      radius: paramOf(params, 'radius', 'number'),
      edges: paramOf(params, 'edges', 'number'),
      grain: paramOf(params, 'grain', 'number'),
    };
    return { image: gpuOrCpu(ctx, await watercolorGpu(img, spec), () => watercolorCpu(img, spec)) };
  },
};

registerFunction(watercolor);
