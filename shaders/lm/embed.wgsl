// x[s, c] = embed[tokens[s], c] (+ positions[start + s, c] when POSITIONS, GPT-2's learned positions).
// Specialised by src/lm/kernels.ts: const POSITIONS: bool. Dispatch: (ceil(C / 64), S).

struct Params { C: u32, start: u32, pad0: u32, pad1: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> tokens: array<u32>;     // [S]
@group(0) @binding(2) var<storage, read> embed: array<f32>;      // [V, C]
@group(0) @binding(3) var<storage, read> positions: array<f32>;  // [maxPositions, C]
@group(0) @binding(4) var<storage, read_write> x: array<f32>;    // [S, C]

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let c = id.x;
  let s = id.y;
  if (c >= p.C) { return; }
  var v = embed[tokens[s] * p.C + c];
  if (POSITIONS) { v += positions[(p.start + s) * p.C + c]; }
  x[s * p.C + c] = v;
}
