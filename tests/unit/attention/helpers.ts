// Shared helpers for the attention kernel tests: fresh random inputs and a poisoned prepared run.
import type { GpuContext } from '../../../src/gpu/context';
import { poisonF32 } from '../../../src/gpu/buffers';
import {
  prepareAttention,
  type AttentionInputs,
  type AttentionKernel,
  type AttentionOptions,
  type AttentionShape,
} from '../../../src/attention/core';
import { mulberry32 } from '../../../src/util/random';

// Seeded: a failure reproduces with the same numbers (one stream per test file, in call order).
const next = mulberry32(20250611);

/** Uniform in [-a, a), never all zeros. */
export function randomTensor(n: number, a = 1.5): Float32Array {
  return Float32Array.from({ length: n }, () => (next() * 2 - 1) * a);
}

/** Uniform in [0, 1) from the same seeded stream. */
export const random = (): number => next();

export function randomInputs(s: AttentionShape): AttentionInputs {
  return {
    q: randomTensor(s.B * s.H * s.Sq * s.D),
    k: randomTensor(s.B * s.KVH * s.Skv * s.D),
    v: randomTensor(s.B * s.KVH * s.Skv * s.D),
  };
}

/** Runs a kernel with its output buffer filled with NaN first, so an unwritten element fails the check. */
export async function runPoisoned(
  ctx: GpuContext,
  shape: AttentionShape,
  inputs: AttentionInputs,
  kernel: AttentionKernel,
  opts?: AttentionOptions,
): Promise<{ out: Float32Array; pages?: Uint32Array }> {
  const att = await prepareAttention(ctx, shape, kernel, opts);
  try {
    att.write(inputs);
    poisonF32(ctx.device, att.buffers.out);
    await att.run();
    const out = await att.read();
    return { out, pages: kernel.kind === 'quest' ? await att.readPages() : undefined };
  } finally {
    att.destroy();
  }
}

export const shapeName = (s: AttentionShape) => `B${s.B} H${s.H} KVH${s.KVH} Sq${s.Sq} Skv${s.Skv} D${s.D}${s.causal ? ' causal' : ''}`;
