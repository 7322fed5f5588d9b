// Blend of two neighbouring video frames, one invocation per pixel: out = a·(1−t) + b·t (rounded per channel).
// `src` holds frame a then frame b: shape [2, height * width] of RGBA8 packed in u32 (r in the low byte).
// CPU reference: src/workflow/functions/video/edit.ts (blendFrames).

struct Params {
  width: u32,
  height: u32,
  t: f32,
}

@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read_write> dst: array<u32>;
@group(0) @binding(2) var<uniform> P: Params;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= P.width || id.y >= P.height) { return; }
  let i = id.y * P.width + id.x;
  let a = unpack4x8unorm(src[i]) * 255.0;
  let b = unpack4x8unorm(src[i + P.width * P.height]) * 255.0;
  let v = floor(a + (b - a) * P.t + 0.5);
  dst[i] = pack4x8unorm(v / 255.0);
}
