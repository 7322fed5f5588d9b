/**
 * InterpolateFrames (Video → Video): `factor − 1` blended in-between frames between each pair of neighbours
 * (WGSL, shaders/workflow/frame-blend.wgsl; the CPU reference without WebGPU), so the frame rate is
 * multiplied by `factor` and the duration kept: smoother slow motion after ChangeSpeed. A cross-fade, not
 * motion-compensated interpolation: fast motion shows as a double image.
 *
 * Example program:
 *   clip = LoadVideo(source="holiday.webm")
 *   slow = ChangeSpeed(factor=0.5)
 *   smooth = InterpolateFrames(factor=2)
 *   clip.video -> slow.video
 *   slow.video -> smooth.video
 */
import { registerFunction, paramOf, inputOf, type FunctionImpl } from '../registry';
import { blendFramesGpu } from '../gpu/frame-blend';
import { blendFrames, interpolationPlan } from './edit';
import { checkFrameBudget, decodeVideoValue, encodeVideo } from './frames';

export const interpolateFrames: FunctionImpl = {
  name: 'InterpolateFrames',
  category: 'video',
  doc: 'Multiplies the frame rate by `factor` with blended in-between frames (WGSL), keeping the duration: smoother motion.',
  inputs: [{ name: 'video', type: 'Video' }],
  outputs: [{ name: 'video', type: 'Video', doc: 'WebM' }],
  params: [{ name: 'factor', type: 'number', integer: true, min: 2, max: 8, default: 2, doc: 'frames per original frame' }],
  example:
    'img = LoadImage(source="cat.jpg")\nclip = AnimateImage(frames=8, fps=8, size=64)\nsmooth = InterpolateFrames(factor=2)\nimg.image -> clip.image\nclip.video -> smooth.video',
  async run(inputs, params, ctx) {
    const clip = await decodeVideoValue(inputOf(inputs, 'video', 'Video'), 'video', ctx);
    const factor = paramOf(params, 'factor', 'number');
    const plan = interpolationPlan(clip.frames.length, factor);
    const fps = clip.fps * factor;
    checkFrameBudget(plan.length, clip.width, clip.height, fps, 'the interpolated video', 'video');
    const frames: Uint8ClampedArray[] = [];
    let gpuMs = 0,
      onGpu = true;
    for (const { from, t } of plan) {
      const a = clip.frames[from];
      if (t === 0) {
        frames.push(a);
        continue;
      }
      const b = clip.frames[from + 1];
      const gpu = onGpu ? await blendFramesGpu(a, b, clip.width, clip.height, t) : undefined;
      if (gpu) gpuMs += gpu.gpuMs;
      else onGpu = false;
      frames.push(gpu ? gpu.pixels : blendFrames(a, b, t));
    }
    if (onGpu) ctx.markGpu(gpuMs);
    const video = await encodeVideo(frames, { ...clip, fps }, ctx);
    ctx.progress(1, onGpu ? `WGSL blends on the GPU, ${gpuMs.toFixed(2)} ms` : 'no WebGPU here: blended on the CPU');
    return { video };
  },
};

registerFunction(interpolateFrames);
