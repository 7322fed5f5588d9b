// Quest, step 2: page scores and top-k pages for one query row per (batch, head).
// Specialised by src/attention/core/wgsl.ts: [enable f16;] alias elem; const D4; const WG (a power of two).
// score(page) = Σ_d max(q_d·min_d, q_d·max_d), an upper bound of q·k for every key k in the page.
// The last page (it holds the current token) is always chosen. The k-th largest score is found by a
// bitwise search over order-preserving u32 keys (32 rounds of a workgroup count); then one invocation
// writes the chosen pages in increasing order, breaking ties toward lower page indices.

struct Params { H: u32, KVH: u32, groupSize: u32, numPages: u32, budget: u32, pad0: u32, pad1: u32, pad2: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> q: array<vec4<elem>>;              // [B, H, 1, D4]
@group(0) @binding(2) var<storage, read> bounds: array<vec4<f32>>;          // [B·KVH, numPages, 2, D4]
@group(0) @binding(3) var<storage, read_write> scores: array<f32>;          // [B·H, numPages]
@group(0) @binding(4) var<storage, read_write> chosen: array<u32>;          // [B·H, budget]

var<workgroup> count: atomic<u32>;

// Order-preserving map f32 -> u32: a > b as floats exactly when key(a) > key(b) as integers.
fn orderKey(x: f32) -> u32 {
  let u = bitcast<u32>(x);
  return select(u | 0x80000000u, ~u, (u & 0x80000000u) != 0u);
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let h = wg.x;
  let b = wg.y;
  let bh = b * p.H + h;
  let boundsBase = (b * p.KVH + h / p.groupSize) * p.numPages * 2u * D4;
  for (var page = lid; page < p.numPages; page += WG) {
    var sc = 0.0;
    let base = boundsBase + page * 2u * D4;
    for (var d = 0u; d < D4; d++) {
      let qd = vec4<f32>(q[bh * D4 + d]);
      let bound = max(qd * bounds[base + d], qd * bounds[base + D4 + d]);
      sc += bound.x + bound.y + bound.z + bound.w;
    }
    if (page == p.numPages - 1u) { sc = 3.0e38; }
    scores[bh * p.numPages + page] = sc;
  }
  storageBarrier();
  workgroupBarrier();

  // Largest threshold T with count(key >= T) >= budget: the budget-th largest key.
  var threshold = 0u;
  for (var bit = 31i; bit >= 0i; bit--) {
    let candidate = threshold | (1u << u32(bit));
    if (lid == 0u) { atomicStore(&count, 0u); }
    workgroupBarrier();
    var mine = 0u;
    for (var page = lid; page < p.numPages; page += WG) {
      if (orderKey(scores[bh * p.numPages + page]) >= candidate) { mine++; }
    }
    atomicAdd(&count, mine);
    workgroupBarrier();
    if (atomicLoad(&count) >= p.budget) { threshold = candidate; }
    workgroupBarrier();
  }

  if (lid == 0u) {
    var above = 0u;
    for (var page = 0u; page < p.numPages; page++) {
      if (orderKey(scores[bh * p.numPages + page]) > threshold) { above++; }
    }
    var ties = p.budget - above;  // pages scoring exactly the threshold still to take
    var n = 0u;
    for (var page = 0u; page < p.numPages; page++) {
      let key = orderKey(scores[bh * p.numPages + page]);
      var take = key > threshold;
      if (key == threshold && ties > 0u) { take = true; ties--; }
      if (take) { chosen[bh * p.budget + n] = page; n++; }
    }
  }
}
