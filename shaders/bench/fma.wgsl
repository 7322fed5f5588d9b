// Peak vec4 FMA throughput: each invocation runs `iterations` rounds of 8 independent vec4 fma chains
// (independent so the GPU can overlap them), 8 chains × 4 lanes × 2 FLOPs = 64 FLOPs per round.
// The sum is stored so the compiler cannot drop the loop.
struct Params { iterations: u32, seed: f32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> sink: array<vec4f>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  let x = params.seed + f32(i) * 1e-7;
  // b close to 1 and c small keep the values finite over millions of rounds.
  let b = vec4f(0.9999, 0.99991, 0.99992, 0.99993);
  let c = vec4f(1e-4, 2e-4, 3e-4, 4e-4);
  var a0 = vec4f(x); var a1 = vec4f(x + 1.0); var a2 = vec4f(x + 2.0); var a3 = vec4f(x + 3.0);
  var a4 = vec4f(x + 4.0); var a5 = vec4f(x + 5.0); var a6 = vec4f(x + 6.0); var a7 = vec4f(x + 7.0);
  for (var k = 0u; k < params.iterations; k++) {
    a0 = fma(a0, b, c); a1 = fma(a1, b, c); a2 = fma(a2, b, c); a3 = fma(a3, b, c);
    a4 = fma(a4, b, c); a5 = fma(a5, b, c); a6 = fma(a6, b, c); a7 = fma(a7, b, c);
  }
  sink[i] = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
}
