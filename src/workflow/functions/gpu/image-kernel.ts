/**
 * Runs a per-pixel WGSL image kernel: binding 0 the source pixels, 1 the destination, 2 a uniform of
 * 32-bit words. Pixels travel as RGBA8 packed into u32 (r in the low byte), [height * width] words.
 * Times the pass for the energy meter (feature 'workflow').
 *
 * Example:
 *   const out = await runImageKernel(ctx, { code, label: 'cartoonize.wgsl', job: 'Cartoonize 64×64' }, img, uniformBytes);
 */
import type { GpuContext } from '../../../gpu/context';
import { createBufferFrom, createEmptyBuffer, readBuffer } from '../../../gpu/buffers';
import { startTiming } from '../../../gpu/timer';
import type { ImageValue } from '../image/pixels';
import type { LineOrigin } from '../../../gpu/wgsl';

export interface ImageKernel {
  code: string;
  /** Line origins of an assembled module (src/gpu/wgsl.ts), for located compile errors. */
  origins?: readonly LineOrigin[];
  label: string;
  job: string;
}

export async function runImageKernel(
  ctx: GpuContext,
  kernel: ImageKernel,
  img: ImageValue,
  uniform: ArrayBuffer,
): Promise<{ image: ImageValue; gpuMs: number }> {
  const device = ctx.device;
  const pipeline = await ctx.pipeline({ code: kernel.code, origins: kernel.origins, label: kernel.label });
  const bytes = img.width * img.height * 4;
  const src = createBufferFrom(device, img.pixels, GPUBufferUsage.STORAGE, `${kernel.label} src`);
  const dst = createEmptyBuffer(device, bytes, GPUBufferUsage.STORAGE, `${kernel.label} dst`);
  const padded = new Uint8Array(Math.max(16, Math.ceil(uniform.byteLength / 16) * 16));
  padded.set(new Uint8Array(uniform));
  const params = createBufferFrom(device, padded, GPUBufferUsage.UNIFORM, `${kernel.label} params`);
  try {
    const bind = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: src } },
        { binding: 1, resource: { buffer: dst } },
        { binding: 2, resource: { buffer: params } },
      ],
    });
    const timing = startTiming(device, { feature: 'workflow', job: kernel.job });
    const encoder = device.createCommandEncoder();
    const pass = timing.beginComputePass(encoder, kernel.label);
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind);
    pass.dispatchWorkgroups(Math.ceil(img.width / 8), Math.ceil(img.height / 8));
    pass.end();
    timing.submit(encoder);
    const [{ ms }, out] = await Promise.all([timing.result(), readBuffer(device, dst, bytes)]);
    return { image: { type: 'Image', width: img.width, height: img.height, pixels: new Uint8ClampedArray(out) }, gpuMs: ms };
  } finally {
    src.destroy();
    dst.destroy();
    params.destroy();
  }
}
