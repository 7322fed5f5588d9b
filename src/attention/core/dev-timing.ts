/**
 * Developer tool (not the benchmark; that is `npm run bench`): times our kernels against each other on one
 * shape in Node through Dawn, for quick tuning. Ratios come from the same run; absolute times on SwiftShader
 * say little about real GPUs. On a software adapter the process CPU time per run is printed too: unlike
 * wall or timestamp time it is not inflated when other processes load the machine.
 *
 * Example:
 *   node scripts/run-ts.mjs src/attention/core/dev-timing.ts S=1024 D=64 H=2 compression=8 repeats=3
 *   // prefill ...: dense 812.3 ms (cpu 1500) | block-topk/32 (density 0.127) 121.0 ms (cpu 190) = 6.71x ...
 */
import { nodeGpu } from '../../gpu/node-gpu';
import { GpuContext } from '../../gpu/context';
import { blockTopKMask, prepareAttention, type AttentionKernel, type AttentionShape } from './index';
import { median } from '../../util/stats';
import { Rng } from '../../util/random';

export async function main(argv: string[]): Promise<number> {
  const args = Object.fromEntries(argv.map((a) => a.split('=')).map(([k, v]) => [k, Number(v)]));
  const S = args.S ?? 1024,
    D = args.D ?? 64,
    H = args.H ?? 2,
    repeats = args.repeats ?? 3;
  const compression = args.compression ?? 8,
    blockSize = (args.block ?? 32) as 16 | 32 | 64;
  const ctx = await GpuContext.create(await nodeGpu());
  console.log(`adapter: ${ctx.summary.vendor} ${ctx.summary.architecture} (fallback: ${ctx.summary.isFallbackAdapter})`);
  const rng = new Rng(1);
  const rand = (n: number) => Float32Array.from({ length: n }, () => rng.next() * 2 - 1);
  const cpuMs: number[] = [];
  const time = async (shape: AttentionShape, kernel: AttentionKernel, inputs: { q: Float32Array; k: Float32Array; v: Float32Array }) => {
    const att = await prepareAttention(ctx, shape, kernel);
    att.write(inputs);
    await att.run();
    const ms: number[] = [],
      cpu: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const c0 = process.cpuUsage();
      ms.push((await att.run()).ms);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    att.destroy();
    cpuMs.push(median(cpu));
    return median(ms);
  };
  const cpu = () => `(cpu ${cpuMs[cpuMs.length - 1].toFixed(0)} ms)`;
  const prefill: AttentionShape = { B: 1, H, KVH: H, Sq: S, Skv: S, D, causal: (args.causal ?? 1) === 1 };
  const inputs = { q: rand(H * S * D), k: rand(H * S * D), v: rand(H * S * D) };
  const dense = await time(prefill, { kind: 'dense' }, inputs);
  const denseCpu = cpu();
  const mask = blockTopKMask(prefill, inputs, { blockSize, compression });
  const sparse = await time(prefill, { kind: 'block-sparse', mask }, inputs);
  const gflops = (4 * H * S * S * D) / (prefill.causal ? 2 : 1) / (dense * 1e6);
  console.log(
    `prefill S=${S} D=${D} H=${H} causal=${prefill.causal}: dense ${dense.toFixed(1)} ms ${denseCpu} ${gflops.toFixed(3)} GFLOP/s | block-topk/${blockSize} (density ${mask.density.toFixed(3)}) ${sparse.toFixed(1)} ms ${cpu()} = ${(dense / sparse).toFixed(2)}x faster`,
  );
  if (args.decode === 0) {
    ctx.close();
    return 0;
  }
  const Skv = args.Skv ?? 4 * S;
  const decodeShape: AttentionShape = { B: 1, H, KVH: H, Sq: 1, Skv, D, causal: true };
  const dIn = { q: rand(H * D), k: rand(H * Skv * D), v: rand(H * Skv * D) };
  const decode = await time(decodeShape, { kind: 'decode' }, dIn);
  const decodeCpu = cpu();
  const pageBudget = Math.ceil(Skv / 16 / compression);
  const quest = await time(decodeShape, { kind: 'quest', pageBudget }, dIn);
  console.log(
    `decode Skv=${Skv}: split-KV ${decode.toFixed(2)} ms ${decodeCpu} | quest ${pageBudget} pages ${quest.toFixed(2)} ms ${cpu()} = ${(decode / quest).toFixed(2)}x`,
  );
  ctx.close();
  return 0;
}
