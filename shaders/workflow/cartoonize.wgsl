// Cartoonize: edge-preserving smoothing (a small bilateral filter), colour quantisation to `levels` steps
// per channel, and dark outlines where the Sobel gradient of the luma is strong.
// One invocation per pixel. Pixels are RGBA8 packed in u32 (r in the low byte), shape [height * width].
// CPU reference: src/workflow/functions/gpu/cartoonize.ts (cartoonizeCpu).

struct Params {
  width: u32,
  height: u32,
  levels: f32,     // colour steps per channel, >= 2
  edge: f32,       // outline strength 0..1
  radius: i32,     // smoothing radius in pixels (0..4)
  sigma: f32,      // colour similarity of the bilateral filter (0..1 scale)
  _pad0: u32,
  _pad1: u32,
}

//!include "common/image.wgsl"
@group(0) @binding(2) var<uniform> P: Params;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= P.width || id.y >= P.height) { return; }
  let x = i32(id.x);
  let y = i32(id.y);
  let centre = px(x, y);

  // Bilateral smoothing: spatial Gaussian times colour-similarity Gaussian.
  var sum = vec3f(0.0);
  var wsum = 0.0;
  let r = P.radius;
  let s2 = max(P.sigma * P.sigma, 1e-4);
  for (var dy = -r; dy <= r; dy++) {
    for (var dx = -r; dx <= r; dx++) {
      let c = px(x + dx, y + dy);
      let d = c.rgb - centre.rgb;
      let w = exp(-f32(dx * dx + dy * dy) / 8.0) * exp(-dot(d, d) / (2.0 * s2));
      sum += c.rgb * w;
      wsum += w;
    }
  }
  let smoothed = sum / wsum;

  // Quantise each channel to `levels` steps.
  let steps = P.levels - 1.0;
  let flat_rgb = floor(smoothed * steps + 0.5) / steps;

  // Sobel on luma for outlines.
  let gx = -lumaAt(x - 1, y - 1) - 2.0 * lumaAt(x - 1, y) - lumaAt(x - 1, y + 1)
          + lumaAt(x + 1, y - 1) + 2.0 * lumaAt(x + 1, y) + lumaAt(x + 1, y + 1);
  let gy = -lumaAt(x - 1, y - 1) - 2.0 * lumaAt(x, y - 1) - lumaAt(x + 1, y - 1)
          + lumaAt(x - 1, y + 1) + 2.0 * lumaAt(x, y + 1) + lumaAt(x + 1, y + 1);
  let g = sqrt(gx * gx + gy * gy);
  let outline = smoothstep(0.25, 0.6, g) * P.edge;

  let rgb = flat_rgb * (1.0 - outline);
  storePixel(id, vec4f(rgb, centre.a));
}
