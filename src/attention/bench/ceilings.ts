/**
 * This adapter's ceilings, so every kernel result can say what fraction of the hardware it uses:
 * peak vec4-FMA GFLOP/s (shaders/bench/fma.wgsl) and copy bandwidth GB/s (shaders/bench/copy.wgsl).
 * Each grows its problem until one run takes at least `targetMs`, then reports the median of repeats.
 *
 * Example:
 *   const c = await measureCeilings(ctx, { targetMs: 20 });
 *   // { fmaGflops: 6.4, copyGBps: 5.1, fmaSource: 'timestamp', copySource: 'timestamp' }
 */
import type { GpuContext } from '../../gpu/context';
import { createEmptyBuffer, createUniform } from '../../gpu/buffers';
import type { TimingSource } from '../../gpu/timer';
import fmaCode from '../../../shaders/bench/fma.wgsl?raw';
import copyCode from '../../../shaders/bench/copy.wgsl?raw';
import { dispatchSize, timeMedian } from './timing';

export interface Ceilings {
  fmaGflops: number;
  copyGBps: number;
  fmaSource: TimingSource;
  copySource: TimingSource;
}

export interface CeilingOptions {
  /** Grow each microbenchmark until one run takes this long (ms). */
  targetMs?: number;
  repeats?: number;
}

const WORKGROUP = 256;
/** FLOPs per invocation per loop round: 8 vec4 fma chains × 4 lanes × 2. */
const FLOPS_PER_ROUND = 64;

export async function measureCeilings(ctx: GpuContext, opts: CeilingOptions = {}): Promise<Ceilings> {
  const fma = await measureFma(ctx, opts);
  const copy = await measureCopy(ctx, opts);
  return { fmaGflops: fma.gflops, copyGBps: copy.gbps, fmaSource: fma.source, copySource: copy.source };
}

export async function measureFma(ctx: GpuContext, { targetMs = 20, repeats = 3 }: CeilingOptions = {}) {
  const pipeline = await ctx.pipeline({ code: fmaCode, label: 'shaders/bench/fma.wgsl' });
  const device = ctx.device;
  // Enough invocations to fill any GPU (1024 workgroups × 256), then more rounds until the run is long enough.
  const workgroups = 1024;
  const sink = createEmptyBuffer(device, workgroups * WORKGROUP * 16, GPUBufferUsage.STORAGE, 'fma sink');
  let iterations = 16;
  try {
    for (;;) {
      // Params { iterations: u32, seed: f32 }: the seed is a runtime value, so nothing is constant-folded.
      const words = new Uint32Array(2);
      words[0] = iterations;
      new Float32Array(words.buffer, 4, 1)[0] = 1.5;
      const params = createUniform(device, words, 'fma params');
      const group = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: params } },
          { binding: 1, resource: { buffer: sink } },
        ],
      });
      const [x, y] = dispatchSize(workgroups);
      const t = await timeMedian(
        device,
        (encoder, timing) => {
          const pass = timing.beginComputePass(encoder, 'fma');
          pass.setPipeline(pipeline);
          pass.setBindGroup(0, group);
          pass.dispatchWorkgroups(x, y);
          pass.end();
        },
        { warmup: 1, repeats },
        { feature: 'attention', job: 'ceiling: peak FMA', flops: workgroups * WORKGROUP * iterations * FLOPS_PER_ROUND },
      );
      params.destroy();
      if (t.ms >= targetMs || iterations >= 1 << 24) {
        const flops = workgroups * WORKGROUP * iterations * FLOPS_PER_ROUND;
        return { gflops: flops / (t.ms * 1e6), source: t.source };
      }
      // Jump close to the target in one step once the time is measurable.
      iterations *= t.ms > targetMs / 64 ? Math.min(16, Math.ceil((1.2 * targetMs) / t.ms)) : 16;
    }
  } finally {
    sink.destroy();
  }
}

export async function measureCopy(ctx: GpuContext, { targetMs = 20, repeats = 3 }: CeilingOptions = {}) {
  const pipeline = await ctx.pipeline({ code: copyCode, label: 'shaders/bench/copy.wgsl' });
  const device = ctx.device;
  const limit = Math.min(ctx.summary.limits.maxStorageBufferBindingSize, ctx.summary.limits.maxBufferSize, 512 << 20);
  let bytes = 1 << 20;
  for (;;) {
    const count = bytes / 16;
    const src = createEmptyBuffer(device, bytes, GPUBufferUsage.STORAGE, 'copy src');
    const dst = createEmptyBuffer(device, bytes, GPUBufferUsage.STORAGE, 'copy dst');
    const params = createUniform(device, new Uint32Array([count]), 'copy params');
    const group = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: params } },
        { binding: 1, resource: { buffer: src } },
        { binding: 2, resource: { buffer: dst } },
      ],
    });
    const [x, y] = dispatchSize(Math.ceil(count / WORKGROUP));
    const t = await timeMedian(
      device,
      (encoder, timing) => {
        const pass = timing.beginComputePass(encoder, 'copy');
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, group);
        pass.dispatchWorkgroups(x, y);
        pass.end();
      },
      { warmup: 1, repeats },
      { feature: 'attention', job: 'ceiling: copy bandwidth' },
    );
    src.destroy();
    dst.destroy();
    params.destroy();
    if (t.ms >= targetMs || bytes * 2 > limit) {
      return { gbps: (2 * bytes) / (t.ms * 1e6), source: t.source, bytes };
    }
    bytes *= 2;
  }
}
