/**
 * ExtractFrame (Video → Image): the frame shown at `time` seconds (past the end: the last frame).
 *
 * Example program:
 *   clip  = LoadVideo(source="holiday.webm")
 *   still = ExtractFrame(time=1.5)
 *   clip.video -> still.video
 */
import { registerFunction, paramOf, inputOf, type FunctionImpl } from '../registry';
import { decodeVideoValue, frameImage } from './frames';

export const extractFrame: FunctionImpl = {
  name: 'ExtractFrame',
  category: 'video',
  doc: 'The frame of a video at `time` seconds, as an image (past the end: the last frame).',
  inputs: [{ name: 'video', type: 'Video' }],
  outputs: [{ name: 'image', type: 'Image' }],
  params: [{ name: 'time', type: 'number', min: 0, max: 3600, default: 0, doc: 'seconds from the beginning' }],
  example: 'clip = LoadVideo(source="holiday.webm")\nstill = ExtractFrame(time=1.5)\nclip.video -> still.video',
  async run(inputs, params, ctx) {
    const clip = await decodeVideoValue(inputOf(inputs, 'video', 'Video'), 'video', ctx);
    const index = Math.min(clip.frames.length - 1, Math.floor(paramOf(params, 'time', 'number') * clip.fps + 1e-9));
    ctx.progress(1, `frame ${index + 1} of ${clip.frames.length}`);
    return { image: frameImage(clip, index) };
  },
};

registerFunction(extractFrame);
