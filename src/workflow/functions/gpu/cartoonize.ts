/**
 * Cartoonize (Image → Image) on the GPU: bilateral smoothing, colour quantisation, dark outlines.
 * WGSL in shaders/workflow/cartoonize.wgsl; `cartoonizeCpu` is its reference (same maths in f64) and the
 * fallback when WebGPU is missing. Tested against each other in tests/unit/workflow-runtime/gpu-functions.test.ts.
 *
 * Example program:
 *   img  = LoadImage(source="cat.jpg")
 *   toon = Cartoonize(levels=6)
 *   img.image -> toon.image
 */
import source from '../../../../shaders/workflow/cartoonize.wgsl?raw';
import { assembleWgsl } from '../../../gpu/wgsl';
import { uniformStruct } from '../../../gpu/uniform';
import type { FunctionSignature, FunctionDef, ParamValue, RunContext, Value } from '../../lang/types';
import { registerFunction, paramOf } from '../registry';
import { asImage, type ImageValue } from '../image/pixels';
import { workflowGpu } from './device';
import { runImageKernel } from './image-kernel';

const program = assembleWgsl('workflow/cartoonize.wgsl', source);

export interface CartoonParams {
  levels: number;
  edge: number;
  radius: number;
  sigma: number;
}

export function cartoonParams(p: Record<string, ParamValue>): CartoonParams {
  return {
    levels: Math.max(2, paramOf(p, 'levels', 'number')),
    edge: paramOf(p, 'edges', 'number'),
    // Smoothing radius and colour sigma are fixed: the visible controls are levels and edges.
    radius: 2,
    sigma: 0.2,
  };
}

/** cartoonize.wgsl's uniform, by field name. */
const Params = uniformStruct(
  source,
  'Params',
  { width: 'u32', height: 'u32', levels: 'f32', edge: 'f32', radius: 'i32', sigma: 'f32' },
  'workflow/cartoonize',
);

const smoothstep = (e0: number, e1: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

/** CPU reference of cartoonize.wgsl. */
export function cartoonizeCpu(img: ImageValue, c: CartoonParams): ImageValue {
  const { width: W, height: H, pixels } = img;
  const out = new Uint8ClampedArray(pixels.length);
  const at = (x: number, y: number, ch: number) =>
    pixels[(Math.min(H - 1, Math.max(0, y)) * W + Math.min(W - 1, Math.max(0, x))) * 4 + ch] / 255;
  const luma = (x: number, y: number) => 0.299 * at(x, y, 0) + 0.587 * at(x, y, 1) + 0.114 * at(x, y, 2);
  const s2 = Math.max(c.sigma * c.sigma, 1e-4);
  const steps = c.levels - 1;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const cr = at(x, y, 0),
        cg = at(x, y, 1),
        cb = at(x, y, 2);
      let sr = 0,
        sg = 0,
        sb = 0,
        ws = 0;
      for (let dy = -c.radius; dy <= c.radius; dy++) {
        for (let dx = -c.radius; dx <= c.radius; dx++) {
          const r = at(x + dx, y + dy, 0),
            g = at(x + dx, y + dy, 1),
            b = at(x + dx, y + dy, 2);
          const d2 = (r - cr) ** 2 + (g - cg) ** 2 + (b - cb) ** 2;
          const w = Math.exp(-(dx * dx + dy * dy) / 8) * Math.exp(-d2 / (2 * s2));
          sr += r * w;
          sg += g * w;
          sb += b * w;
          ws += w;
        }
      }
      const gx =
        -luma(x - 1, y - 1) - 2 * luma(x - 1, y) - luma(x - 1, y + 1) + luma(x + 1, y - 1) + 2 * luma(x + 1, y) + luma(x + 1, y + 1);
      const gy =
        -luma(x - 1, y - 1) - 2 * luma(x, y - 1) - luma(x + 1, y - 1) + luma(x - 1, y + 1) + 2 * luma(x, y + 1) + luma(x + 1, y + 1);
      const outline = smoothstep(0.25, 0.6, Math.sqrt(gx * gx + gy * gy)) * c.edge;
      const k = (y * W + x) * 4;
      [sr, sg, sb].forEach((s, ch) => {
        const flat = Math.floor((s / ws) * steps + 0.5) / steps;
        out[k + ch] = Math.floor(0.5 + 255 * Math.min(1, Math.max(0, flat * (1 - outline))));
      });
      out[k + 3] = pixels[k + 3];
    }
  }
  return { type: 'Image', width: W, height: H, pixels: out };
}

export async function cartoonizeGpu(img: ImageValue, c: CartoonParams): Promise<{ image: ImageValue; gpuMs: number } | undefined> {
  const ctx = await workflowGpu();
  if (!ctx) return undefined;
  return runImageKernel(
    ctx,
    { ...program, label: 'workflow/cartoonize', job: `Cartoonize ${img.width}×${img.height}` },
    img,
    Params.bytes({ width: img.width, height: img.height, ...c }),
  );
}

export async function runCartoonize(
  inputs: Record<string, Value>,
  params: Record<string, ParamValue>,
  ctx: RunContext,
): Promise<Record<string, Value>> {
  const img = asImage(inputs.image, 'image');
  const c = cartoonParams(params);
  const gpu = await cartoonizeGpu(img, c);
  if (gpu) {
    ctx.markGpu?.(gpu.gpuMs);
    ctx.progress(1, `WGSL on the GPU, ${gpu.gpuMs.toFixed(2)} ms`);
    return { image: gpu.image };
  }
  ctx.progress(1, 'no WebGPU here: ran the CPU reference');
  return { image: cartoonizeCpu(img, c) };
}

/** The signature (what the checker and planner see). */
const cartoonizeSignature: FunctionSignature = {
  name: 'Cartoonize',
  category: 'image',
  doc: 'Cartoon look: edge-preserving smoothing, colour quantisation to `levels` steps per channel, dark edges.',
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [{ name: 'levels', type: 'number', integer: true, min: 2, max: 16, default: 6, doc: 'colour steps per channel' }],
  example: 'img = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=6)\nimg.image -> toon.image',
};

export const cartoonize: FunctionDef = {
  ...cartoonizeSignature,
  doc: `${cartoonizeSignature.doc} Runs in WGSL on the GPU (CPU reference without WebGPU).`,
  params: [
    ...cartoonizeSignature.params,
    { name: 'edges', type: 'number', min: 0, max: 1, default: 0.8, doc: 'darkness of the outlines (0 none, 1 black)' },
  ],
  run: runCartoonize,
};

registerFunction(cartoonize);
