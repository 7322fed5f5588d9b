// The classic 3-pass attention baseline (no FlashAttention): it materialises the Sq×Skv score matrix in
// global memory, as ORT's older JSEP path does. Used only as a benchmark peer.
//   scores:       S[b,h,i,j] = scale · q[b,h,i,:]·k[b,kvh,j,:]   (−inf where causal hides key j)
//   softmax:      P = softmax over j, in place (a row that sees no key becomes zeros)
//   weighted_sum: O[b,h,i,:] = Σ_j P[b,h,i,j] · v[b,kvh,j,:]
// Layouts: Q, O [B,H,Sq,D]; K, V [B,KVH,Skv,D]; S [B,H,Sq,Skv]; kvh = h / (H / KVH). D is a multiple of 4.
struct Params { B: u32, H: u32, KVH: u32, Sq: u32, Skv: u32, D: u32, causal: u32, scale: f32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> q: array<vec4f>;
@group(0) @binding(2) var<storage, read> k: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> scores: array<f32>;
@group(0) @binding(4) var<storage, read> v: array<vec4f>;
@group(0) @binding(5) var<storage, read_write> out: array<vec4f>;

//!include "common/softmax.wgsl"

fn kv_head(h: u32) -> u32 { return h / (p.H / p.KVH); }
fn visible(i: u32, j: u32) -> bool { return p.causal == 0u || i32(j) <= i32(i) + i32(p.Skv) - i32(p.Sq); }

// One invocation per score; workgroup 16×16 over (j, i); z = b·H + h.
@compute @workgroup_size(16, 16)
fn scores_main(@builtin(global_invocation_id) gid: vec3u) {
  let j = gid.x; let i = gid.y; let bh = gid.z;
  if (i >= p.Sq || j >= p.Skv) { return; }
  let b = bh / p.H; let h = bh % p.H;
  let d4 = p.D / 4u;
  var s = MASKED;
  if (visible(i, j)) {
    let qrow = ((b * p.H + h) * p.Sq + i) * d4;
    let krow = ((b * p.KVH + kv_head(h)) * p.Skv + j) * d4;
    var acc = 0.0;
    for (var d = 0u; d < d4; d++) { acc += dot(q[qrow + d], k[krow + d]); }
    s = acc * p.scale;
  }
  scores[(bh * p.Sq + i) * p.Skv + j] = s;
}

const WG = 64u;
//!include "common/reduce.wgsl"

// One workgroup per row: x = query row i, y = b·H + h.
@compute @workgroup_size(64)
fn softmax_main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) t: u32) {
  let row = (wid.y * p.Sq + wid.x) * p.Skv;
  var m = MASKED;
  for (var j = t; j < p.Skv; j += WG) { m = max(m, scores[row + j]); }
  let row_max = workgroupMax(t, m);
  var sum = 0.0;
  for (var j = t; j < p.Skv; j += WG) {
    let x = scores[row + j];
    sum += select(exp(x - row_max), 0.0, x <= MASKED);
  }
  let total = workgroupSum(t, sum);
  for (var j = t; j < p.Skv; j += WG) {
    let x = scores[row + j];
    scores[row + j] = select(exp(x - row_max) / total, 0.0, x <= MASKED || total == 0.0);
  }
}

// One invocation per output vec4: x covers (i, d4) of one head, y = b·H + h.
@compute @workgroup_size(64)
fn weighted_sum_main(@builtin(global_invocation_id) gid: vec3u) {
  let d4 = p.D / 4u;
  let idx = gid.x;
  if (idx >= p.Sq * d4) { return; }
  let i = idx / d4; let d = idx % d4;
  let bh = gid.y;
  let b = bh / p.H; let h = bh % p.H;
  let prow = (bh * p.Sq + i) * p.Skv;
  let vbase = (b * p.KVH + kv_head(h)) * p.Skv * d4 + d;
  var acc = vec4f(0.0);
  for (var j = 0u; j < p.Skv; j++) { acc += scores[prow + j] * v[vbase + j * d4]; }
  out[(bh * p.Sq + i) * d4 + d] = acc;
}
