/**
 * ChangeSpeed (Video → Video): plays `factor` times faster (2 = double speed, 0.5 = slow motion) at the same
 * frame rate, by dropping or repeating frames (InterpolateFrames after a slow-down smooths it).
 *
 * Example program:
 *   clip = LoadVideo(source="holiday.webm")
 *   fast = ChangeSpeed(factor=2)
 *   clip.video -> fast.video
 */
import { registerFunction, paramOf, inputOf, type FunctionImpl } from '../registry';
import { speedFrames } from './edit';
import { decodeVideoValue, encodeVideo } from './frames';

export const changeSpeed: FunctionImpl = {
  name: 'ChangeSpeed',
  category: 'video',
  doc: 'Speeds a video up or slows it down by `factor` (2 = twice as fast, 0.5 = half speed) at the same frame rate.',
  inputs: [{ name: 'video', type: 'Video' }],
  outputs: [{ name: 'video', type: 'Video', doc: 'WebM' }],
  params: [{ name: 'factor', type: 'number', min: 0.1, max: 10, default: 2, doc: 'speed multiplier' }],
  example: 'clip = LoadVideo(source="holiday.webm")\nfast = ChangeSpeed(factor=2)\nclip.video -> fast.video',
  async run(inputs, params, ctx) {
    const clip = await decodeVideoValue(inputOf(inputs, 'video', 'Video'), 'video', ctx);
    const out = speedFrames(clip, paramOf(params, 'factor', 'number'));
    return { video: await encodeVideo(out.frames, out, ctx) };
  },
};

registerFunction(changeSpeed);
