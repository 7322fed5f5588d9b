/**
 * Frame-level video edits in plain TypeScript (no WebCodecs, no GPU), so each is tested in Node against frames
 * computed by hand. The functions (TrimVideo, ConcatVideos, ChangeSpeed, Slideshow, InterpolateFrames) decode,
 * call these, and encode. Frames are [height, width, 4] RGBA8.
 *
 * Example:
 *   trimFrames(clip, 0.5, 1.5).frames.length; // 1 s of frames at clip.fps
 */
import { PortError, resizeBilinear } from '../image/pixels';
import type { Frames } from './frames';

/** The frames from `start` to `end` seconds (end 0 or past the end: to the end). */
export function trimFrames(clip: Frames, start: number, end: number): Frames {
  const n = clip.frames.length;
  const duration = n / clip.fps;
  if (start >= duration) throw new PortError(`start ${start} s is at or after the end of the ${duration.toFixed(2)} s video`, 'video');
  if (end > 0 && end <= start) throw new PortError(`end ${end} s must be after start ${start} s (0 means the end)`, 'video');
  const from = Math.min(n - 1, Math.round(start * clip.fps));
  const to = end > 0 ? Math.max(from + 1, Math.min(n, Math.round(end * clip.fps))) : n;
  return { ...clip, frames: clip.frames.slice(from, to) };
}

/** Resample frames to a new rate, keeping the duration (nearest earlier frame). */
export function retime(clip: Frames, fps: number): Uint8ClampedArray[] {
  if (fps === clip.fps) return clip.frames;
  const n = Math.max(1, Math.round((clip.frames.length * fps) / clip.fps));
  return Array.from({ length: n }, (_, i) => clip.frames[Math.min(clip.frames.length - 1, Math.floor((i * clip.fps) / fps + 1e-9))]);
}

/** Resize every frame to width×height (bilinear); frames already that size are kept. */
export function resizeFrames(clip: Frames, width: number, height: number): Uint8ClampedArray[] {
  if (clip.width === width && clip.height === height) return clip.frames;
  return clip.frames.map(
    (pixels) => resizeBilinear({ type: 'Image', width: clip.width, height: clip.height, pixels }, width, height).pixels,
  );
}

/** `a` then `b`; `b` is resized to `a`'s size and resampled to `a`'s frame rate. */
export function concatFrames(a: Frames, b: Frames): Frames {
  const bSized = { ...b, width: a.width, height: a.height, frames: resizeFrames(b, a.width, a.height) };
  return { ...a, frames: [...a.frames, ...retime(bSized, a.fps)] };
}

/** Play `factor` times faster (0.5 = half speed) at the same frame rate: frames are dropped or repeated. */
export function speedFrames(clip: Frames, factor: number): Frames {
  const n = Math.max(1, Math.round(clip.frames.length / factor));
  const frames = Array.from({ length: n }, (_, i) => clip.frames[Math.min(clip.frames.length - 1, Math.floor(i * factor + 1e-9))]);
  return { ...clip, frames };
}

/** a·(1−t) + b·t per channel, rounded: the CPU reference of shaders/workflow/frame-blend.wgsl. */
export function blendFrames(a: Uint8ClampedArray, b: Uint8ClampedArray, t: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Math.floor(0.5 + a[i] + (b[i] - a[i]) * t);
  return out;
}

/**
 * The frame schedule of InterpolateFrames: between each pair of neighbours, `factor − 1` in-betweens at
 * t = k / factor, so the frame rate is multiplied by `factor` and the duration kept.
 * Each entry: blend frame `from` towards `from + 1` by `t` (t = 0: the original frame).
 */
export function interpolationPlan(count: number, factor: number): { from: number; t: number }[] {
  const plan: { from: number; t: number }[] = [];
  for (let i = 0; i < count - 1; i++) for (let k = 0; k < factor; k++) plan.push({ from: i, t: k / factor });
  plan.push({ from: count - 1, t: 0 });
  return plan;
}

export const TRANSITIONS = ['crossfade', 'cut', 'fade-black'] as const;
export type Transition = (typeof TRANSITIONS)[number];

/**
 * A slideshow: each image shown `seconds`, all resized to the first image's size (even). Transitions take
 * `fade` seconds at the end of each image: a crossfade into the next, or a fade through black.
 */
export function slideshowFrames(
  images: { width: number; height: number; pixels: Uint8ClampedArray }[],
  opts: { seconds: number; fps: number; transition: Transition; fade: number; width: number; height: number },
): Frames {
  const { width, height, fps } = opts;
  const slides = images.map((img) => resizeBilinear({ type: 'Image', ...img }, width, height).pixels);
  const per = Math.max(1, Math.round(opts.seconds * fps));
  const fadeN = opts.transition === 'cut' ? 0 : Math.min(per - 1, Math.round(opts.fade * fps));
  const black = new Uint8ClampedArray(width * height * 4);
  for (let i = 3; i < black.length; i += 4) black[i] = 255;
  const frames: Uint8ClampedArray[] = [];
  slides.forEach((slide, s) => {
    const next = slides[s + 1];
    for (let k = 0; k < per; k++) {
      const into = k - (per - fadeN); // frames into the transition (≥ 0 while fading)
      if (!next || into < 0) {
        frames.push(slide);
        continue;
      }
      const t = (into + 1) / (fadeN + 1);
      if (opts.transition === 'crossfade') frames.push(blendFrames(slide, next, t));
      else frames.push(t < 0.5 ? blendFrames(slide, black, t * 2) : blendFrames(black, next, t * 2 - 1));
    }
  });
  return { width, height, fps, frames };
}
