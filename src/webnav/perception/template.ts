/**
 * Grayscale template matching by normalised cross-correlation (OpenCV's TM_CCOEFF_NORMED), the CoGA paper's
 * way of finding objects from templates cropped out of sample screens. Grayscale makes it colour-invariant.
 *
 * Example:
 *   const template = crop(sampleScreen, { x: 40, y: 80, w: 30, h: 15 });   // e.g. a button
 *   matchTemplate(screen, template, { threshold: 0.9 })
 *   // [{ x, y, w: 30, h: 15, score: 1, cx, cy }, …] best first, overlapping matches suppressed
 */
import { clipBox, grayscale, type Box, type Screen } from './image';

export interface Match extends Box {
  /** Normalised cross-correlation in [−1, 1]; 1 = identical up to brightness and contrast. */
  score: number;
  cx: number;
  cy: number;
}

export interface MatchOptions {
  /** Keep matches scoring at least this (default 0.9). */
  threshold?: number;
  /** Search only where the template fits entirely inside this box. */
  box?: Partial<Box>;
  /** At most this many matches (default 20). */
  maxResults?: number;
}

export function matchTemplate(screen: Screen, template: Screen, opts: MatchOptions = {}): Match[] {
  const { width: tw, height: th } = template;
  if (tw === 0 || th === 0) throw new Error('matchTemplate: the template is empty (0×0)');
  if (tw > screen.width || th > screen.height)
    throw new Error(`matchTemplate: template ${tw}×${th} is larger than the screen ${screen.width}×${screen.height}`);
  const threshold = opts.threshold ?? 0.9;
  const n = tw * th;
  const t = grayscale(template);
  let tMean = 0;
  for (const v of t) tMean += v;
  tMean /= n;
  let tNorm = 0;
  const tc = new Float32Array(n); // template minus its mean
  for (let i = 0; i < n; i++) ((tc[i] = t[i] - tMean), (tNorm += tc[i] * tc[i]));
  if (tNorm < 1e-6) throw new Error('matchTemplate: the template is one flat colour; it matches everywhere (crop a patch with an edge)');
  tNorm = Math.sqrt(tNorm);

  const g = grayscale(screen);
  const W = screen.width,
    H = screen.height;
  // Integral images of g and g² ((W+1)×(H+1)): any window's sum and sum of squares in four lookups.
  const S = new Float64Array((W + 1) * (H + 1)),
    S2 = new Float64Array((W + 1) * (H + 1));
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const v = g[y * W + x],
        i = (y + 1) * (W + 1) + x + 1;
      S[i] = v + S[i - 1] + S[i - W - 1] - S[i - W - 2];
      S2[i] = v * v + S2[i - 1] + S2[i - W - 1] - S2[i - W - 2];
    }
  const windowSum = (I: Float64Array, x: number, y: number) =>
    I[(y + th) * (W + 1) + x + tw] - I[y * (W + 1) + x + tw] - I[(y + th) * (W + 1) + x] + I[y * (W + 1) + x];
  const area = clipBox(screen, opts.box);
  const found: Match[] = [];
  for (let y = area.y; y + th <= area.y + area.h; y++)
    for (let x = area.x; x + tw <= area.x + area.w; x++) {
      const sum = windowSum(S, x, y);
      const variance = windowSum(S2, x, y) - (sum * sum) / n;
      if (variance < 1e-6) continue; // a flat window correlates with nothing
      // Σ(g − ḡ)(t − t̄) = Σ g·(t − t̄), since Σ(t − t̄) = 0.
      let cross = 0;
      for (let j = 0; j < th; j++) {
        const row = (y + j) * W + x,
          trow = j * tw;
        for (let i = 0; i < tw; i++) cross += g[row + i] * tc[trow + i];
      }
      const score = cross / (Math.sqrt(variance) * tNorm);
      if (score >= threshold) found.push({ x, y, w: tw, h: th, score, cx: x + Math.floor(tw / 2), cy: y + Math.floor(th / 2) });
    }
  // Non-maximum suppression: keep the best match of every cluster of overlapping ones.
  found.sort((a, b) => b.score - a.score || a.y - b.y || a.x - b.x);
  const kept: Match[] = [];
  for (const m of found) {
    if (kept.some((k) => Math.abs(k.x - m.x) < tw / 2 && Math.abs(k.y - m.y) < th / 2)) continue;
    kept.push(m);
    if (kept.length >= (opts.maxResults ?? 20)) break;
  }
  return kept;
}
