/**
 * StyleFilter (Image → Image) on the GPU: sepia, pencil sketch, vignette or pixelate, mixed with the
 * original by `strength`. WGSL in shaders/workflow/style-filter.wgsl; `styleFilterCpu` is its reference
 * and the fallback without WebGPU.
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 *   old = StyleFilter(style="sepia", strength=0.9)
 *   img.image -> old.image
 */
import source from '../../../../shaders/workflow/style-filter.wgsl?raw';
import { assembleWgsl } from '../../../gpu/wgsl';
import { uniformStruct } from '../../../gpu/uniform';
import type { FunctionDef, ParamValue } from '../../lang/types';
import { registerFunction, paramOf } from '../registry';
import { asImage, type ImageValue } from '../image/pixels';
import { workflowGpu } from './device';
import { runImageKernel } from './image-kernel';

const program = assembleWgsl('workflow/style-filter.wgsl', source);
/** style-filter.wgsl's uniform, by field name. */
const Params = uniformStruct(source, 'Params', { width: 'u32', height: 'u32', style: 'u32', strength: 'f32' }, 'workflow/style-filter');

export const STYLES = ['sepia', 'sketch', 'vignette', 'pixelate'] as const;

const smoothstep = (e0: number, e1: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

/** CPU reference of style-filter.wgsl. */
export function styleFilterCpu(img: ImageValue, style: number, strength: number): ImageValue {
  const { width: W, height: H, pixels } = img;
  const out = new Uint8ClampedArray(pixels.length);
  const at = (x: number, y: number): number[] => {
    const k = (Math.min(H - 1, Math.max(0, y)) * W + Math.min(W - 1, Math.max(0, x))) * 4;
    return [pixels[k] / 255, pixels[k + 1] / 255, pixels[k + 2] / 255];
  };
  const luma = (c: number[]) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const c = at(x, y);
      let s = c;
      if (style === 0) {
        const l = luma(c);
        s = [clamp(l * 1.07 + 0.08), clamp(l * 0.95 + 0.04), clamp(l * 0.74)];
      } else if (style === 1) {
        const gx = luma(at(x + 1, y)) - luma(at(x - 1, y));
        const gy = luma(at(x, y + 1)) - luma(at(x, y - 1));
        const ink = clamp(Math.sqrt(gx * gx + gy * gy) * 3);
        s = [1 - ink, 1 - ink, 1 - ink];
      } else if (style === 2) {
        const u = (x + 0.5) / W - 0.5,
          v = (y + 0.5) / H - 0.5;
        const fall = 1 - smoothstep(0.25, 0.72, Math.sqrt(u * u + v * v));
        s = c.map((ch) => ch * fall);
      } else {
        s = at(Math.floor(x / 8) * 8 + 4, Math.floor(y / 8) * 8 + 4);
      }
      const k = (y * W + x) * 4;
      for (let ch = 0; ch < 3; ch++) out[k + ch] = Math.floor(0.5 + 255 * clamp(c[ch] + (s[ch] - c[ch]) * strength));
      out[k + 3] = pixels[k + 3];
    }
  }
  return { type: 'Image', width: W, height: H, pixels: out };
}

export async function styleFilterGpu(img: ImageValue, style: number, strength: number) {
  const ctx = await workflowGpu();
  if (!ctx) return undefined;
  return runImageKernel(
    ctx,
    { ...program, label: 'workflow/style-filter', job: `StyleFilter ${STYLES[style]} ${img.width}×${img.height}` },
    img,
    Params.bytes({ width: img.width, height: img.height, style, strength }),
  );
}

export const styleFilter: FunctionDef = {
  name: 'StyleFilter',
  category: 'image',
  doc: 'Restyles an image on the GPU (WGSL): sepia, pencil sketch, vignette or pixelate; strength mixes with the original.',
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [
    { name: 'style', type: 'choice', choices: [...STYLES], default: 'sepia', doc: 'which look' },
    { name: 'strength', type: 'number', min: 0, max: 1, default: 1, doc: '0 keeps the original, 1 is the full style' },
  ],
  example: 'img = LoadImage(source="cat.jpg")\nold = StyleFilter(style="sepia", strength=0.9)\nimg.image -> old.image',
  async run(inputs, params: Record<string, ParamValue>, ctx) {
    const img = asImage(inputs.image, 'image');
    const style = Math.max(0, STYLES.indexOf(paramOf(params, 'style', 'string') as (typeof STYLES)[number]));
    const strength = paramOf(params, 'strength', 'number');
    const gpu = await styleFilterGpu(img, style, strength);
    if (gpu) {
      ctx.markGpu?.(gpu.gpuMs);
      ctx.progress(1, `WGSL on the GPU, ${gpu.gpuMs.toFixed(2)} ms`);
      return { image: gpu.image };
    }
    ctx.progress(1, 'no WebGPU here: ran the CPU reference');
    return { image: styleFilterCpu(img, style, strength) };
  },
};

registerFunction(styleFilter);
