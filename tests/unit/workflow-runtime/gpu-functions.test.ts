// The WGSL image kernels (Cartoonize, StyleFilter) on Dawn + SwiftShader against their CPU references,
// on tiny images (SwiftShader is slow).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeGpu } from '../../../src/gpu/node-gpu';
import { GpuContext } from '../../../src/gpu/context';
import { setWorkflowGpu } from '../../../src/workflow/functions/gpu/device';
import { cartoonizeCpu, cartoonizeGpu } from '../../../src/workflow/functions/gpu/cartoonize';
import { STYLES, styleFilterCpu, styleFilterGpu } from '../../../src/workflow/functions/gpu/style-filter';
import { drawSampleCat } from '../../../src/workflow/functions/image/sample-cat';
import type { ImageValue } from '../../../src/workflow/functions/image/pixels';
import { attention } from '../../../src/workflow/functions/gpu/attention';
import { blockTopKMask, referenceAttention } from '../../../src/attention/core';
import { standaloneContext } from '../../../src/workflow/functions/registry';

/** Share of channel values that differ by more than `tol` (f32 on the GPU vs f64 on the CPU). */
function mismatch(a: ImageValue, b: ImageValue, tol: number): number {
  let bad = 0;
  for (let i = 0; i < a.pixels.length; i++) if (Math.abs(a.pixels[i] - b.pixels[i]) > tol) bad++;
  return bad / a.pixels.length;
}

describe('WGSL image kernels on Dawn', () => {
  let ctx: GpuContext;
  // 20×13: not a multiple of the 8×8 workgroup, so the bounds check matters.
  const img = drawSampleCat(20, 13);
  beforeAll(async () => {
    ctx = await GpuContext.create(await nodeGpu());
    setWorkflowGpu(async () => ctx);
  });
  afterAll(() => {
    setWorkflowGpu(undefined);
    ctx?.close();
  });

  test('Cartoonize matches its CPU reference', async () => {
    for (const c of [
      { levels: 6, edge: 0.8, radius: 2, sigma: 0.2 },
      { levels: 2, edge: 0, radius: 0, sigma: 0.1 },
    ]) {
      const gpu = await cartoonizeGpu(img, c);
      expect(gpu).toBeDefined();
      expect(gpu!.gpuMs).toBeGreaterThan(0);
      const cpu = cartoonizeCpu(img, c);
      // A value on a quantisation boundary may round to the neighbouring level: allow a rare one-level flip.
      expect(mismatch(gpu!.image, cpu, 1)).toBeLessThan(0.02);
      expect(mismatch(gpu!.image, cpu, 255 / (c.levels - 1) + 1)).toBe(0);
    }
  });

  test('StyleFilter matches its CPU reference for every style', async () => {
    for (let style = 0; style < STYLES.length; style++) {
      const gpu = await styleFilterGpu(img, style, 0.75);
      expect(mismatch(gpu!.image, styleFilterCpu(img, style, 0.75), 1), STYLES[style]).toBe(0);
    }
  });

  test('Attention runs the block-sparse attention kernel and matches the reference', async () => {
    const rand = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed * 78.233) * 0.8);
    const t = (seed: number) => ({ type: 'Tensor' as const, shape: [32, 16], data: rand(32 * 16, seed) });
    const q = t(1),
      k = t(2),
      v = t(3);
    const shape = { B: 1, H: 1, KVH: 1, Sq: 32, Skv: 32, D: 16, causal: true };
    const messages: string[] = [];
    const ctxRun = standaloneContext({ progress: (_f: number, m?: string) => void (m && messages.push(m)) });
    // Dense uses the same kernel without a mask (tested by the attention suite); block-sparse exercises the mask path.
    for (const kernel of ['block-sparse']) {
      const params = { kernel, causal: true, compression: 2, blockSize: '16' };
      const out = await attention.run({ q, k, v }, params, ctxRun);
      const mask =
        kernel === 'block-sparse' ? blockTopKMask(shape, { q: q.data, k: k.data }, { blockSize: 16, compression: 2 }) : undefined;
      const ref = referenceAttention(shape, { q: q.data, k: k.data, v: v.data }, { mask });
      const got = (out.tensor as { data: Float32Array }).data;
      expect(got.length).toBe(ref.length);
      for (let i = 0; i < ref.length; i++) expect(Math.abs(got[i] - ref[i])).toBeLessThan(1e-4);
    }
    expect(messages.join(' ')).toMatch(/WGSL block-sparse \(density \d+%\)/);
    await expect(attention.run({ q, k: { ...k, shape: [16, 32] }, v }, { kernel: 'dense', causal: false }, ctxRun)).rejects.toThrow(
      /does not match q/,
    );
  });
});
