/**
 * The built-in sample picture: a tabby cat drawn procedurally (soft shading, fur noise, stripes), so the
 * offline seed program needs no download and no image decoder. `scripts/make-samples.ts` writes the same
 * picture to public/samples/cat.png.
 *
 * Example:
 *   const cat = drawSampleCat(128); // Image 128×128, RGBA
 */
import type { ImageValue } from './pixels';

type RGB = [number, number, number];

const smooth = (e0: number, e1: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};
const mix = (a: RGB, b: RGB | (() => RGB), t: number): RGB => {
  if (t <= 0) return a;
  const c = typeof b === 'function' ? b() : b;
  return [a[0] + (c[0] - a[0]) * t, a[1] + (c[1] - a[1]) * t, a[2] + (c[2] - a[2]) * t];
};

/** Deterministic value noise in [0, 1). */
function hash2(x: number, y: number): number {
  const s = Math.sin(x * 127.1 + y * 311.7) * 43758.5453;
  return s - Math.floor(s);
}
function noise(x: number, y: number): number {
  const xi = Math.floor(x),
    yi = Math.floor(y);
  const xf = x - xi,
    yf = y - yi;
  const u = xf * xf * (3 - 2 * xf),
    v = yf * yf * (3 - 2 * yf);
  const a = hash2(xi, yi),
    b = hash2(xi + 1, yi),
    c = hash2(xi, yi + 1),
    d = hash2(xi + 1, yi + 1);
  return a + (b - a) * u + (c - a) * v + (a - b - c + d) * u * v;
}

/** Signed distance to an ellipse (approximate), negative inside. */
const ellipse = (x: number, y: number, cx: number, cy: number, rx: number, ry: number) => {
  const u = (x - cx) / rx,
    v = (y - cy) / ry;
  return (Math.sqrt(u * u + v * v) - 1) * Math.min(rx, ry);
};

