// The epilogue of the lm's linear kernels (matmul, matmul-subgroups, matvec): Y[m, n] = acc (+ bias[n]) (+ Y[m, n]).
// The including file declares `p.N`, the bindings `bias` and `y`, and the constants BIAS and RESIDUAL.

fn storeLinear(m: u32, n: u32, acc: f32) {
  var v = acc;
  if (BIAS) { v += bias[n]; }
  if (RESIDUAL) { v += y[m * p.N + n]; }
  y[m * p.N + n] = v;
}
