/**
 * Attention (Tensor q, k, v → Tensor): the Attention tab's WGSL kernels (src/attention/core) as a workflow
 * function — dense FlashAttention-style prefill, or block-sparse over a block-top-k mask (The Sparse Frontier).
 * Shapes: q [Sq, D] or [B, H, Sq, D]; k and v [Skv, D] or [B, KVH, Skv, D]; out has q's shape.
 * Without WebGPU it runs the float64 reference (src/attention/core/reference.ts) and says so.
 *
 * Example program:
 *   q = RandomTensor(rows=32, cols=16, seed=1, distribution="normal")
 *   k = RandomTensor(rows=32, cols=16, seed=2, distribution="normal")
 *   v = RandomTensor(rows=32, cols=16, seed=3, distribution="normal")
 *   att = Attention(kernel="block-sparse", compression=2, causal=true)
 *   q.tensor -> att.q
 *   k.tensor -> att.k
 *   v.tensor -> att.v
 */
import {
  AttentionInputError,
  blockTopKMask,
  referenceAttention,
  runAttention,
  type AttentionShape,
  type MaskBlockSize,
} from '../../../attention';
import { registerFunction, paramOf } from '../registry';
import type { FunctionDef, Value } from '../../lang/types';
import { PortError } from '../image/pixels';
import { workflowGpu } from './device';

type Tensor = Extract<Value, { type: 'Tensor' }>;

function tensorIn(v: Value | undefined, port: string): Tensor {
  if (!v || v.type !== 'Tensor') throw new PortError(`input "${port}" must be a Tensor`, port);
  if (v.shape.length !== 2 && v.shape.length !== 4)
    throw new PortError(`input "${port}" has shape [${v.shape.join(', ')}]; expected [S, D] or [B, heads, S, D]`, port);
  return v;
}

/** [S, D] → [1, 1, S, D]. */
const as4 = (t: Tensor) => (t.shape.length === 4 ? t.shape : [1, 1, ...t.shape]);

export function attentionShape(q: Tensor, k: Tensor, v: Tensor, causal: boolean): AttentionShape {
  const [B, H, Sq, D] = as4(q);
  const [Bk, KVH, Skv, Dk] = as4(k);
  const vs = as4(v);
  if (Bk !== B || Dk !== D)
    throw new PortError(`k has shape [${k.shape.join(', ')}], which does not match q [${q.shape.join(', ')}] in batch or head size`, 'k');
  if (vs.join() !== [Bk, KVH, Skv, Dk].join())
    throw new PortError(`v has shape [${v.shape.join(', ')}]; it must equal k's [${k.shape.join(', ')}]`, 'v');
  return { B, H, KVH, Sq, Skv, D, causal };
}

export const attention: FunctionDef = {
  name: 'Attention',
  category: 'tensor',
  doc: 'Scaled dot-product attention softmax(q·kᵀ/√D)·v on the GPU (WGSL, from the Attention tab): dense, or block-sparse over the top-scoring key blocks.',
  inputs: [
    { name: 'q', type: 'Tensor', doc: '[Sq, D] or [B, H, Sq, D]' },
    { name: 'k', type: 'Tensor', doc: '[Skv, D] or [B, KVH, Skv, D]' },
    { name: 'v', type: 'Tensor', doc: 'same shape as k' },
  ],
  outputs: [{ name: 'tensor', type: 'Tensor', doc: 'same shape as q' }],
  params: [
    { name: 'kernel', type: 'choice', choices: ['dense', 'block-sparse'], default: 'dense' },
    { name: 'causal', type: 'boolean', default: false },
    { name: 'compression', type: 'number', min: 1, max: 64, default: 4, doc: 'block-sparse: 1 / share of key blocks kept' },
    { name: 'blockSize', type: 'choice', choices: ['16', '32', '64'], default: '16', doc: 'block-sparse: block size in tokens' },
  ],
  example:
    'q = RandomTensor(rows=32, cols=16, seed=1, distribution="normal")\nk = RandomTensor(rows=32, cols=16, seed=2, distribution="normal")\nv = RandomTensor(rows=32, cols=16, seed=3, distribution="normal")\natt = Attention(kernel="block-sparse", compression=2, causal=true)\nq.tensor -> att.q\nk.tensor -> att.k\nv.tensor -> att.v',
  async run(inputs, params, ctx) {
    const q = tensorIn(inputs.q, 'q'),
      k = tensorIn(inputs.k, 'k'),
      v = tensorIn(inputs.v, 'v');
    const shape = attentionShape(q, k, v, paramOf(params, 'causal', 'boolean'));
    const data = { q: q.data, k: k.data, v: v.data };
    try {
      const mask =
        paramOf(params, 'kernel', 'string') === 'block-sparse'
          ? blockTopKMask(shape, data, {
              blockSize: Number(paramOf(params, 'blockSize', 'string')) as MaskBlockSize,
              compression: paramOf(params, 'compression', 'number'),
            })
          : undefined;
      const gpu = await workflowGpu();
      let out: Float32Array;
      if (gpu) {
        const r = await runAttention(gpu, shape, data, mask ? { kind: 'block-sparse', mask } : { kind: 'dense' });
        ctx.markGpu?.(r.timing.ms);
        ctx.progress(
          1,
          `WGSL ${mask ? `block-sparse (density ${(mask.density * 100).toFixed(0)}%)` : 'dense'}, ${r.timing.ms.toFixed(2)} ms`,
        );
        out = r.out;
      } else {
        out = Float32Array.from(referenceAttention(shape, data, { mask }));
        ctx.progress(1, 'no WebGPU here: ran the float64 reference');
      }
      return { tensor: { type: 'Tensor', shape: [...q.shape], data: out } };
    } catch (e) {
      if (e instanceof AttentionInputError) throw new PortError(e.message, 'q');
      throw e;
    }
  },
};

registerFunction(attention);