/** Distance from p to segment ab, and which side of ab p is on (sign of the cross product). */
function edgeTo(px: number, py: number, ax: number, ay: number, bx: number, by: number): [number, number] {
  const ex = bx - ax,
    ey = by - ay,
    wx = px - ax,
    wy = py - ay;
  const t = Math.min(1, Math.max(0, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
  const dx = wx - ex * t,
    dy = wy - ey * t;
  return [Math.sqrt(dx * dx + dy * dy), ex * wy - ey * wx];
}

/** Signed distance to triangle abc, negative inside. */
function triangle(px: number, py: number, a: number[], b: number[], c: number[]): number {
  const [d1, s1] = edgeTo(px, py, a[0], a[1], b[0], b[1]);
  const [d2, s2] = edgeTo(px, py, b[0], b[1], c[0], c[1]);
  const [d3, s3] = edgeTo(px, py, c[0], c[1], a[0], a[1]);
  const d = Math.min(d1, d2, d3);
  const inside = (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  return inside ? -d : d;
}

function segment(px: number, py: number, a: number[], b: number[]): number {
  const ex = b[0] - a[0],
    ey = b[1] - a[1];
  const t = Math.min(1, Math.max(0, ((px - a[0]) * ex + (py - a[1]) * ey) / (ex * ex + ey * ey)));
  const dx = px - a[0] - ex * t,
    dy = py - a[1] - ey * t;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Colour at (x, y) in unit coordinates (0–1, y down). */
function catColour(x: number, y: number, px: number): RGB {
  const aa = 1.5 * px;
  // Background: a warm room, wall gradient above a wooden floor.
  let col: RGB = mix([196, 214, 232], [236, 222, 200], y);
  if (y > 0.78) col = mix([150, 104, 70], [120, 80, 52], noise(x * 40, y * 4) * 0.6 + (y - 0.78) * 2);
  let furCache = -1;
  const furAt = () => (furCache >= 0 ? furCache : (furCache = noise(x * 90, y * 90) * 0.5 + noise(x * 30, y * 30) * 0.5));
  const tabby = (sx: number, sy: number) => {
    const stripes = smooth(0.55, 0.75, Math.sin((sx * 9 + noise(sx * 6, sy * 6) * 2.5) * Math.PI * 2) * 0.5 + 0.5);
    const base = mix([224, 142, 62], [250, 190, 110], furAt());
    return mix(base, [150, 82, 32], stripes * 0.75);
  };
  // Shadow under the cat.
  const shadow = ellipse(x, y, 0.5, 0.86, 0.34, 0.05);
  col = mix(col, [70, 50, 40], (1 - smooth(-0.02, 0.04, shadow)) * 0.45);
  // Tail.
  const tail = segment(x, y, [0.74, 0.8], [0.88, 0.56]) - 0.035;
  col = mix(col, () => tabby(y, x), 1 - smooth(-aa, aa, tail));
  // Body.
  const body = ellipse(x, y, 0.5, 0.66, 0.27, 0.21);
  const bodyShade = 0.75 + 0.25 * smooth(0.9, 0.45, y);
  col = mix(col, () => tabby(x, y).map((c) => c * bodyShade) as RGB, 1 - smooth(-aa, aa, body));
  // Chest and front paws.
  const chest = ellipse(x, y, 0.5, 0.66, 0.11, 0.14);
  col = mix(col, () => mix([250, 242, 228], [232, 220, 200], furAt()), (1 - smooth(-aa * 4, aa * 4, chest)) * 0.9);
  for (const pxp of [0.42, 0.58]) {
    const paw = ellipse(x, y, pxp, 0.85, 0.055, 0.035);
    col = mix(col, [246, 236, 220], 1 - smooth(-aa, aa, paw));
  }
  // Ears (outer fur, inner pink).
  for (const s of [-1, 1]) {
    const outer = triangle(x, y, [0.5 + s * 0.1, 0.27], [0.5 + s * 0.22, 0.1], [0.5 + s * 0.24, 0.33]);
    col = mix(col, () => tabby(x, y), 1 - smooth(-aa, aa, outer));
    const inner = triangle(x, y, [0.5 + s * 0.13, 0.27], [0.5 + s * 0.21, 0.15], [0.5 + s * 0.22, 0.31]);
    col = mix(col, [236, 160, 160], 1 - smooth(-aa, aa, inner));
  }
  // Head with a lighter muzzle.
  const head = ellipse(x, y, 0.5, 0.36, 0.2, 0.17);
  const headShade = 0.8 + 0.2 * smooth(0.5, 0.25, y);
  col = mix(col, () => tabby(x * 1.3, y).map((c) => c * headShade) as RGB, 1 - smooth(-aa, aa, head));
  const muzzle = Math.min(ellipse(x, y, 0.46, 0.43, 0.06, 0.045), ellipse(x, y, 0.54, 0.43, 0.06, 0.045));
  col = mix(col, [248, 238, 222], 1 - smooth(-aa * 2, aa * 2, muzzle));
  // Eyes: green iris, slit pupil, highlight.
  for (const s of [-1, 1]) {
    const ex = 0.5 + s * 0.075;
    const eye = ellipse(x, y, ex, 0.34, 0.042, 0.034);
    col = mix(col, mix([120, 190, 60], [60, 130, 40], smooth(0.31, 0.37, y)), 1 - smooth(-aa, aa, eye));
    const pupil = ellipse(x, y, ex, 0.34, 0.011, 0.03);
    col = mix(col, [20, 20, 16], 1 - smooth(-aa, aa, pupil));
    const glint = ellipse(x, y, ex + 0.012, 0.328, 0.007, 0.007);
    col = mix(col, [255, 255, 255], 1 - smooth(-aa, aa, glint));
    col = mix(col, [60, 36, 20], (1 - smooth(0, aa, Math.abs(eye))) * 0.8);
  }
  // Nose and mouth.
  const nose = triangle(x, y, [0.48, 0.405], [0.52, 0.405], [0.5, 0.425]);
  col = mix(col, [214, 110, 120], 1 - smooth(-aa, aa, nose));
  const mouth = Math.min(segment(x, y, [0.5, 0.425], [0.485, 0.445]), segment(x, y, [0.5, 0.425], [0.515, 0.445]));
  col = mix(col, [90, 50, 40], 1 - smooth(0, aa * 1.5, mouth));
  // Whiskers.
  for (const s of [-1, 1]) {
    for (const dy of [-0.015, 0.005, 0.025]) {
      const w = segment(x, y, [0.5 + s * 0.06, 0.43], [0.5 + s * 0.27, 0.42 + dy * 2.2]);
      col = mix(col, [255, 255, 250], (1 - smooth(0, aa, w)) * 0.85);
    }
  }
  return col;
}

const drawn = new Map<string, ImageValue>();

/** The sample cat at this size; drawn once and then reused (values are never mutated by functions). */
export function drawSampleCat(width = 256, height = width): ImageValue {
  const key = `${width}x${height}`;
  let img = drawn.get(key);
  if (!img) drawn.set(key, (img = paintCat(width, height)));
  return img;
}

function paintCat(width: number, height: number): ImageValue {
  const pixels = new Uint8ClampedArray(width * height * 4);
  const px = 1 / Math.min(width, height);
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const [r, g, b] = catColour((i + 0.5) / width, (j + 0.5) / height, px);
      const k = (j * width + i) * 4;
      pixels[k] = r;
      pixels[k + 1] = g;
      pixels[k + 2] = b;
      pixels[k + 3] = 255;
    }
  }
  return { type: 'Image', width, height, pixels };
}
