/**
 * MatMul: [m, k] × [k, n] → [m, n] on the CPU (small matrices; the GPU kernels are separate functions).
 *
 * Example:
 *   a = RandomTensor(rows=3, cols=4, seed=1)
 *   b = RandomTensor(rows=4, cols=2, seed=2)
 *   c = MatMul()
 *   a.tensor -> c.a
 *   b.tensor -> c.b
 */
import { inputOf, registerFunction } from '../registry';
import type { FunctionDef } from '../../lang/types';

/** Largest m·k·n done here, so a mistaken huge product fails fast instead of freezing the worker. */
export const MATMUL_MAX_WORK = 64 ** 3 * 8;

export function matmul(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let p = 0; p < k; p++) {
      const x = a[i * k + p];
      for (let j = 0; j < n; j++) out[i * n + j] += x * b[p * n + j];
    }
  return out;
}

export const matmulFn: FunctionDef = {
  name: 'MatMul',
  category: 'tensor',
  doc: 'Matrix product of a [m, k] and b [k, n], giving [m, n]. For small matrices (m·k·n ≤ 2,097,152).',
  inputs: [
    { name: 'a', type: 'Tensor', doc: '[m, k]' },
    { name: 'b', type: 'Tensor', doc: '[k, n]' },
  ],
  outputs: [{ name: 'tensor', type: 'Tensor', doc: '[m, n]' }],
  params: [],
  example:
    'a = RandomTensor(rows=3, cols=4, seed=1)\nb = RandomTensor(rows=4, cols=2, seed=2)\nc = MatMul()\na.tensor -> c.a\nb.tensor -> c.b',
  run: async (inputs) => {
    const a = inputOf(inputs, 'a', 'Tensor');
    const b = inputOf(inputs, 'b', 'Tensor');
    const shapes = `a is [${a.shape.join(', ')}], b is [${b.shape.join(', ')}]`;
    if (a.shape.length !== 2 || b.shape.length !== 2) throw new Error(`MatMul needs two 2-D tensors; ${shapes}`);
    const [m, k] = a.shape;
    const [k2, n] = b.shape;
    if (k !== k2) throw new Error(`MatMul inner sizes differ: ${shapes} (a's columns must equal b's rows)`);
    if (m * k * n > MATMUL_MAX_WORK) throw new Error(`MatMul of ${shapes} is too large for the CPU function (m·k·n > ${MATMUL_MAX_WORK})`);
    return { tensor: { type: 'Tensor', shape: [m, n], data: matmul(a.data, b.data, m, k, n) } };
  },
};

registerFunction(matmulFn);
