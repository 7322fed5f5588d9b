// Style filters, one invocation per pixel: 0 sepia, 1 pencil sketch, 2 vignette, 3 pixelate (8 px blocks).
// `strength` (0..1) mixes the styled colour with the original.
// Pixels are RGBA8 packed in u32 (r in the low byte), shape [height * width].
// CPU reference: src/workflow/functions/gpu/style-filter.ts (styleFilterCpu).

struct Params {
  width: u32,
  height: u32,
  style: u32,
  strength: f32,
}

//!include "common/image.wgsl"
@group(0) @binding(2) var<uniform> P: Params;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= P.width || id.y >= P.height) { return; }
  let x = i32(id.x);
  let y = i32(id.y);
  let c = px(x, y);
  var styled = c.rgb;
  if (P.style == 0u) {
    let l = luma(c.rgb);
    styled = clamp(vec3f(l * 1.07 + 0.08, l * 0.95 + 0.04, l * 0.74), vec3f(0.0), vec3f(1.0));
  } else if (P.style == 1u) {
    // Pencil: darkness proportional to the local luma gradient (3x3 Sobel), on white paper.
    let gx = lumaAt(x + 1, y) - lumaAt(x - 1, y);
    let gy = lumaAt(x, y + 1) - lumaAt(x, y - 1);
    let ink = clamp(sqrt(gx * gx + gy * gy) * 3.0, 0.0, 1.0);
    styled = vec3f(1.0 - ink);
  } else if (P.style == 2u) {
    let u = (f32(x) + 0.5) / f32(P.width) - 0.5;
    let v = (f32(y) + 0.5) / f32(P.height) - 0.5;
    let fall = 1.0 - smoothstep(0.25, 0.72, sqrt(u * u + v * v));
    styled = c.rgb * fall;
  } else {
    let bx = (x / 8) * 8 + 4;
    let by = (y / 8) * 8 + 4;
    styled = px(bx, by).rgb;
  }
  let rgb = mix(c.rgb, styled, P.strength);
  storePixel(id, vec4f(rgb, c.a));
}
