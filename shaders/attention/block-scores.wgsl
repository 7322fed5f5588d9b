// Block top-k mask builder, GPU part: mean-pool Q and K per block, then score every (query block, key block).
// Specialised by src/attention/core/wgsl.ts: alias elem (f32 here); const D4; const BS (block size).
// Entry `pool`: one invocation per (vec4 lane, block, tensor head): mean of the block's rows (a partial last
// block averages the rows it has). Entry `score`: one invocation per (key block, query block, batch·head).

struct Params {
  H: u32, KVH: u32, groupSize: u32, rows: u32,
  numBlocks: u32, numQueryBlocks: u32, numKeyBlocks: u32, pad: u32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<vec4<elem>>;              // pool: [heads, rows, D4]
@group(0) @binding(2) var<storage, read_write> pooled: array<vec4<f32>>;    // pool: [heads, numBlocks, D4]

@compute @workgroup_size(64)
fn pool(@builtin(global_invocation_id) id: vec3u) {
  let d = id.x;
  let blk = id.y;
  let head = id.z;
  if (d >= D4 || blk >= p.numBlocks) { return; }
  let first = blk * BS;
  let last = min(first + BS, p.rows);
  var sum = vec4<f32>(0.0);
  for (var r = first; r < last; r++) { sum += vec4<f32>(x[(head * p.rows + r) * D4 + d]); }
  pooled[(head * p.numBlocks + blk) * D4 + d] = sum / f32(last - first);
}

@group(0) @binding(3) var<storage, read> pooledQ: array<vec4<f32>>;         // score: [B·H, numQueryBlocks, D4]
@group(0) @binding(4) var<storage, read> pooledK: array<vec4<f32>>;         // score: [B·KVH, numKeyBlocks, D4]
@group(0) @binding(5) var<storage, read_write> scores: array<f32>;          // score: [B·H, numQueryBlocks, numKeyBlocks]

@compute @workgroup_size(64)
fn score(@builtin(global_invocation_id) id: vec3u) {
  let kb = id.x;
  let qb = id.y;
  let bh = id.z;
  if (kb >= p.numKeyBlocks || qb >= p.numQueryBlocks) { return; }
  let b = bh / p.H;
  let kvHead = b * p.KVH + (bh % p.H) / p.groupSize;
  var s = 0.0;
  for (var d = 0u; d < D4; d++) {
    s += dot(pooledQ[(bh * p.numQueryBlocks + qb) * D4 + d], pooledK[(kvHead * p.numKeyBlocks + kb) * D4 + d]);
  }
  scores[(bh * p.numQueryBlocks + qb) * p.numKeyBlocks + kb] = s;
}
