// Y[M, N] (+)= X[rowOffset + m, K] · W[N, K]ᵀ + b[N]: every projection of the model (weights as nn.Linear
// stores them, [out, in]). Tiled: a workgroup computes a TM×TN tile of Y from TK-wide tiles of X and W staged in
// workgroup memory; each invocation owns RM×RN outputs in registers.
// Specialised by src/lm/kernels.ts: const TM, TN, TK, RM, RN; const BIAS: bool; const RESIDUAL: bool (add into Y,
// the residual stream). Dispatch: (ceil(N / TN), ceil(M / TM)).

struct Params { M: u32, N: u32, K: u32, rowOffset: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;        // [rowOffset + M, K]
@group(0) @binding(2) var<storage, read> w: array<f32>;        // [N, K]
@group(0) @binding(3) var<storage, read> bias: array<f32>;     // [N] (unused unless BIAS)
@group(0) @binding(4) var<storage, read_write> y: array<f32>;  // [M, N]
//!include "common/linear-store.wgsl"

const WX = TN / RN;  // invocations along N
const WY = TM / RM;  // invocations along M
var<workgroup> xs: array<f32, TM * TK>;
var<workgroup> ws: array<f32, TN * TK>;

@compute @workgroup_size(WX * WY)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let tx = lid % WX;
  let ty = lid / WX;
  let m0 = wg.y * TM;
  let n0 = wg.x * TN;
  var acc: array<array<f32, RN>, RM>;
  for (var k0 = 0u; k0 < p.K; k0 += TK) {
    for (var i = lid; i < TM * TK; i += WX * WY) {
      let m = m0 + i / TK;
      let k = k0 + i % TK;
      xs[i] = select(0.0, x[(p.rowOffset + m) * p.K + k], m < p.M && k < p.K);
    }
    for (var i = lid; i < TN * TK; i += WX * WY) {
      let n = n0 + i / TK;
      let k = k0 + i % TK;
      ws[i] = select(0.0, w[n * p.K + k], n < p.N && k < p.K);
    }
    workgroupBarrier();
    for (var k = 0u; k < TK; k++) {
      var wr: array<f32, RN>;
      for (var c = 0u; c < RN; c++) { wr[c] = ws[(tx + c * WX) * TK + k]; }
      for (var r = 0u; r < RM; r++) {
        let xv = xs[(ty + r * WY) * TK + k];
        for (var c = 0u; c < RN; c++) { acc[r][c] += xv * wr[c]; }
      }
    }
    workgroupBarrier();
  }
  for (var r = 0u; r < RM; r++) {
    let m = m0 + ty + r * WY;
    if (m >= p.M) { continue; }
    for (var c = 0u; c < RN; c++) {
      let n = n0 + tx + c * WX;
      if (n < p.N) { storeLinear(m, n, acc[r][c]); }
    }
  }
}
