/**
 * The sampler SD-Turbo is distilled for, written out: Euler ancestral over the model's noise levels with
 * "trailing" timestep spacing (diffusers' EulerAncestralDiscreteScheduler, as SD-Turbo's scheduler_config sets it),
 * for 1–4 steps. Pure arithmetic; TextToImage runs the UNet between the steps.
 *
 * Noise levels: betas scaled-linear from 0.00085 to 0.012 over 1000 training steps, ᾱ_t = Π(1 − β),
 * σ_t = √((1 − ᾱ_t) / ᾱ_t); σ_999 ≈ 14.6146, the value ONNX Runtime's sd-turbo example hard-codes for one step.
 *
 * Example:
 *   const { timesteps, sigmas } = turboSchedule(2);   // [999, 499], [14.61, σ_499, 0]
 *   x = eulerAncestralStep(x, eps, sigmas[i], sigmas[i + 1], gaussian);
 */

const TRAIN_STEPS = 1000;

let sigmaTable: Float64Array | undefined;

/** σ_t for t = 0 … 999. */
export function trainingSigmas(): Float64Array {
  if (sigmaTable) return sigmaTable;
  const lo = Math.sqrt(0.00085);
  const hi = Math.sqrt(0.012);
  sigmaTable = new Float64Array(TRAIN_STEPS);
  let alphaBar = 1;
  for (let t = 0; t < TRAIN_STEPS; t++) {
    const beta = (lo + ((hi - lo) * t) / (TRAIN_STEPS - 1)) ** 2;
    alphaBar *= 1 - beta;
    sigmaTable[t] = Math.sqrt((1 - alphaBar) / alphaBar);
  }
  return sigmaTable;
}

/** Trailing spacing: steps 1 → [999], 2 → [999, 499], 4 → [999, 749, 499, 249]; sigmas end with 0. */
export function turboSchedule(steps: number): { timesteps: number[]; sigmas: number[] } {
  if (!Number.isInteger(steps) || steps < 1 || steps > 50) throw new Error(`steps must be a whole number from 1 to 50, got ${steps}`);
  const table = trainingSigmas();
  const timesteps = Array.from({ length: steps }, (_, i) => Math.round(TRAIN_STEPS - (i * TRAIN_STEPS) / steps) - 1);
  return { timesteps, sigmas: [...timesteps.map((t) => table[t]), 0] };
}

/** The UNet sees the latents scaled to unit variance: x / √(σ² + 1). */
export function scaleModelInput(x: Float32Array, sigma: number): Float32Array {
  const k = 1 / Math.sqrt(sigma * sigma + 1);
  return x.map((v) => v * k);
}

/**
 * One Euler ancestral step from σ to σ_next, given the UNet's noise prediction ε̂ (epsilon parameterisation):
 * x₀ = x − σ·ε̂; σ_up = √(σ_next²(σ² − σ_next²)/σ²), σ_down = √(σ_next² − σ_up²); x ← x + ε̂·(σ_down − σ) + σ_up·z.
 * At σ_next = 0 this returns x₀.
 */
export function eulerAncestralStep(
  x: Float32Array,
  eps: ArrayLike<number>,
  sigma: number,
  sigmaNext: number,
  gaussian: () => number,
): Float32Array {
  const up = Math.sqrt((sigmaNext * sigmaNext * (sigma * sigma - sigmaNext * sigmaNext)) / (sigma * sigma));
  const down = Math.sqrt(Math.max(0, sigmaNext * sigmaNext - up * up));
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] + eps[i] * (down - sigma) + (up > 0 ? up * gaussian() : 0);
  return out;
}

/** Standard normal samples from a uniform source (Box–Muller). */
export function gaussianFrom(uniform: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = 1 - uniform(); // (0, 1]
    const r = Math.sqrt(-2 * Math.log(u));
    const a = 2 * Math.PI * uniform();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
}
