// Oil-paint filter, one invocation per pixel: in the (2·radius+1)² window, pixels are binned by intensity
// into `levels` bins; the output is the mean colour of the most populated bin (ties: the darker bin).
// All integer arithmetic, so the GPU matches the CPU reference exactly.
// Pixels are RGBA8 packed in u32 (r in the low byte), shape [height * width]; alpha is kept.
// CPU reference: src/workflow/functions/gpu/oil-paint.ts (oilPaintCpu).

struct Params {
  width: u32,
  height: u32,
  radius: u32,
  levels: u32, // ≤ 32
}

@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read_write> dst: array<u32>;
@group(0) @binding(2) var<uniform> P: Params;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= P.width || id.y >= P.height) { return; }
  var count: array<u32, 32>;
  var sr: array<u32, 32>;
  var sg: array<u32, 32>;
  var sb: array<u32, 32>;
  let r = i32(P.radius);
  for (var dy = -r; dy <= r; dy++) {
    for (var dx = -r; dx <= r; dx++) {
      let x = clamp(i32(id.x) + dx, 0, i32(P.width) - 1);
      let y = clamp(i32(id.y) + dy, 0, i32(P.height) - 1);
      let p = src[u32(y) * P.width + u32(x)];
      let cr = p & 255u;
      let cg = (p >> 8u) & 255u;
      let cb = (p >> 16u) & 255u;
      // Intensity bin from integer Rec. 601 luma: (299 r + 587 g + 114 b) · levels / 256000 < levels.
      let bin = ((299u * cr + 587u * cg + 114u * cb) * P.levels) / 256000u;
      count[bin] += 1u;
      sr[bin] += cr;
      sg[bin] += cg;
      sb[bin] += cb;
    }
  }
  var best = 0u;
  for (var k = 1u; k < P.levels; k++) {
    if (count[k] > count[best]) { best = k; }
  }
  let n = count[best];
  let out_r = (sr[best] + n / 2u) / n;
  let out_g = (sg[best] + n / 2u) / n;
  let out_b = (sb[best] + n / 2u) / n;
  let a = src[id.y * P.width + id.x] & 0xff000000u;
  dst[id.y * P.width + id.x] = out_r | (out_g << 8u) | (out_b << 16u) | a;
}
