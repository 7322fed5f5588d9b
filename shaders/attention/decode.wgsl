// Split-KV decode (flash-decoding), pass 1 of 2: partial attention of one query row over one split of keys.
// Specialised by src/attention/core/wgsl.ts, which prepends:
//   [enable f16;] alias elem = f32|f16;  const D4: u32;  const WG: u32 (invocations, a power of two);
//   const SPLIT: u32 (keys per split);  const PAGED: bool.
// A workgroup owns (split, head, batch). Dense: logical key L is key L. Paged (Quest): logical key L is
// key pages[bh, L / pageSize]·pageSize + L % pageSize, over the chosen pages only.
// Scores go to workgroup memory; max and sum are tree-reduced; then P·V is split over groups of D4 invocations.
// Needs D4 <= WG (D <= 256 with WG = 64).
// Writes the unnormalised partial output with its max m and sum l; decode-merge.wgsl combines the splits.

struct Params {
  H: u32, KVH: u32, Skv: u32, groupSize: u32,
  numLogical: u32, numSplits: u32, pageSize: u32, pagesPerHead: u32,
  scale: f32, kvStride: u32, pad1: u32, pad2: u32,  // kvStride: rows per KV head in k, v (>= Skv: a KV cache)
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> q: array<vec4<elem>>;            // [B, H, 1, D4]
@group(0) @binding(2) var<storage, read> k: array<vec4<elem>>;            // [B, KVH, kvStride, D4], rows < Skv read
@group(0) @binding(3) var<storage, read> v: array<vec4<elem>>;            // [B, KVH, kvStride, D4], rows < Skv read
@group(0) @binding(4) var<storage, read_write> partO: array<vec4<f32>>;   // [B·H, numSplits, D4]
@group(0) @binding(5) var<storage, read_write> partML: array<vec2<f32>>;  // [B·H, numSplits] (m, l)
@group(0) @binding(6) var<storage, read> pages: array<u32>;               // [B·H, pagesPerHead] (paged only)

// Scores and m are in log2 units (Q pre-scaled by log2(e)); decode-merge.wgsl uses exp2 to match.
//!include "common/softmax.wgsl"
//!include "common/reduce.wgsl"

var<workgroup> qs: array<vec4<f32>, D4>;
var<workgroup> scores: array<f32, SPLIT>;
var<workgroup> partial: array<vec4<f32>, WG>;

// Key index of logical position L for head bh, or Skv when it lies past the end (a partial last page).
fn keyOf(bh: u32, L: u32) -> u32 {
  if (PAGED) {
    let key = pages[bh * p.pagesPerHead + L / p.pageSize] * p.pageSize + L % p.pageSize;
    return min(key, p.Skv);
  }
  return L;
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let split = wg.x;
  let h = wg.y;
  let b = wg.z;
  let bh = b * p.H + h;
  let kvBase = (b * p.KVH + h / p.groupSize) * p.kvStride * D4;
  let L0 = split * SPLIT;
  let n = min(SPLIT, p.numLogical - L0);

  for (var d = lid; d < D4; d += WG) { qs[d] = vec4<f32>(q[bh * D4 + d]) * (p.scale * LOG2E); }
  workgroupBarrier();

  var localMax = MASKED;
  for (var j = lid; j < n; j += WG) {
    let key = keyOf(bh, L0 + j);
    var sc = MASKED;
    if (key < p.Skv) {
      sc = 0.0;
      for (var d = 0u; d < D4; d++) { sc += dot(qs[d], vec4<f32>(k[kvBase + key * D4 + d])); }
    }
    scores[j] = sc;
    localMax = max(localMax, sc);
  }
  let m = workgroupMax(lid, localMax);

  var localSum = 0.0;
  for (var j = lid; j < n; j += WG) {
    // Masked keys hold MASKED; exp underflows to 0 for them (and all are 0 when the split has no key).
    let e = select(0.0, exp2(scores[j] - m), scores[j] > -1.0e38);
    scores[j] = e;
    localSum += e;
  }
  let l = workgroupSum(lid, localSum);

  // P·V: the invocations form G = WG / D4 groups of D4; group g sums keys g, g+G, ... for output lane d,
  // so every invocation works (D4 = 16 alone would idle 48 of 64); then group 0 adds the G partial sums.
  let G = WG / D4;
  let g = lid / D4;
  let d = lid % D4;
  var acc = vec4<f32>(0.0);
  if (g < G) {
    for (var j = g; j < n; j += G) {
      let key = keyOf(bh, L0 + j);
      if (key < p.Skv) { acc += scores[j] * vec4<f32>(v[kvBase + key * D4 + d]); }
    }
  }
  partial[lid] = acc;
  workgroupBarrier();
  let partBase = bh * p.numSplits + split;
  if (g == 0u) {
    for (var other = 1u; other < G; other++) { acc += partial[other * D4 + d]; }
    partO[partBase * D4 + d] = acc;
  }
  if (lid == 0u) { partML[partBase] = vec2<f32>(m, l); }
}
