/**
 * Runs a per-pixel WGSL image kernel: binding 0 the source pixels, 1 the destination, 2 the kernel's uniform
 * (bytes, e.g. from a `uniformStruct` of src/gpu/uniform.ts). Pixels travel as RGBA8 packed into u32 (r in the low
 * byte), [height * width] words; shaders/common/image.wgsl declares bindings 0 and 1 with the pixel helpers.
 * The image is checked against the device's limits before anything is allocated, and every buffer is freed
 * whether the run succeeds or not. Times the pass for the energy meter (feature 'workflow').
 *
 * Example:
 *   const out = await runImageKernel(ctx, { code, label: 'cartoonize.wgsl', job: 'Cartoonize 64×64' }, img, uniformBytes);
 */
import type { GpuContext } from '../../../gpu/context';
import { BufferSet, guardedSetup, readBuffer } from '../../../gpu/buffers';
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

/** Checks an image against the kernel's layout and this device's limits; throws before anything is allocated. */
export function checkImageForKernel(device: GPUDevice, label: string, img: ImageValue): void {
  const { width, height, pixels } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new Error(`${label}: image size ${width}×${height} must be positive integers`);
  if (pixels.length !== width * height * 4)
    throw new Error(`${label}: ${pixels.length} pixel bytes for a ${width}×${height} RGBA image (needs ${width * height * 4})`);
  const limit = Math.min(Number(device.limits.maxStorageBufferBindingSize), Number(device.limits.maxBufferSize));
  if (pixels.length > limit)
    throw new Error(`${label}: a ${width}×${height} image needs ${pixels.length} bytes, over this GPU's storage-buffer limit of ${limit}`);
  const maxGroups = device.limits.maxComputeWorkgroupsPerDimension;
  if (Math.ceil(Math.max(width, height) / 8) > maxGroups)
    throw new Error(`${label}: ${width}×${height} needs more than this GPU's ${maxGroups} workgroups of 8×8 per dimension`);
}

export async function runImageKernel(
  ctx: GpuContext,
  kernel: ImageKernel,
  img: ImageValue,
  uniform: ArrayBuffer,
): Promise<{ image: ImageValue; gpuMs: number }> {
  const device = ctx.device;
  checkImageForKernel(device, kernel.label, img);
  const pipeline = await ctx.pipeline({ code: kernel.code, origins: kernel.origins, label: kernel.label });
  const bytes = img.width * img.height * 4;
  const owned = new BufferSet(device);
  try {
    const bind = await guardedSetup(device, kernel.label, owned, () => {
      const src = owned.from(img.pixels, GPUBufferUsage.STORAGE, `${kernel.label} src`);
      const dst = owned.empty(bytes, GPUBufferUsage.STORAGE, `${kernel.label} dst`);
      const padded = new Uint8Array(Math.max(16, Math.ceil(uniform.byteLength / 16) * 16));
      padded.set(new Uint8Array(uniform));
      const params = owned.from(padded, GPUBufferUsage.UNIFORM, `${kernel.label} params`);
      return {
        dst,
        group: device.createBindGroup({
          layout: pipeline.getBindGroupLayout(0),
          entries: [
            { binding: 0, resource: { buffer: src } },
            { binding: 1, resource: { buffer: dst } },
            { binding: 2, resource: { buffer: params } },
          ],
        }),
      };
    });
    const timing = startTiming(device, { feature: 'workflow', job: kernel.job });
    const encoder = device.createCommandEncoder();
    const pass = timing.beginComputePass(encoder, kernel.label);
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind.group);
    pass.dispatchWorkgroups(Math.ceil(img.width / 8), Math.ceil(img.height / 8));
    pass.end();
    timing.submit(encoder);
    const [{ ms }, out] = await Promise.all([timing.result(), readBuffer(device, bind.dst, bytes)]);
    return { image: { type: 'Image', width: img.width, height: img.height, pixels: new Uint8ClampedArray(out) }, gpuMs: ms };
  } finally {
    owned.destroy();
  }
}
