// Row normalisation: LayerNorm (LAYER = true: mean and variance, weight and bias) or RMSNorm (weight only).
// y[r, :] = norm(x[rowOffset + r, :]) · g (+ b). One workgroup of WG invocations per row; tree reductions.
// Specialised by src/lm/kernels.ts: const WG (power of two); const LAYER: bool. Dispatch: (rows).

struct Params { C: u32, rowOffset: u32, eps: f32, pad: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;        // [rowOffset + rows, C]
@group(0) @binding(2) var<storage, read> g: array<f32>;        // [C]
@group(0) @binding(3) var<storage, read> b: array<f32>;        // [C] (LAYER only)
@group(0) @binding(4) var<storage, read_write> y: array<f32>;  // [rows, C]

//!include "common/reduce.wgsl"

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let base = (p.rowOffset + wg.x) * p.C;
  var mean = 0.0;
  if (LAYER) {
    var s = 0.0;
    for (var c = lid; c < p.C; c += WG) { s += x[base + c]; }
    mean = workgroupSum(lid, s) / f32(p.C);
  }
  var sq = 0.0;
  for (var c = lid; c < p.C; c += WG) { let d = x[base + c] - mean; sq += d * d; }
  let inv = inverseSqrt(workgroupSum(lid, sq) / f32(p.C) + p.eps);
  for (var c = lid; c < p.C; c += WG) {
    var v = (x[base + c] - mean) * inv * g[c];
    if (LAYER) { v += b[c]; }
    y[wg.x * p.C + c] = v;
  }
}
