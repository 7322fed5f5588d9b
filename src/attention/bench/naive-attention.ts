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
import { BufferSet, guardedSetup, poisonF32, readBuffer } from '../../gpu/buffers';
import { uniformStruct } from '../../gpu/uniform';
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
const Params = uniformStruct(
  source,
  'Params',
  { B: 'u32', H: 'u32', KVH: 'u32', Sq: 'u32', Skv: 'u32', D: 'u32', causal: 'u32', scale: 'f32' },
  'bench/naive-attention',
);

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
  const owned = new BufferSet(device);
  const S = GPUBufferUsage.STORAGE;
  const outBytes = s.B * s.H * s.Sq * s.D * 4;
  const { out, scoresGroup, softmaxGroup, sumGroup } = await guardedSetup(device, LABEL, owned, () => {
    const params = owned.add(
      Params.create(device, {
        B: s.B,
        H: s.H,
        KVH: s.KVH,
        Sq: s.Sq,
        Skv: s.Skv,
        D: s.D,
        causal: s.causal ? 1 : 0,
        scale: 1 / Math.sqrt(s.D),
      }),
    );
    const q = owned.from(inputs.q, S, 'naive q');
    const k = owned.from(inputs.k, S, 'naive k');
    const v = owned.from(inputs.v, S, 'naive v');
    const scores = owned.empty(scoreBytes, S, 'naive scores');
    const out = owned.empty(outBytes, S, 'naive out');
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
    return { out, scoresGroup, softmaxGroup, sumGroup };
  });
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
      owned.destroy();
    },
  };
}
