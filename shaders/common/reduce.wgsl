// Workgroup-wide reductions of one f32 per invocation (tree reduction in workgroup memory).
// The including file defines `const WG: u32` (invocations per workgroup, a power of two) and calls these from
// workgroup-uniform control flow with every invocation taking part. Each returns the result to every invocation
// and leaves `red` free for the next call.

var<workgroup> red: array<f32, WG>;

fn workgroupSum(lid: u32, v: f32) -> f32 {
  red[lid] = v;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride /= 2u) {
    if (lid < stride) { red[lid] += red[lid + stride]; }
    workgroupBarrier();
  }
  let total = red[0];
  workgroupBarrier();
  return total;
}

fn workgroupMax(lid: u32, v: f32) -> f32 {
  red[lid] = v;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride /= 2u) {
    if (lid < stride) { red[lid] = max(red[lid], red[lid + stride]); }
    workgroupBarrier();
  }
  let most = red[0];
  workgroupBarrier();
  return most;
}
