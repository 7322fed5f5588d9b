/**
 * Benchmark of the workflow runtime in Node (Dawn): the WGSL image kernels against their CPU references,
 * and a cached re-run against a cold run. Reports ratios measured in one run (absolute times on
 * SwiftShader mean little).
 *
 *   node scripts/run-ts.mjs src/workflow/runtime/bench-runtime.ts [size=128] [repeats=5]
 */
import { nodeGpu } from '../../gpu/node-gpu';
import { GpuContext } from '../../gpu/context';
import { parse, print } from '../lang';
import { getRegistry } from '../functions/implementations';
import { setWorkflowGpu } from '../functions/gpu/device';
import { cartoonizeCpu, cartoonizeGpu } from '../functions/gpu/cartoonize';
import { styleFilterCpu, styleFilterGpu } from '../functions/gpu/style-filter';
import { oilPaintCpu, oilPaintGpu } from '../functions/gpu/oil-paint';
import { watercolorCpu, watercolorGpu } from '../functions/gpu/watercolor';
import { blendFramesGpu } from '../functions/gpu/frame-blend';
import { blendFrames } from '../functions/video/edit';
import { drawSampleCat } from '../functions/image/sample-cat';
import { NodeCache } from './cache';
import { runProgram } from './executor';
import { median } from '../../util/stats';

async function time(repeats: number, f: () => Promise<unknown> | unknown): Promise<number> {
  await f(); // warm-up (pipeline compile, JIT)
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

export async function main(argv: string[]): Promise<number> {
  const size = Number(argv[0] ?? 128),
    repeats = Number(argv[1] ?? 5);
  const ctx = await GpuContext.create(await nodeGpu());
  setWorkflowGpu(async () => ctx);
  console.log(
    `adapter: ${ctx.summary.vendor} ${ctx.summary.architecture}${ctx.summary.isFallbackAdapter ? ' (fallback)' : ''}; image ${size}×${size}; median of ${repeats}`,
  );
  const img = drawSampleCat(size);
  const c = { levels: 6, edge: 0.8, radius: 2, sigma: 0.2 };
  const rows: [string, number, number][] = [];
  rows.push(['Cartoonize', await time(repeats, () => cartoonizeGpu(img, c)), await time(repeats, () => cartoonizeCpu(img, c))]);
  rows.push([
    'StyleFilter sketch',
    await time(repeats, () => styleFilterGpu(img, 1, 1)),
    await time(repeats, () => styleFilterCpu(img, 1, 1)),
  ]);
  const oil = { radius: 3, levels: 16 },
    wash = { radius: 3, edges: 0.6, grain: 0.5 };
  rows.push(['OilPaint', await time(repeats, () => oilPaintGpu(img, oil)), await time(repeats, () => oilPaintCpu(img, oil))]);
  rows.push(['Watercolor', await time(repeats, () => watercolorGpu(img, wash)), await time(repeats, () => watercolorCpu(img, wash))]);
  const next = drawSampleCat(size).pixels.reverse();
  rows.push([
    'frame blend',
    await time(repeats, () => blendFramesGpu(img.pixels, next, size, size, 0.5)),
    await time(repeats, () => blendFrames(img.pixels, next, 0.5)),
  ]);
  console.log('kernel              GPU ms (incl. upload+readback)   CPU ref ms   CPU/GPU');
  for (const [name, g, cpu] of rows)
    console.log(`${name.padEnd(20)}${g.toFixed(2).padStart(12)}${cpu.toFixed(2).padStart(26)}${(cpu / g).toFixed(2).padStart(10)}`);

  const text = `img = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=6)\nsoft = BlurImage(radius=2)\nimg.image -> toon.image\ntoon.image -> soft.image`;
  const program = parse(text).program;
  const opts = { functions: (n: string) => getRegistry().get(n), recipeOf: print };
  const cold = await time(repeats, () => runProgram(program, { ...opts, cache: new NodeCache() }));
  const warmCache = new NodeCache();
  await runProgram(program, { ...opts, cache: warmCache });
  const cached = await time(repeats, () => runProgram(program, { ...opts, cache: warmCache }));
  const edited = parse(text.replace('radius=2', 'radius=3')).program;
  const rerun: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const cache = new NodeCache();
    await runProgram(program, { ...opts, cache });
    const t0 = performance.now();
    await runProgram(edited, { ...opts, cache });
    rerun.push(performance.now() - t0);
  }
  const oneNode = median(rerun);
  console.log(
    `executor: cold run ${cold.toFixed(1)} ms; fully cached re-run ${cached.toFixed(2)} ms (${(cold / cached).toFixed(0)}× faster)`,
  );
  console.log(
    `executor: re-run after editing the last node's parameter ${oneNode.toFixed(1)} ms (${(cold / oneNode).toFixed(1)}× faster than cold: only BlurImage runs)`,
  );
  ctx.close();
  return 0;
}
