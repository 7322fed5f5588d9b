// The WGSL kernels of issue 11 (OilPaint, Watercolor, the frame blend of InterpolateFrames) on Dawn +
// SwiftShader against their CPU references, on tiny images (SwiftShader is slow). 21×13 is not a multiple of
// the 8×8 workgroup, so the bounds checks matter; outputs are NaN-free by construction (u8), so a mismatch
// shows as a wrong byte.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeGpu } from '../../../src/gpu/node-gpu';
import { GpuContext } from '../../../src/gpu/context';
import { setWorkflowGpu } from '../../../src/workflow/functions/gpu/device';
import { oilPaintCpu, oilPaintGpu } from '../../../src/workflow/functions/gpu/oil-paint';
import { watercolorCpu, watercolorGpu } from '../../../src/workflow/functions/gpu/watercolor';
import { blendFramesGpu } from '../../../src/workflow/functions/gpu/frame-blend';
import { blendFrames } from '../../../src/workflow/functions/video/edit';
import { drawSampleCat } from '../../../src/workflow/functions/image/sample-cat';
import type { ImageValue } from '../../../src/workflow/functions/image/pixels';
import { getRegistry } from '../../../src/workflow/functions/implementations';
import { standaloneContext } from '../../../src/workflow/functions/registry';

/** Largest per-channel difference. */
function maxDiff(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('issue 11 WGSL kernels on Dawn', () => {
  let ctx: GpuContext;
  const img: ImageValue = drawSampleCat(21, 13);
  beforeAll(async () => {
    ctx = await GpuContext.create(await nodeGpu());
    setWorkflowGpu(async () => ctx);
  });
  afterAll(() => {
    setWorkflowGpu(undefined);
    ctx?.close();
  });

  test('OilPaint matches its CPU reference exactly (integer maths) and changes the picture', async () => {
    for (const spec of [
      { radius: 2, levels: 8 },
      { radius: 1, levels: 32 },
    ]) {
      const gpu = await oilPaintGpu(img, spec);
      expect(gpu!.gpuMs).toBeGreaterThan(0);
      const cpu = oilPaintCpu(img, spec);
      expect(maxDiff(gpu!.image.pixels, cpu.pixels)).toBe(0);
      expect(maxDiff(cpu.pixels, img.pixels)).toBeGreaterThan(20);
    }
  });

  test('Watercolor matches its CPU reference within one level (f32 vs f64)', async () => {
    const spec = { radius: 2, edges: 0.7, grain: 0.6 };
    const gpu = await watercolorGpu(img, spec);
    expect(maxDiff(gpu!.image.pixels, watercolorCpu(img, spec).pixels)).toBeLessThanOrEqual(1);
  });

  test('the frame blend matches blendFrames within one level; a WGSL function marks its GPU time and says so', async () => {
    const other = drawSampleCat(21, 13);
    other.pixels.reverse();
    for (const t of [0.25, 0.5, 0.875]) {
      const gpu = await blendFramesGpu(img.pixels, other.pixels, 21, 13, t);
      expect(maxDiff(gpu!.pixels, blendFrames(img.pixels, other.pixels, t))).toBeLessThanOrEqual(1);
    }
    // The registered OilPaint says where it ran.
    let detail = '';
    let gpuMs = -1;
    await getRegistry()
      .get('OilPaint')!
      .run(
        { image: img },
        { radius: 1 },
        standaloneContext({ progress: (_f, m) => (detail = m ?? ''), markGpu: (ms) => (gpuMs = ms ?? 0) }),
      );
    expect(detail).toMatch(/^WGSL on the GPU/);
    expect(gpuMs).toBeGreaterThan(0);
  });
});
