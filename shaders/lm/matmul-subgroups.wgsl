// Y[M, N] (+)= X[rowOffset + m, K] · W[N, K]ᵀ + b[N], the subgroup path of matmul.wgsl (chosen where the adapter has
// `subgroups`): no workgroup memory and no barriers. A workgroup of WG invocations owns RM rows and WG·RN columns of
// Y; invocation i owns columns n0 + i + c·WG (c < RN) of those rows. Every invocation of a subgroup works on the same
// rows, so for each chunk of subgroup_size keys each lane loads one X value per row, and the lanes read each other's
// with subgroupShuffle instead of staging X in workgroup memory (which subgroup a lane falls in does not matter).
// W is read as vec4 along K: needs K % 4 = 0 (the host runs other K on matmul.wgsl) and a subgroup size that is a
// multiple of 4 (every adapter's: 4 to 128).
// Specialised by src/lm/kernels.ts: const WG, RM, RN; const BIAS: bool; const RESIDUAL: bool; enable subgroups.
// Dispatch: (ceil(N / (WG·RN)), ceil(M / RM)).

struct Params { M: u32, N: u32, K: u32, rowOffset: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;        // [rowOffset + M, K]
@group(0) @binding(2) var<storage, read> w: array<vec4<f32>>;  // [N, K / 4]
@group(0) @binding(3) var<storage, read> bias: array<f32>;     // [N] (unused unless BIAS)
@group(0) @binding(4) var<storage, read_write> y: array<f32>;  // [M, N]
//!include "common/linear-store.wgsl"

@compute @workgroup_size(WG)
fn main(
  @builtin(workgroup_id) wg: vec3u,
  @builtin(local_invocation_index) lid: u32,
  @builtin(subgroup_invocation_id) lane: u32,
  @builtin(subgroup_size) sgSize: u32,
) {
  let m0 = wg.y * RM;
  let n0 = wg.x * WG * RN;
  // Rows of W this invocation reads, clamped into range (columns past N are computed and not stored).
  let K4 = p.K / 4u;
  var wRow: array<u32, RN>;
  for (var c = 0u; c < RN; c++) { wRow[c] = min(n0 + lid + c * WG, p.N - 1u) * K4; }
  var acc: array<array<f32, RN>, RM>;
  // Control flow stays uniform (bounds via select and a uniform break) so every lane takes part in each shuffle.
  for (var k0 = 0u; k0 < p.K; k0 += sgSize) {
    let k = k0 + lane;
    var xr: array<f32, RM>;
    for (var r = 0u; r < RM; r++) {
      let m = m0 + r;
      xr[r] = select(0.0, x[(p.rowOffset + min(m, p.M - 1u)) * p.K + min(k, p.K - 1u)], m < p.M && k < p.K);
    }
    // Four keys at a time: one vec4 of each W row, four shuffles per X row (K and the subgroup size are multiples of 4).
    for (var kk = 0u; kk < sgSize; kk += 4u) {
      if (k0 + kk >= p.K) { break; }
      var wv: array<vec4<f32>, RN>;
      for (var c = 0u; c < RN; c++) { wv[c] = w[wRow[c] + (k0 + kk) / 4u]; }
      for (var r = 0u; r < RM; r++) {
        let xv = vec4<f32>(subgroupShuffle(xr[r], kk), subgroupShuffle(xr[r], kk + 1u), subgroupShuffle(xr[r], kk + 2u), subgroupShuffle(xr[r], kk + 3u));
        for (var c = 0u; c < RN; c++) { acc[r][c] += dot(xv, wv[c]); }
      }
    }
  }
  for (var r = 0u; r < RM; r++) {
    let m = m0 + r;
    if (m >= p.M) { continue; }
    for (var c = 0u; c < RN; c++) {
      let n = n0 + lid + c * WG;
      if (n < p.N) { storeLinear(m, n, acc[r][c]); }
    }
  }
}
