/**
 * LoadVideo (→ Video): a video file the user dropped or picked (WebM, MP4/MOV, MKV: whatever codec this
 * browser's WebCodecs decodes), decoded to frames at a constant rate, scaled so the longest side is at most
 * `size`, and encoded as WebM (VP8) like every Video value here. Sound is not kept (LoadAudio reads it).
 * Limits: files up to 256 MB; the decoded frames must fit 512 MB and 3000 frames (the error says how long a
 * clip fits at that size).
 *
 * Example program:
 *   clip = LoadVideo(source="holiday.webm", size=480)
 *   cut  = TrimVideo(start=1, end=3)
 *   clip.video -> cut.video
 */
import { registerFunction, paramOf, type FunctionImpl } from '../registry';
import { decodeVideo, encodeVideo } from './frames';
import { userFile } from './media-file';

export const loadVideo: FunctionImpl = {
  name: 'LoadVideo',
  category: 'video',
  doc: 'Loads a video file the user dropped or picked (WebM, MP4, MOV, MKV), scaled to at most `size` pixels on its longest side; re-encoded as WebM without sound.',
  inputs: [],
  outputs: [{ name: 'video', type: 'Video', doc: 'WebM' }],
  params: [
    { name: 'source', type: 'string', required: true, doc: 'name of a file dropped or picked on the Workflows tab' },
    { name: 'size', type: 'number', integer: true, min: 16, max: 1920, default: 480, doc: 'longest side in pixels (never enlarged)' },
  ],
  example: 'clip = LoadVideo(source="holiday.webm", size=480)\ncut = TrimVideo(start=1, end=3)\nclip.video -> cut.video',
  async run(_inputs, params, ctx) {
    const source = paramOf(params, 'source', 'string');
    const bytes = userFile(ctx, source, 'video');
    const clip = await decodeVideo(bytes, source, 'source', {
      maxSide: paramOf(params, 'size', 'number'),
      signal: ctx.signal,
      onFrame: (i, n) => ctx.progress((0.5 * (i + 1)) / n, `decoding frame ${i + 1}/${n}`),
    });
    return { video: await encodeVideo(clip.frames, clip, ctx) };
  },
};

registerFunction(loadVideo);
