/**
 * TensorStats: mean, standard deviation, minimum and maximum over all elements.
 *
 * Example:
 *   r = RandomTensor(rows=16, cols=16, seed=3)
 *   s = TensorStats()
 *   r.tensor -> s.tensor
 */
import { inputOf, registerFunction } from '../registry';
import type { FunctionDef } from '../../lang/types';

export function tensorStats(data: Float32Array): { mean: number; std: number; min: number; max: number } {
  if (data.length === 0) throw new Error('the tensor is empty');
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const x of data) {
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / data.length;
  let sq = 0;
  for (const x of data) sq += (x - mean) ** 2;
  return { mean, std: Math.sqrt(sq / data.length), min, max };
}

export const tensorStatsFn: FunctionDef = {
  name: 'TensorStats',
  category: 'tensor',
  doc: 'Mean, (population) standard deviation, minimum and maximum of all elements of a tensor.',
  inputs: [{ name: 'tensor', type: 'Tensor' }],
  outputs: [
    { name: 'mean', type: 'Number' },
    { name: 'std', type: 'Number' },
    { name: 'min', type: 'Number' },
    { name: 'max', type: 'Number' },
  ],
  params: [],
  example: 'r = RandomTensor(rows=16, cols=16, seed=3)\ns = TensorStats()\nr.tensor -> s.tensor',
  run: async (inputs) => {
    const s = tensorStats(inputOf(inputs, 'tensor', 'Tensor').data);
    return {
      mean: { type: 'Number', value: s.mean },
      std: { type: 'Number', value: s.std },
      min: { type: 'Number', value: s.min },
      max: { type: 'Number', value: s.max },
    };
  },
};

registerFunction(tensorStatsFn);
