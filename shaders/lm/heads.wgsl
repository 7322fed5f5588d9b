// Splits the fused projection qkv [S, (H + 2·KVH)·D] into heads: q → [H, S, D]; k and v → the KV cache
// [KVH, capacity, D] at rows start + s. With ROPE (Llama), q and k are rotated (rotate-half convention, as
// Hugging Face's Llama: pairs (i, i + D/2), angle (start + s) · theta^(-2i/D)).
// Specialised by src/lm/kernels.ts: const ROPE: bool. One invocation per (s, head slot, i < D/2).
// Dispatch: (ceil(S · (H + 2·KVH) · D/2 / 64)).

struct Params { S: u32, H: u32, KVH: u32, D: u32, capacity: u32, start: u32, theta: f32, pad: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> qkv: array<f32>;            // [S, (H + 2·KVH)·D]
@group(0) @binding(2) var<storage, read_write> q: array<f32>;        // [H, S, D]
@group(0) @binding(3) var<storage, read_write> kCache: array<f32>;   // [KVH, capacity, D]
@group(0) @binding(4) var<storage, read_write> vCache: array<f32>;   // [KVH, capacity, D]

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let half = p.D / 2u;
  let slots = p.H + 2u * p.KVH;
  let idx = id.x;
  if (idx >= p.S * slots * half) { return; }
  let i = idx % half;
  let slot = (idx / half) % slots;
  let s = idx / (half * slots);
  let src = (s * slots + slot) * p.D;
  var a = qkv[src + i];
  var b = qkv[src + i + half];
  let pos = p.start + s;
  if (ROPE && slot < p.H + p.KVH) {
    let angle = f32(pos) * pow(p.theta, -2.0 * f32(i) / f32(p.D));
    let c = cos(angle);
    let sn = sin(angle);
    let ra = a * c - b * sn;
    let rb = b * c + a * sn;
    a = ra;
    b = rb;
  }
  if (slot < p.H) {
    let dst = (slot * p.S + s) * p.D;
    q[dst + i] = a;
    q[dst + i + half] = b;
  } else if (slot < p.H + p.KVH) {
    let dst = ((slot - p.H) * p.capacity + pos) * p.D;
    kCache[dst + i] = a;
    kCache[dst + i + half] = b;
  } else {
    let dst = ((slot - p.H - p.KVH) * p.capacity + pos) * p.D;
    vCache[dst + i] = a;
    vCache[dst + i + half] = b;
  }
}
