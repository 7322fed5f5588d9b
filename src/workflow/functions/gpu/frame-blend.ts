/**
 * Frame blending on the GPU for InterpolateFrames: out = a·(1−t) + b·t, WGSL in
 * shaders/workflow/frame-blend.wgsl; `blendFrames` (video/edit.ts) is its CPU reference and the fallback.
 *
 * Example:
 *   const mid = await blendFramesGpu(a, b, 64, 48, 0.5); // { pixels, gpuMs } or undefined without WebGPU
 */
import code from '../../../../shaders/workflow/frame-blend.wgsl?raw';
import { workflowGpu } from './device';
import { runImageKernel } from './image-kernel';
import { uniformStruct } from '../../../gpu/uniform';

/** frame-blend.wgsl's uniform, by field name (checked against the WGSL struct when this module loads). */
const Params = uniformStruct(code, 'Params', { width: 'u32', height: 'u32', t: 'f32' }, 'workflow/frame-blend');

export async function blendFramesGpu(
  a: Uint8ClampedArray,
  b: Uint8ClampedArray,
  width: number,
  height: number,
  t: number,
): Promise<{ pixels: Uint8ClampedArray; gpuMs: number } | undefined> {
  const ctx = await workflowGpu();
  if (!ctx) return undefined;
  const both = new Uint8ClampedArray(a.length * 2);
  both.set(a);
  both.set(b, a.length);
  // The two frames go in stacked (a width × 2·height image); the kernel writes the blend into the first height rows.
  const { image, gpuMs } = await runImageKernel(
    ctx,
    { code, label: 'workflow/frame-blend', job: `InterpolateFrames ${width}×${height}` },
    { type: 'Image', width, height: 2 * height, pixels: both },
    Params.bytes({ width, height, t }),
  );
  return { pixels: image.pixels.slice(0, a.length), gpuMs };
}
