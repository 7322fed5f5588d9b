// Prefill attention, FlashAttention-2 style, dense or block-sparse (CSR) over the same code path.
// Specialised by src/attention/core/wgsl.ts, which prepends:
//   [enable f16;] alias elem = f32|f16;  const D4: u32 (head dim / 4);  const BQ: u32 (query rows per workgroup);
//   const TK: u32 (keys per staged K/V tile, a multiple of 4: keys are scored four at a time);  const SPARSE: bool.
// One invocation per query row; a workgroup owns BQ consecutive rows of one (batch, head).
// K and V tiles of TK rows are staged in workgroup memory (f32) and shared by the BQ rows; each row keeps
// its output accumulator in registers and updates it with an online softmax (running max m, running sum l),
// so no Sq×Skv score matrix ever exists. Dense: the key range is [0, last key visible to the workgroup),
// so fully masked causal tiles are never loaded. Sparse: the key ranges are the CSR row's key blocks.

struct Params {
  B: u32, H: u32, KVH: u32, Sq: u32,
  Skv: u32, causal: u32, groupSize: u32, scale: f32,
  numQueryBlocks: u32, numMaskHeads: u32, blockSize: u32, kvStride: u32,  // kvStride: rows per KV head in k, v (>= Skv: a KV cache)
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> q: array<vec4<elem>>;          // [B, H, Sq, D4]
@group(0) @binding(2) var<storage, read> k: array<vec4<elem>>;          // [B, KVH, kvStride, D4], rows < Skv read
@group(0) @binding(3) var<storage, read> v: array<vec4<elem>>;          // [B, KVH, kvStride, D4], rows < Skv read
@group(0) @binding(4) var<storage, read_write> o: array<vec4<f32>>;     // [B, H, Sq, D4]
@group(0) @binding(5) var<storage, read> rowPtr: array<u32>;            // [numMaskHeads·numQueryBlocks + 1]
@group(0) @binding(6) var<storage, read> colIdx: array<u32>;            // [nnz]

// Scores are kept in log2 units (Q is pre-scaled by log2(e)) so the softmax uses exp2 (LOG2E, MASKED).
//!include "common/softmax.wgsl"

var<workgroup> kTile: array<vec4<f32>, TK * D4>;
var<workgroup> vTile: array<vec4<f32>, TK * D4>;

@compute @workgroup_size(BQ)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let qBlock = wg.x;
  let h = wg.y;
  let b = wg.z;
  let kvBase = (b * p.KVH + h / p.groupSize) * p.kvStride * D4;
  let row = qBlock * BQ + lid;
  let rowValid = row < p.Sq;

  // Causal: query i sees keys j <= i + Skv - Sq. rowLast is this row's last visible key (may be < 0).
  let offset = i32(p.Skv) - i32(p.Sq);
  let lastRowOfBlock = i32(min(qBlock * BQ + BQ, p.Sq)) - 1;
  var rowLast = i32(p.Skv) - 1;
  var blockEnd = p.Skv;  // keys [0, blockEnd) can matter to some row of this workgroup (workgroup-uniform)
  if (p.causal == 1u) {
    rowLast = min(i32(row) + offset, i32(p.Skv) - 1);
    blockEnd = u32(clamp(lastRowOfBlock + offset + 1, 0, i32(p.Skv)));
  }

  var qr: array<vec4<f32>, D4>;
  var acc: array<vec4<f32>, D4>;
  if (rowValid) {
    let qBase = ((b * p.H + h) * p.Sq + row) * D4;
    for (var d = 0u; d < D4; d++) {
      qr[d] = vec4<f32>(q[qBase + d]) * (p.scale * LOG2E);
      acc[d] = vec4<f32>(0.0);
    }
  }
  var m = MASKED;  // running max of scores (finite, so exp2(m - mNew) never computes inf - inf)
  var l = 0.0;      // running sum of exp2(score - m)
  var s: array<vec4<f32>, TK / 4u>;

  var numRanges = 1u;
  var firstEntry = 0u;
  if (SPARSE) {
    var maskRow = qBlock;
    if (p.numMaskHeads > 1u) { maskRow = (b * p.H + h) * p.numQueryBlocks + qBlock; }
    firstEntry = rowPtr[maskRow];
    numRanges = rowPtr[maskRow + 1u] - firstEntry;
  }
  for (var r = 0u; r < numRanges; r++) {
    var kStart = 0u;
    var kEnd = blockEnd;
    if (SPARSE) {
      kStart = colIdx[firstEntry + r] * p.blockSize;
      kEnd = min(kStart + p.blockSize, blockEnd);
    }
    for (var t = kStart; t < kEnd; t += TK) {
      let n = min(TK, kEnd - t);
      for (var e = lid; e < n * D4; e += BQ) {
        kTile[e] = vec4<f32>(k[kvBase + t * D4 + e]);
        vTile[e] = vec4<f32>(v[kvBase + t * D4 + e]);
      }
      workgroupBarrier();
      // Keys t .. t+nValid-1 are visible to this row.
      let nValid = u32(clamp(rowLast - i32(t) + 1, 0, i32(n)));
      if (rowValid && nValid > 0u) {
        // Four keys at a time: each Q and accumulator vec4 is read once per four keys.
        let groups = (nValid + 3u) / 4u;
        var mNew = m;
        for (var g = 0u; g < groups; g++) {
          let base = g * 4u * D4;
          var sc = vec4<f32>(0.0);
          for (var d = 0u; d < D4; d++) {
            let qd = qr[d];
            sc += vec4<f32>(dot(qd, kTile[base + d]), dot(qd, kTile[base + D4 + d]),
                            dot(qd, kTile[base + 2u * D4 + d]), dot(qd, kTile[base + 3u * D4 + d]));
          }
          // Keys past nValid (causally masked, or past the tile's end) score MASKED, so exp2() gives 0 for them.
          let j4 = vec4<u32>(g * 4u) + vec4<u32>(0u, 1u, 2u, 3u);
          sc = select(vec4<f32>(MASKED), sc, j4 < vec4<u32>(nValid));
          s[g] = sc;
          mNew = max(mNew, max(max(sc.x, sc.y), max(sc.z, sc.w)));
        }
        let correction = exp2(m - mNew);
        l *= correction;
        for (var d = 0u; d < D4; d++) { acc[d] *= correction; }
        for (var g = 0u; g < groups; g++) {
          let base = g * 4u * D4;
          let pj = exp2(s[g] - vec4<f32>(mNew));
          l += pj.x + pj.y + pj.z + pj.w;
          for (var d = 0u; d < D4; d++) {
            acc[d] += pj.x * vTile[base + d] + pj.y * vTile[base + D4 + d]
                    + pj.z * vTile[base + 2u * D4 + d] + pj.w * vTile[base + 3u * D4 + d];
          }
        }
        m = mNew;
      }
      workgroupBarrier();
    }
  }

  if (rowValid) {
    let oBase = ((b * p.H + h) * p.Sq + row) * D4;
    // A row that saw no key (causal with Sq > Skv, or a mask that skips its diagonal) outputs zeros.
    let inv = select(0.0, 1.0 / l, l > 0.0);
    for (var d = 0u; d < D4; d++) { o[oBase + d] = acc[d] * inv; }
  }
}
