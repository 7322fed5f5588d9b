// Quest, step 1 (run once per K upload, as a KV cache would keep it up to date): per page of pageSize keys,
// the element-wise min and max key. Specialised by src/attention/core/wgsl.ts: [enable f16;] alias elem; const D4.
// One invocation per (vec4 lane d, page, batch·kv head).

// kvStride: rows per KV head in k (>= Skv: a KV cache); pages before firstPage are kept (already up to date).
struct Params { Skv: u32, pageSize: u32, numPages: u32, kvStride: u32, firstPage: u32, pad0: u32, pad1: u32, pad2: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> k: array<vec4<elem>>;               // [B, KVH, kvStride, D4]
@group(0) @binding(2) var<storage, read_write> bounds: array<vec4<f32>>;     // [B·KVH, numPages, 2, D4]: min, max

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let d = id.x;
  let page = p.firstPage + id.y;
  let bkv = id.z;
  if (d >= D4 || page >= p.numPages) { return; }
  let first = page * p.pageSize;
  let last = min(first + p.pageSize, p.Skv);
  var lo = vec4<f32>(3.0e38);
  var hi = vec4<f32>(-3.0e38);
  for (var j = first; j < last; j++) {
    let key = vec4<f32>(k[(bkv * p.kvStride + j) * D4 + d]);
    lo = min(lo, key);
    hi = max(hi, key);
  }
  let base = (bkv * p.numPages + page) * 2u * D4;
  bounds[base + d] = lo;
  bounds[base + D4 + d] = hi;
}
