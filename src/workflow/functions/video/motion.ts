/**
 * Camera-motion frames from a still image: each frame samples a moving, scaled window of the source
 * (bilinear), so a zoom or pan looks smooth. Pure TypeScript; shape of every frame [height, width, 4] RGBA8.
 *
 * Example:
 *   const frames = motionFrames(img, { frames: 24, motion: 'zoom-in', width: 64, height: 64 });
 */
import type { ImageValue } from '../image/pixels';

export const MOTIONS = ['zoom-in', 'zoom-out', 'pan-left', 'pan-right'] as const;
export type Motion = (typeof MOTIONS)[number];

export interface MotionSpec {
  frames: number;
  motion: Motion;
  width: number;
  height: number;
}

/** The source window (centre and scale, in source pixels) at time t ∈ [0, 1]. */
export function windowAt(img: ImageValue, motion: Motion, t: number): { cx: number; cy: number; scale: number } {
  const e = t * t * (3 - 2 * t); // ease in and out
  const cx = img.width / 2,
    cy = img.height / 2;
  switch (motion) {
    case 'zoom-in':
      return { cx, cy, scale: 1 / (1 + 0.4 * e) };
    case 'zoom-out':
      return { cx, cy, scale: 1 / (1.4 - 0.4 * e) };
    case 'pan-left':
    case 'pan-right': {
      const scale = 1 / 1.3;
      const travel = (img.width * (1 - scale)) / 2;
      const dir = motion === 'pan-left' ? 1 : -1;
      return { cx: cx + dir * travel * (1 - 2 * e), cy, scale };
    }
  }
}

export function motionFrame(img: ImageValue, spec: MotionSpec, index: number): Uint8ClampedArray {
  const { width: W, height: H } = spec;
  const t = spec.frames > 1 ? index / (spec.frames - 1) : 0;
  const { cx, cy, scale } = windowAt(img, spec.motion, t);
  // The window covers scale × the source, fitted to the output aspect ratio.
  const fit = Math.min(img.width / W, img.height / H) * scale;
  const out = new Uint8ClampedArray(W * H * 4);
  const src = img.pixels;
  for (let y = 0; y < H; y++) {
    const sy = Math.min(img.height - 1.001, Math.max(0, cy + (y + 0.5 - H / 2) * fit - 0.5));
    const y0 = Math.floor(sy),
      wy = sy - y0;
    for (let x = 0; x < W; x++) {
      const sx = Math.min(img.width - 1.001, Math.max(0, cx + (x + 0.5 - W / 2) * fit - 0.5));
      const x0 = Math.floor(sx),
        wx = sx - x0;
      const a = (y0 * img.width + x0) * 4,
        b = a + 4,
        c = a + img.width * 4,
        d = c + 4;
      for (let ch = 0; ch < 4; ch++) {
        out[(y * W + x) * 4 + ch] =
          (src[a + ch] * (1 - wx) + src[b + ch] * wx) * (1 - wy) + (src[c + ch] * (1 - wx) + src[d + ch] * wx) * wy;
      }
    }
  }
  return out;
}
