/**
 * Video values ⇄ RGBA frames. A `Video` value stays an encoded file (WebM VP8, what AnimateImage makes), so it
 * caches, downloads and plays as is; an editing function decodes it to frames (`decodeVideo`, WebCodecs through
 * mediabunny, resampled to a constant frame rate), edits the frames in plain TypeScript or WGSL, and encodes
 * them again (`encodeVideo`). Decoding checks the memory the frames would take BEFORE decoding anything, so a
 * video too long for the tab is a clear error naming the file and the limit, not a crashed tab.
 *
 * Shapes: every frame is [height, width, 4] RGBA8, row-major (`width * height * 4` bytes).
 *
 * Example:
 *   const clip = await decodeVideo(bytes, 'clip.webm', 'source', { maxSide: 480 });
 *   const video = await encodeVideo(clip.frames.slice(0, 10), clip, ctx);
 */
import { CanvasSink } from 'mediabunny';
import type { RunContext, ValueOf } from '../../lang/types';
import { PortError, type ImageValue } from '../image/pixels';
import { formatMb, MEDIA_LIMITS, withMedia } from './media-file';
import { encodeWebm, hasWebCodecs } from './webm';

export interface Frames {
  width: number;
  height: number;
  fps: number;
  frames: Uint8ClampedArray[];
}

/** A located error when `count` frames of width×height would not fit the limits; `what` names the video. */
export function checkFrameBudget(count: number, width: number, height: number, fps: number, what: string, port: string): void {
  const { videoBytes: MAX_DECODED_VIDEO_BYTES, videoFrames: MAX_VIDEO_FRAMES } = MEDIA_LIMITS;
  const bytes = count * width * height * 4;
  if (count > MAX_VIDEO_FRAMES || bytes > MAX_DECODED_VIDEO_BYTES) {
    const fit = Math.max(1, Math.min(MAX_VIDEO_FRAMES, Math.floor(MAX_DECODED_VIDEO_BYTES / (width * height * 4))));
    throw new PortError(
      `${what} is too long to hold in this tab: ${count} frames of ${width}×${height} ` +
        `(${(count / fps).toFixed(1)} s at ${fps} fps) need ${formatMb(bytes)} decoded; the limit is ${formatMb(MAX_DECODED_VIDEO_BYTES)} ` +
        `and ${MAX_VIDEO_FRAMES} frames, i.e. ${fit} frames (${(fit / fps).toFixed(1)} s) at this size. Use a shorter clip or a smaller size.`,
      port,
    );
  }
}

/** Even dimensions with the longest side at most `maxSide` (encoders want even sizes). */
export function fitSize(w: number, h: number, maxSide: number): { width: number; height: number } {
  const s = Math.min(1, maxSide / Math.max(w, h));
  const even = (v: number) => Math.max(2, 2 * Math.round((v * s) / 2));
  return { width: even(w), height: even(h) };
}

/**
 * Decodes the first video track of a media file to constant-rate RGBA frames (a variable-rate recording is
 * sampled at its average frame rate), scaled so the longest side is at most `maxSide`.
 */
export async function decodeVideo(
  bytes: Uint8Array,
  name: string,
  port: string,
  opts: { maxSide?: number; fps?: number; count?: number; signal?: AbortSignal; onFrame?: (i: number, n: number) => void } = {},
): Promise<Frames> {
  return withMedia(bytes, name, port, async (input) => {
    const track = await input.getPrimaryVideoTrack();
    if (!track) {
      const audio = await input.getPrimaryAudioTrack();
      throw new PortError(
        `"${name}" has no video track${audio ? ' (it is audio: use LoadAudio)' : ': it looks damaged, or is not a video'}`,
        port,
      );
    }
    const first = await track.getFirstTimestamp();
    const duration = (await track.computeDuration()) - first;
    const stats = await track.computePacketStats(240);
    const fps = opts.fps ?? Math.min(60, Math.max(1, Math.round(stats.averagePacketRate || 24)));
    const { width, height } = fitSize(await track.getDisplayWidth(), await track.getDisplayHeight(), opts.maxSide ?? 4096);
    const count = opts.count ?? Math.max(1, Math.round(duration * fps));
    // The limits come from the container alone, before any decoder exists.
    checkFrameBudget(count, width, height, fps, `"${name}"`, port);
    if (!hasWebCodecs()) throw new PortError(`decoding "${name}" needs WebCodecs (VideoDecoder), which this runtime lacks`, port);
    const codec = await track.getCodec();
    if (!(await track.canDecode())) throw new PortError(`"${name}": this browser cannot decode its ${codec ?? 'unknown'} video`, port);
    const sink = new CanvasSink(track, { width, height, fit: 'fill' });
    const frames: Uint8ClampedArray[] = [];
    const times = Array.from({ length: count }, (_, i) => first + (i + 0.5) / fps);
    for await (const wrapped of sink.canvasesAtTimestamps(times)) {
      if (opts.signal?.aborted) throw new Error('cancelled');
      if (wrapped) {
        const g = (wrapped.canvas as OffscreenCanvas).getContext('2d') as OffscreenCanvasRenderingContext2D;
        frames.push(g.getImageData(0, 0, width, height).data);
      } else frames.push(frames.length ? frames[frames.length - 1] : new Uint8ClampedArray(width * height * 4));
      opts.onFrame?.(frames.length - 1, count);
    }
    if (!frames.length) throw new PortError(`"${name}" has a video track without a decodable frame`, port);
    return { width, height, fps, frames };
  });
}

/** The frames of a Video value (an input port of an editing function). */
export function decodeVideoValue(video: ValueOf<'Video'>, port: string, ctx: RunContext): Promise<Frames> {
  // Our own values know their exact frame count and rate.
  return decodeVideo(video.bytes, `input "${port}"`, port, {
    fps: video.fps,
    count: video.frames,
    signal: ctx.signal,
    onFrame: (i, n) => ctx.progress((0.5 * (i + 1)) / n, `decoding frame ${i + 1}/${n}`),
  });
}

/** Frames → a WebM Video value carrying the node's recipe. */
export async function encodeVideo(
  frames: Uint8ClampedArray[],
  spec: { width: number; height: number; fps: number },
  ctx: RunContext,
): Promise<ValueOf<'Video'>> {
  const { width, height, fps } = spec;
  checkFrameBudget(frames.length, width, height, fps, 'the result', 'video');
  const bytes = await encodeWebm(frames, {
    width,
    height,
    fps,
    recipe: ctx.recipe,
    signal: ctx.signal,
    onFrame: (i) => ctx.progress(0.5 + (0.5 * (i + 1)) / frames.length, `encoding frame ${i + 1}/${frames.length}`),
  });
  return { type: 'Video', mimeType: 'video/webm', bytes, width, height, frames: frames.length, fps };
}

/** One frame as an Image value. */
export function frameImage(f: Frames, index: number): ImageValue {
  return { type: 'Image', width: f.width, height: f.height, pixels: f.frames[index] };
}
