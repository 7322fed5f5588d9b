/**
 * ConcatVideos (Video, Video → Video): `a` then `b`. When they differ, `b` is resized to `a`'s size and
 * resampled to `a`'s frame rate (its duration is kept).
 *
 * Example program:
 *   one = LoadVideo(source="a.webm")
 *   two = LoadVideo(source="b.webm")
 *   both = ConcatVideos()
 *   one.video -> both.a
 *   two.video -> both.b
 */
import { registerFunction, inputOf, type FunctionImpl } from '../registry';
import { concatFrames } from './edit';
import { decodeVideoValue, encodeVideo } from './frames';

export const concatVideos: FunctionImpl = {
  name: 'ConcatVideos',
  category: 'video',
  doc: "Joins two videos, a then b; b is resized to a's size and frame rate when they differ.",
  inputs: [
    { name: 'a', type: 'Video', doc: 'first; sets size and frame rate' },
    { name: 'b', type: 'Video', doc: 'second' },
  ],
  outputs: [{ name: 'video', type: 'Video', doc: 'WebM' }],
  params: [],
  example:
    'img = LoadImage(source="cat.jpg")\nzin = AnimateImage(frames=12, motion="zoom-in", size=64)\nzout = AnimateImage(frames=12, motion="zoom-out", size=64)\nboth = ConcatVideos()\nimg.image -> zin.image\nimg.image -> zout.image\nzin.video -> both.a\nzout.video -> both.b',
  async run(inputs, _params, ctx) {
    const a = await decodeVideoValue(inputOf(inputs, 'a', 'Video'), 'a', ctx);
    const b = await decodeVideoValue(inputOf(inputs, 'b', 'Video'), 'b', ctx);
    const joined = concatFrames(a, b);
    return { video: await encodeVideo(joined.frames, joined, ctx) };
  },
};

registerFunction(concatVideos);
