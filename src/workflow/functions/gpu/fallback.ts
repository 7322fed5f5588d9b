/**
 * The ending every WGSL image function shares: the GPU result when there is a GPU (its time marked for the
 * node and said in its detail), else the CPU reference, saying so.
 *
 * Example:
 *   return { image: await gpuOrCpu(ctx, await oilPaintGpu(img, spec), () => oilPaintCpu(img, spec)) };
 */
import type { RunContext } from '../../lang/types';
import type { ImageValue } from '../image/pixels';

export function gpuOrCpu(ctx: RunContext, gpu: { image: ImageValue; gpuMs: number } | undefined, cpu: () => ImageValue): ImageValue {
  if (gpu) {
    ctx.markGpu(gpu.gpuMs);
    ctx.progress(1, `WGSL on the GPU, ${gpu.gpuMs.toFixed(2)} ms`);
    return gpu.image;
  }
  ctx.progress(1, 'no WebGPU here: ran the CPU reference');
  return cpu();
}
