/**
 * RandomTensor: a [rows, cols] tensor of seeded random numbers (the same seed gives the same tensor).
 *
 * Example:
 *   r = RandomTensor(rows=4, cols=8, seed=1, distribution="normal")
 */
import { paramOf, registerFunction } from '../registry';
import type { FunctionDef } from '../../lang/types';
import { mulberry32 } from '../../../util/random';

export const randomTensor: FunctionDef = {
  name: 'RandomTensor',
  category: 'tensor',
  doc: 'A [rows, cols] tensor of random numbers: uniform in [0, 1) or standard normal (Box–Muller), from `seed`.',
  inputs: [],
  outputs: [{ name: 'tensor', type: 'Tensor' }],
  params: [
    { name: 'rows', type: 'number', integer: true, min: 1, max: 4096, default: 4 },
    { name: 'cols', type: 'number', integer: true, min: 1, max: 4096, default: 8 },
    { name: 'seed', type: 'number', integer: true, min: 0, default: 0 },
    { name: 'distribution', type: 'choice', choices: ['uniform', 'normal'], default: 'uniform' },
  ],
  example: 'r = RandomTensor(rows=4, cols=8, seed=1, distribution="normal")',
  run: async (_inputs, params) => {
    const rows = paramOf(params, 'rows', 'number');
    const cols = paramOf(params, 'cols', 'number');
    const next = mulberry32(paramOf(params, 'seed', 'number'));
    const normal = paramOf(params, 'distribution', 'string') === 'normal';
    const data = new Float32Array(rows * cols);
    for (let i = 0; i < data.length; i++) {
      data[i] = normal ? Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()) : next();
    }
    return { tensor: { type: 'Tensor', shape: [rows, cols], data } };
  },
};

registerFunction(randomTensor);
