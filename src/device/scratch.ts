/**
 * Runs a user-written compute shader over an array of f32 — the Device tab's scratchpad.
 * The shader declares `@group(0) @binding(0) var<storage, read_write> data: array<f32>;`
 * and is dispatched with one invocation per element in workgroups of 64.
 *
 * Example:
 *   await runScratchShader(ctx, { code: SCRATCH_EXAMPLE, input: [1, 2, 3] }); // { output: [2, 5, 10], ... }
 */
import type { GpuContext } from '../gpu/context';
import { createBufferFrom, readBuffer } from '../gpu/buffers';
import { startTiming, type GpuTiming } from '../gpu/timer';

export const SCRATCH_WORKGROUP_SIZE = 64;

export const SCRATCH_EXAMPLE = `@group(0) @binding(0) var<storage, read_write> data: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let i = id.x;
  if (i >= arrayLength(&data)) { return; }
  data[i] = data[i] * data[i] + 1.0;
}
`;

export interface ScratchRun {
  code: string;
  input: number[];
  entryPoint?: string;
}

export interface ScratchResult {
  output: number[];
  timing: GpuTiming;
}

export async function runScratchShader(ctx: GpuContext, run: ScratchRun): Promise<ScratchResult> {
  if (run.input.length === 0) throw new Error('input: give at least one number');
  const maxElems = ctx.summary.limits.maxStorageBufferBindingSize / 4;
  if (run.input.length > maxElems) throw new Error(`input: ${run.input.length} numbers exceed this GPU's ${maxElems}`);
  const pipeline = await ctx.pipeline({ code: run.code, entryPoint: run.entryPoint ?? 'main', label: 'scratch.wgsl' });
  const device = ctx.device;
  const data = createBufferFrom(device, new Float32Array(run.input), GPUBufferUsage.STORAGE, 'scratch data');
  const bindGroup = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [{ binding: 0, resource: { buffer: data } }],
  });
  const timing = startTiming(device, { feature: 'device', job: 'scratchpad' });
  const encoder = device.createCommandEncoder();
  const pass = timing.beginComputePass(encoder, 'scratch');
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(Math.ceil(run.input.length / SCRATCH_WORKGROUP_SIZE));
  pass.end();
  timing.submit(encoder);
  const [t, bytes] = await Promise.all([timing.result(), readBuffer(device, data, run.input.length * 4)]);
  data.destroy();
  return { output: Array.from(new Float32Array(bytes)), timing: t };
}

/** Parses "1, 2, 3" or "1 2 3" into numbers; says which item is wrong. */
export function parseNumberList(text: string): number[] {
  const items = text.split(/[\s,]+/).filter(Boolean);
  return items.map((item, i) => {
    const n = Number(item);
    if (!Number.isFinite(n)) throw new Error(`input item ${i + 1} ("${item}") is not a finite number`);
    return n;
  });
}
