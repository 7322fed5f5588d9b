/**
 * float64 CPU reference of the whole forward pass (llm.c style: the GPU runtime is checked against it, and it
 * against transformers.js). Slow (O(S²·layers) plus O(S·params)); tests use tiny models.
 *
 *   referenceLogits(cfg, w, tokens)  → Float64Array [S, V], logits at every position
 */
import type { LmConfig } from './config';
import type { LmWeights } from './weights';

/** y[S, N] = x[S, K] · W[N, K]ᵀ + b */
export function refMatmul(x: Float64Array, W: Float32Array, b: Float32Array | undefined, S: number, K: number, N: number): Float64Array {
  const y = new Float64Array(S * N);
  for (let s = 0; s < S; s++) {
    for (let n = 0; n < N; n++) {
      let acc = b ? b[n] : 0;
      for (let k = 0; k < K; k++) acc += x[s * K + k] * W[n * K + k];
      y[s * N + n] = acc;
    }
  }
  return y;
}

/** LayerNorm (bias given) or RMSNorm (no bias) over rows of C. */
export function refNorm(x: Float64Array, g: Float32Array, b: Float32Array | undefined, C: number, eps: number): Float64Array {
  const y = new Float64Array(x.length);
  for (let r = 0; r < x.length / C; r++) {
    const row = x.subarray(r * C, r * C + C);
    let mean = 0;
    if (b) mean = row.reduce((a, v) => a + v, 0) / C;
    let sq = 0;
    for (const v of row) sq += (v - mean) ** 2;
    const inv = 1 / Math.sqrt(sq / C + eps);
    for (let c = 0; c < C; c++) y[r * C + c] = (row[c] - mean) * inv * g[c] + (b ? b[c] : 0);
  }
  return y;
}

export const geluTanh = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
export const silu = (x: number) => x / (1 + Math.exp(-x));

/** Rotate-half RoPE on one head vector of D at position pos (in place). */
export function refRope(v: Float64Array, pos: number, theta: number): void {
  const D = v.length,
    half = D / 2;
  for (let i = 0; i < half; i++) {
    const a = pos * Math.pow(theta, (-2 * i) / D);
    const x1 = v[i],
      x2 = v[i + half];
    v[i] = x1 * Math.cos(a) - x2 * Math.sin(a);
    v[i + half] = x2 * Math.cos(a) + x1 * Math.sin(a);
  }
}

export function referenceLogits(cfg: LmConfig, w: LmWeights, tokens: number[]): Float64Array {
  const { hidden: C, heads: H, kvHeads: KVH, headDim: D, intermediate: I, vocab: V } = cfg;
  const S = tokens.length;
  const x = new Float64Array(S * C);
  tokens.forEach((t, s) => {
    for (let c = 0; c < C; c++) x[s * C + c] = w.embed[t * C + c] + (w.positions ? w.positions[s * C + c] : 0);
  });
  const QKV = (H + 2 * KVH) * D;
  for (const L of w.layers) {
    const qkv = refMatmul(refNorm(x, L.norm1, L.norm1Bias, C, cfg.normEps), L.qkv, L.qkvBias, S, C, QKV);
    const head = (s: number, offset: number) => {
      const v = qkv.slice(s * QKV + offset, s * QKV + offset + D);
      if (cfg.arch === 'llama' && offset < (H + KVH) * D) refRope(v, s, cfg.ropeTheta);
      return v;
    };
    const att = new Float64Array(S * H * D);
    for (let h = 0; h < H; h++) {
      const kvh = Math.floor(h / (H / KVH));
      const ks = Array.from({ length: S }, (_, s) => head(s, (H + kvh) * D));
      const vs = Array.from({ length: S }, (_, s) => head(s, (H + KVH + kvh) * D));
      for (let s = 0; s < S; s++) {
        const q = head(s, h * D);
        const sc = ks.slice(0, s + 1).map((k) => k.reduce((a, kv, d) => a + kv * q[d], 0) / Math.sqrt(D));
        const m = Math.max(...sc);
        const e = sc.map((v) => Math.exp(v - m));
        const z = e.reduce((a, v) => a + v, 0);
        for (let d = 0; d < D; d++) att[s * H * D + h * D + d] = e.reduce((a, p, j) => a + p * vs[j][d], 0) / z;
      }
    }
    const o = refMatmul(att, L.o, L.oBias, S, H * D, C);
    for (let i = 0; i < x.length; i++) x[i] += o[i];
    const n2 = refNorm(x, L.norm2, L.norm2Bias, C, cfg.normEps);
    let act: Float64Array;
    if (cfg.arch === 'gpt2') act = refMatmul(n2, L.up, L.upBias, S, C, I).map(geluTanh);
    else {
      const gu = refMatmul(n2, L.up, undefined, S, C, 2 * I);
      act = new Float64Array(S * I);
      for (let s = 0; s < S; s++) for (let i = 0; i < I; i++) act[s * I + i] = silu(gu[s * 2 * I + i]) * gu[s * 2 * I + I + i];
    }
    const down = refMatmul(act, L.down, L.downBias, S, I, C);
    for (let i = 0; i < x.length; i++) x[i] += down[i];
  }
  return refMatmul(refNorm(x, w.normF, w.normFBias, C, cfg.normEps), w.lmHead, undefined, S, C, V);
}
