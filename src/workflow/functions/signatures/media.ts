/**
 * SIGNATURES ONLY: the media functions the seed example ("turn this cat photo into a cartoon-style video")
 * needs, declared here so the checker and the planner know them in every build. Their `run` is supplied by
 * the runtime's media modules (src/workflow/functions/image|video/…), which call
 * `registerFunction({ ...loadImageSignature, run })`. Without one, running the function fails with
 * "… is not implemented in this build" naming it.
 *
 * Example (the seed program):
 *   img  = LoadImage(source="cat.jpg")
 *   toon = Cartoonize(levels=6)
 *   clip = AnimateImage(frames=48, motion="zoom-in")
 *   img.image  -> toon.image
 *   toon.image -> clip.image
 */
import { registerSignature } from '../registry';
import type { FunctionSignature } from '../../lang/types';

export const loadImageSignature: FunctionSignature = {
  name: 'LoadImage',
  category: 'image',
  doc: 'Loads an image from a file name the user supplied (dropped or picked), a URL on this site, or a data: URL.',
  inputs: [],
  outputs: [{ name: 'image', type: 'Image', doc: 'RGBA pixels' }],
  params: [{ name: 'source', type: 'string', required: true, doc: 'file name, relative URL or data: URL' }],
  example: 'img = LoadImage(source="cat.jpg")',
};

export const cartoonizeSignature: FunctionSignature = {
  name: 'Cartoonize',
  category: 'image',
  doc: 'Cartoon look: edge-preserving smoothing, colour quantisation to `levels` steps per channel, dark edges.',
  inputs: [{ name: 'image', type: 'Image' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [{ name: 'levels', type: 'number', integer: true, min: 2, max: 16, default: 6, doc: 'colour steps per channel' }],
  example: 'img = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=6)\nimg.image -> toon.image',
};

export const animateImageSignature: FunctionSignature = {
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

for (const sig of [loadImageSignature, cartoonizeSignature, animateImageSignature]) registerSignature(sig);
