// Watercolour filter, one invocation per pixel:
//   wash  = mean colour over the (2r+1)² window (soft, flat pigment), lightened towards the paper;
//   edges = |luma(mean over r) − luma(mean over 2r)| (a difference of boxes): pigment pools and darkens there;
//   grain = paper texture from an integer hash of (x, y), the same on CPU and GPU.
// Pixels are RGBA8 packed in u32 (r in the low byte), shape [height * width]; alpha is kept.
// CPU reference: src/workflow/functions/gpu/watercolor.ts (watercolorCpu).

struct Params {
  width: u32,
  height: u32,
  radius: u32,
  edges: f32,
  grain: f32,
}

@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read_write> dst: array<u32>;
@group(0) @binding(2) var<uniform> P: Params;

fn hash(x: u32, y: u32) -> u32 {
  var h = x * 374761393u + y * 668265263u;
  h = (h ^ (h >> 13u)) * 1274126177u;
  return h ^ (h >> 16u);
}

fn luma(c: vec3f) -> f32 {
  return dot(c, vec3f(0.299, 0.587, 0.114));
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= P.width || id.y >= P.height) { return; }
  let r = i32(P.radius);
  var inner = vec3u(0u);
  var outer = vec3u(0u);
  for (var dy = -2 * r; dy <= 2 * r; dy++) {
    for (var dx = -2 * r; dx <= 2 * r; dx++) {
      let x = clamp(i32(id.x) + dx, 0, i32(P.width) - 1);
      let y = clamp(i32(id.y) + dy, 0, i32(P.height) - 1);
      let p = src[u32(y) * P.width + u32(x)];
      let c = vec3u(p & 255u, (p >> 8u) & 255u, (p >> 16u) & 255u);
      outer += c;
      if (abs(dx) <= r && abs(dy) <= r) { inner += c; }
    }
  }
  let n1 = f32((2 * r + 1) * (2 * r + 1));
  let n2 = f32((4 * r + 1) * (4 * r + 1));
  let m1 = vec3f(inner) / (255.0 * n1);
  let m2 = vec3f(outer) / (255.0 * n2);
  let wash = m1 + (vec3f(1.0) - m1) * 0.12;
  let pool = 1.0 - P.edges * clamp(abs(luma(m1) - luma(m2)) * 4.0, 0.0, 1.0);
  let paper = 1.0 - P.grain * 0.12 * f32(hash(id.x, id.y) & 255u) / 255.0;
  let c = clamp(wash * pool * paper, vec3f(0.0), vec3f(1.0));
  let o = vec3u(floor(c * 255.0 + 0.5));
  let a = src[id.y * P.width + id.x] & 0xff000000u;
  dst[id.y * P.width + id.x] = o.x | (o.y << 8u) | (o.z << 16u) | a;
}
