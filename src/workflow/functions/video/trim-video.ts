/**
 * TrimVideo (Video → Video): the part from `start` to `end` seconds (`end` 0: to the end).
 *
 * Example program:
 *   clip = LoadVideo(source="holiday.webm")
 *   cut  = TrimVideo(start=1, end=3)
 *   clip.video -> cut.video
 */
import { registerFunction, paramOf, inputOf, type FunctionImpl } from '../registry';
import { trimFrames } from './edit';
import { decodeVideoValue, encodeVideo } from './frames';

export const trimVideo: FunctionImpl = {
  name: 'TrimVideo',
  category: 'video',
  doc: 'Keeps the part of a video from `start` to `end` seconds (end 0 = to the end).',
  inputs: [{ name: 'video', type: 'Video' }],
  outputs: [{ name: 'video', type: 'Video', doc: 'WebM' }],
  params: [
    { name: 'start', type: 'number', min: 0, max: 3600, default: 0, doc: 'seconds from the beginning' },
    { name: 'end', type: 'number', min: 0, max: 3600, default: 0, doc: 'seconds from the beginning; 0 = the end' },
  ],
  example: 'clip = LoadVideo(source="holiday.webm")\ncut = TrimVideo(start=1, end=3)\nclip.video -> cut.video',
  async run(inputs, params, ctx) {
    const clip = await decodeVideoValue(inputOf(inputs, 'video', 'Video'), 'video', ctx);
    const cut = trimFrames(clip, paramOf(params, 'start', 'number'), paramOf(params, 'end', 'number'));
    return { video: await encodeVideo(cut.frames, cut, ctx) };
  },
};

registerFunction(trimVideo);
