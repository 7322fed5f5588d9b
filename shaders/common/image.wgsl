// RGBA8 image kernels (host: src/workflow/functions/gpu/image-kernel.ts): binding 0 the source pixels, 1 the
// destination, both [height * width] u32 with r in the low byte. The including file declares its uniform `P`
// with `width` and `height` (binding 2).

@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read_write> dst: array<u32>;

// The source pixel at (x, y), clamped to the edge, as unorm floats.
fn px(x: i32, y: i32) -> vec4f {
  let cx = clamp(x, 0, i32(P.width) - 1);
  let cy = clamp(y, 0, i32(P.height) - 1);
  return unpack4x8unorm(src[u32(cy) * P.width + u32(cx)]);
}

// Rec. 601 luma.
fn luma(rgb: vec3f) -> f32 {
  return dot(rgb, vec3f(0.299, 0.587, 0.114));
}

fn lumaAt(x: i32, y: i32) -> f32 {
  return luma(px(x, y).rgb);
}

fn storePixel(id: vec3u, c: vec4f) {
  dst[id.y * P.width + id.x] = pack4x8unorm(c);
}
