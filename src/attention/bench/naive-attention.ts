/**
 * The naive WGSL attention peer (shaders/bench/naive-attention.wgsl): scores, softmax and weighted sum as
 * three passes with the full [B,H,Sq,Skv] score matrix in global memory — the baseline FlashAttention-style
 * kernels are meant to beat. Same layouts as the kernels in src/attention/core.
 *
 * Example:
 *   const run = await prepareNaiveAttention(ctx, shape, { q, k, v });
 *   const out = await run.read();                          // Float32Array [B,H,Sq,D]
 *   const t = await timeMedian(ctx.device, run.record, { warmup: 1, repeats: 5 });
 *   run.destroy();
 */
import type { GpuContext } from '../../gpu/context';
import { createBufferFrom, createEmptyBuffer, createUniform, poisonF32, readBuffer } from '../../gpu/buffers';
import { AttentionInputError, capabilitiesOf, validateInputs, validateShape, type AttentionInputs } from '../core/shape';
import source from '../../../shaders/bench/naive-attention.wgsl?raw';
import { assembleWgsl } from '../../gpu/wgsl';
import type { BenchShape } from './shape';
import { startTiming } from '../../gpu/timer';
import type { Recorder } from './timing';

export interface PreparedRun {
  /** Records the kernel's passes; pass it to `timeMedian`. */
  record: Recorder;
  /** Runs once and reads the output [B,H,Sq,D]. */
  read(): Promise<Float32Array>;
  destroy(): void;
}

const LABEL = 'shaders/bench/naive-attention.wgsl';
const program = assembleWgsl('bench/naive-attention.wgsl', source);

export async function prepareNaiveAttention(ctx: GpuContext, s: BenchShape, inputs: AttentionInputs): Promise<PreparedRun> {
  const caps = capabilitiesOf(ctx);
  validateShape(s, caps, 'f32');
  validateInputs(s, inputs);
  const scoreBytes = s.B * s.H * s.Sq * s.Skv * 4;
  const limit = Math.min(caps.limits.maxStorageBufferBindingSize, caps.limits.maxBufferSize);
  if (scoreBytes > limit) {
    throw new AttentionInputError(
      `naive attention: the score matrix [B,H,Sq,Skv] needs ${scoreBytes} bytes, over this GPU's binding limit of ${limit}`,
    );
  }
  const maxGroups = caps.limits.maxComputeWorkgroupsPerDimension;
  if (s.B * s.H > maxGroups || s.Sq > maxGroups) {
    throw new AttentionInputError(`naive attention: B·H = ${s.B * s.H} and Sq = ${s.Sq} must each be at most ${maxGroups}`);
  }
  const [scoresPipe, softmaxPipe, sumPipe] = await Promise.all(
    ['scores_main', 'softmax_main', 'weighted_sum_main'].map((entryPoint) => ctx.pipeline({ ...program, entryPoint, label: LABEL })),
  );
  const device = ctx.device;
  const words = new Uint32Array([s.B, s.H, s.KVH, s.Sq, s.Skv, s.D, s.causal ? 1 : 0, 0]);
  new Float32Array(words.buffer, 28, 1)[0] = 1 / Math.sqrt(s.D);
  const params = createUniform(device, words, 'naive params');
  const q = createBufferFrom(device, inputs.q, GPUBufferUsage.STORAGE, 'naive q');
  const k = createBufferFrom(device, inputs.k, GPUBufferUsage.STORAGE, 'naive k');
  const v = createBufferFrom(device, inputs.v, GPUBufferUsage.STORAGE, 'naive v');
  const scores = createEmptyBuffer(device, scoreBytes, GPUBufferUsage.STORAGE, 'naive scores');
  const outBytes = s.B * s.H * s.Sq * s.D * 4;
  const out = createEmptyBuffer(device, outBytes, GPUBufferUsage.STORAGE, 'naive out');
  const group = (pipe: GPUComputePipeline, bindings: [number, GPUBuffer][]) =>
    device.createBindGroup({
      layout: pipe.getBindGroupLayout(0),
      entries: bindings.map(([binding, buffer]) => ({ binding, resource: { buffer } })),
    });
  const scoresGroup = group(scoresPipe, [
    [0, params],
    [1, q],
    [2, k],
    [3, scores],
  ]);
  const softmaxGroup = group(softmaxPipe, [
    [0, params],
    [3, scores],
  ]);
  const sumGroup = group(sumPipe, [
    [0, params],
    [3, scores],
    [4, v],
    [5, out],
  ]);
  const BH = s.B * s.H;

  const record: Recorder = (encoder, timing) => {
    let pass = timing.beginComputePass(encoder, 'naive scores');
    pass.setPipeline(scoresPipe);
    pass.setBindGroup(0, scoresGroup);
    pass.dispatchWorkgroups(Math.ceil(s.Skv / 16), Math.ceil(s.Sq / 16), BH);
    pass.end();
    pass = timing.beginComputePass(encoder, 'naive softmax');
    pass.setPipeline(softmaxPipe);
    pass.setBindGroup(0, softmaxGroup);
    pass.dispatchWorkgroups(s.Sq, BH);
    pass.end();
    pass = timing.beginComputePass(encoder, 'naive weighted sum');
    pass.setPipeline(sumPipe);
    pass.setBindGroup(0, sumGroup);
    pass.dispatchWorkgroups(Math.ceil((s.Sq * s.D) / 4 / 64), BH);
    pass.end();
  };

  return {
    record,
    async read() {
      poisonF32(device, out);
      const timing = startTiming(device, { feature: 'attention', job: 'peer naive WGSL (checked run)' });
      const encoder = device.createCommandEncoder();
      record(encoder, timing);
      timing.submit(encoder);
      await timing.result();
      return new Float32Array(await readBuffer(device, out, outBytes));
    },
    destroy() {
      for (const b of [params, q, k, v, scores, out]) b.destroy();
    },
  };
}
