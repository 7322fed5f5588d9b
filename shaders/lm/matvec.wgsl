// y[N] (+)= x[rowOffset, K] · W[N, K]ᵀ + b[N] for one row (decode): a workgroup of WG invocations computes
// ROWS outputs, reading each weight row once, coalesced along K, and tree-reducing the partial dot products.
// Specialised by src/lm/kernels.ts: const WG (power of two), ROWS; const BIAS, RESIDUAL: bool.
// Dispatch: (min(ceil(N / ROWS), 65535), ceil(ceil(N / ROWS) / 65535)).

struct Params { M: u32, N: u32, K: u32, rowOffset: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;        // [rowOffset + 1, K]
@group(0) @binding(2) var<storage, read> w: array<f32>;        // [N, K]
@group(0) @binding(3) var<storage, read> bias: array<f32>;     // [N]
@group(0) @binding(4) var<storage, read_write> y: array<f32>;  // [1, N]
//!include "common/linear-store.wgsl"

var<workgroup> red: array<f32, WG * ROWS>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3u) {
  let n0 = (wg.y * nwg.x + wg.x) * ROWS;
  let xBase = p.rowOffset * p.K;
  var acc: array<f32, ROWS>;
  for (var k = lid; k < p.K; k += WG) {
    let xv = x[xBase + k];
    for (var r = 0u; r < ROWS; r++) {
      let n = min(n0 + r, p.N - 1u);
      acc[r] += xv * w[n * p.K + k];
    }
  }
  for (var r = 0u; r < ROWS; r++) { red[r * WG + lid] = acc[r]; }
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride /= 2u) {
    if (lid < stride) {
      for (var r = 0u; r < ROWS; r++) { red[r * WG + lid] += red[r * WG + lid + stride]; }
    }
    workgroupBarrier();
  }
  if (lid < ROWS) {
    let n = n0 + lid;
    if (n < p.N) { storeLinear(0u, n, red[lid * WG]); }
  }
}
