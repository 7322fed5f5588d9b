// MLP activation. GATED (Llama): y[s, i] = silu(gu[s, i]) · gu[s, I + i] from the fused gate|up projection
// [S, 2·I]. Otherwise (GPT-2): y[s, i] = gelu_tanh(gu[s, i]) over [S, I].
// Specialised by src/lm/kernels.ts: const GATED: bool. Dispatch: (ceil(S·I / 64)).

struct Params { S: u32, I: u32, pad0: u32, pad1: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> gu: array<f32>;         // [S, 2·I] gated, else [S, I]
@group(0) @binding(2) var<storage, read_write> y: array<f32>;    // [S, I]

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let idx = id.x;
  if (idx >= p.S * p.I) { return; }
  if (GATED) {
    let s = idx / p.I;
    let i = idx % p.I;
    let g = gu[s * 2u * p.I + i];
    y[idx] = g / (1.0 + exp(-g)) * gu[s * 2u * p.I + p.I + i];
  } else {
    let x = gu[idx];
    // tanh written out: WGSL's tanh overflows to NaN for large |t| on some drivers.
    let t = clamp(0.7978845608028654 * (x + 0.044715 * x * x * x), -15.0, 15.0);
    let e = exp(2.0 * t);
    y[idx] = 0.5 * x * (1.0 + (e - 1.0) / (e + 1.0));
  }
}
