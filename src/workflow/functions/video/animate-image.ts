/**
 * AnimateImage (Image → Video): a camera motion over a still image (zoom in/out, pan left/right),
 * encoded as a WebM (VP8) with WebCodecs; the video carries its recipe in its metadata.
 * `size` is the longest side of the video (even, as encoders prefer).
 *
 * Example program (the seed: "turn this cat photo into a cartoon-style video"):
 *   img  = LoadImage(source="cat.jpg")
 *   toon = Cartoonize(levels=6)
 *   clip = AnimateImage(frames=24, fps=24, motion="zoom-in", size=64)
 *   img.image  -> toon.image
 *   toon.image -> clip.image
 */
import { registerFunction, paramOf } from '../registry';
import type { FunctionSignature, FunctionDef } from '../../lang/types';
import { asImage } from '../image/pixels';
import { MOTIONS, motionFrame, type Motion } from './motion';
import { encodeWebm } from './webm';

export function videoSize(w: number, h: number, longest: number): { width: number; height: number } {
  const s = longest / Math.max(w, h);
  const even = (v: number) => Math.max(2, 2 * Math.round((v * s) / 2));
  return { width: even(w), height: even(h) };
}

/** The signature (what the checker and planner see). */
const animateImageSignature: FunctionSignature = {
  name: 'AnimateImage',
  category: 'video',
  doc: 'Turns a still image into a short video by a camera motion (zoom or pan), encoded as WebM.',
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'video', type: 'Video', doc: 'WebM' }],
  params: [
    { name: 'frames', type: 'number', integer: true, min: 2, max: 240, default: 48 },
    { name: 'fps', type: 'number', integer: true, min: 1, max: 60, default: 24 },
    { name: 'motion', type: 'choice', choices: ['zoom-in', 'zoom-out', 'pan-left', 'pan-right'], default: 'zoom-in' },
  ],
  example: 'img = LoadImage(source="cat.jpg")\nclip = AnimateImage(frames=48, fps=24, motion="zoom-in")\nimg.image -> clip.image',
};

export const animateImage: FunctionDef = {
  ...animateImageSignature,
  params: [
    ...animateImageSignature.params,
    { name: 'size', type: 'number', integer: true, min: 16, max: 1920, default: 256, doc: 'longest side of the video in pixels' },
  ],
  async run(inputs, params, ctx) {
    const img = asImage(inputs.image, 'image');
    const frames = paramOf(params, 'frames', 'number'),
      fps = paramOf(params, 'fps', 'number');
    const motion = paramOf(params, 'motion', 'string') as Motion;
    if (!MOTIONS.includes(motion)) throw new Error(`unknown motion "${motion}" (one of ${MOTIONS.join(', ')})`);
    const { width, height } = videoSize(img.width, img.height, paramOf(params, 'size', 'number'));
    const spec = { frames, motion, width, height };
    function* all() {
      for (let i = 0; i < frames; i++) yield motionFrame(img, spec, i);
    }
    const bytes = await encodeWebm(all(), {
      width,
      height,
      fps,
      recipe: ctx.recipe,
      signal: ctx.signal,
      onFrame: (i) => ctx.progress((i + 1) / frames, `frame ${i + 1}/${frames}`),
    });
    return { video: { type: 'Video', mimeType: 'video/webm', bytes, width, height, frames, fps } };
  },
};

registerFunction(animateImage);
