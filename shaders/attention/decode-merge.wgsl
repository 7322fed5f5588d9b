// Split-KV decode, pass 2 of 2: log-sum-exp merge of the splits' partial outputs.
// Specialised by src/attention/core/wgsl.ts, which prepends: const D4: u32; const WG: u32.
// One workgroup per (batch·head); invocation t owns output vec4s t, t+WG, ...
//   M = max_s m_s,  L = Σ_s l_s·2^(m_s − M),  O = Σ_s O_s·2^(m_s − M) / L   (O = 0 when L = 0);
// m is in log2 units (decode.wgsl pre-scales Q by log2(e)).

//!include "common/softmax.wgsl"

struct Params { numSplits: u32, pad0: u32, pad1: u32, pad2: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> partO: array<vec4<f32>>;   // [B·H, numSplits, D4]
@group(0) @binding(2) var<storage, read> partML: array<vec2<f32>>;  // [B·H, numSplits]
@group(0) @binding(3) var<storage, read_write> o: array<vec4<f32>>; // [B·H, D4]

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let bh = wg.x;
  let base = bh * p.numSplits;
  var M = MASKED;
  for (var s = 0u; s < p.numSplits; s++) { M = max(M, partML[base + s].x); }
  var L = 0.0;
  for (var s = 0u; s < p.numSplits; s++) { L += partML[base + s].y * exp2(partML[base + s].x - M); }
  let inv = select(0.0, 1.0 / L, L > 0.0);
  for (var d = lid; d < D4; d += WG) {
    var acc = vec4<f32>(0.0);
    for (var s = 0u; s < p.numSplits; s++) {
      acc += partO[(base + s) * D4 + d] * exp2(partML[base + s].x - M);
    }
    o[bh * D4 + d] = acc * inv;
  }
}
