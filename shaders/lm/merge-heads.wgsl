// Attention output [H, S, D] → [S, H·D], the layout the output projection reads. Dispatch: (ceil(S·H·D / 64)).

struct Params { S: u32, H: u32, D: u32, pad: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> o: array<f32>;          // [H, S, D]
@group(0) @binding(2) var<storage, read_write> y: array<f32>;    // [S, H·D]

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let idx = id.x;
  if (idx >= p.S * p.H * p.D) { return; }
  let d = idx % p.D;
  let h = (idx / p.D) % p.H;
  let s = idx / (p.D * p.H);
  y[idx] = o[(h * p.S + s) * p.D + d];
}
