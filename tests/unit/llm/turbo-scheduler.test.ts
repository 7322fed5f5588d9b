// SD-Turbo's sampler (src/workflow/functions/models/turbo-scheduler.ts) against its definition: the noise levels
// against ONNX Runtime's sd-turbo example constant and a float64 recomputation, diffusers' trailing timesteps, and
// the Euler ancestral step's two limits (σ_next = 0 gives the denoised latents; the injected noise has variance σ_up²).
import { expect, test } from 'vitest';
import { mulberry32 } from '../../../src/util/random';
import {
  eulerAncestralStep,
  gaussianFrom,
  scaleModelInput,
  trainingSigmas,
  turboSchedule,
} from '../../../src/workflow/functions/models/turbo-scheduler';

test('noise levels: σ_999 ≈ 14.6146 (the value the ONNX Runtime example hard-codes), increasing, σ_0 small', () => {
  const s = trainingSigmas();
  expect(s[999]).toBeCloseTo(14.6146, 3);
  expect(s[0]).toBeCloseTo(Math.sqrt(0.00085 / (1 - 0.00085)), 6);
  for (let t = 1; t < 1000; t++) expect(s[t]).toBeGreaterThan(s[t - 1]);
});

test('trailing timesteps for 1–4 steps, sigmas ending at 0; bad step counts refused', () => {
  expect(turboSchedule(1).timesteps).toEqual([999]);
  expect(turboSchedule(2).timesteps).toEqual([999, 499]);
  expect(turboSchedule(3).timesteps).toEqual([999, 666, 332]);
  expect(turboSchedule(4).timesteps).toEqual([999, 749, 499, 249]);
  const { sigmas } = turboSchedule(4);
  expect(sigmas).toHaveLength(5);
  expect(sigmas.at(-1)).toBe(0);
  expect(sigmas[1]).toBeCloseTo(trainingSigmas()[749], 12);
  expect(() => turboSchedule(0)).toThrow(/steps must be a whole number/);
  expect(() => turboSchedule(1.5)).toThrow(/steps must be a whole number/);
});

test('Euler ancestral: the last step returns x − σ·ε̂; a middle step adds noise of variance σ_up²', () => {
  const x = Float32Array.from([1, -2, 3]);
  const eps = [0.5, 0.25, -1];
  const last = eulerAncestralStep(x, eps, 2, 0, () => {
    throw new Error('no noise at σ_next = 0');
  });
  expect([...last]).toEqual([0, -2.5, 5]);

  const n = 20000;
  const g = gaussianFrom(mulberry32(3));
  const [sigma, next] = [10, 4];
  const out = eulerAncestralStep(new Float32Array(n), new Float32Array(n), sigma, next, g);
  const mean = out.reduce((a, b) => a + b, 0) / n;
  const variance = out.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  const up2 = (next * next * (sigma * sigma - next * next)) / (sigma * sigma);
  expect(Math.abs(mean)).toBeLessThan(0.1);
  expect(variance / up2).toBeGreaterThan(0.95);
  expect(variance / up2).toBeLessThan(1.05);
  expect([...scaleModelInput(Float32Array.from([3]), 4)][0]).toBeCloseTo(3 / Math.sqrt(17), 6);
});
