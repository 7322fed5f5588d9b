/**
 * Softmax: along the last axis, with a temperature (numerically stable: subtracts each row's maximum).
 *
 * Example:
 *   r = RandomTensor(rows=2, cols=5, seed=7, distribution="normal")
 *   p = Softmax(temperature=0.5)
 *   r.tensor -> p.tensor
 */
import { inputOf, paramOf, registerFunction } from '../registry';
import type { FunctionDef } from '../../lang/types';

/** data: [rows, cols] row-major (any leading shape flattens into rows). */
export function softmaxRows(data: Float32Array, cols: number, temperature: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let r = 0; r * cols < data.length; r++) {
    const row = data.subarray(r * cols, (r + 1) * cols);
    let max = -Infinity;
    for (const x of row) max = Math.max(max, x / temperature);
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += out[r * cols + c] = Math.exp(row[c] / temperature - max);
    for (let c = 0; c < cols; c++) out[r * cols + c] /= sum;
  }
  return out;
}

export const softmax: FunctionDef = {
  name: 'Softmax',
  category: 'tensor',
  doc: 'Softmax along the last axis: exp(x / temperature) normalised to sum to 1 in each row.',
  inputs: [{ name: 'tensor', type: 'Tensor' }],
  outputs: [{ name: 'tensor', type: 'Tensor' }],
  params: [{ name: 'temperature', type: 'number', min: 0.001, max: 1000, default: 1 }],
  example: 'r = RandomTensor(rows=2, cols=5, seed=7, distribution="normal")\np = Softmax(temperature=0.5)\nr.tensor -> p.tensor',
  run: async (inputs, params) => {
    const t = inputOf(inputs, 'tensor', 'Tensor');
    const cols = t.shape[t.shape.length - 1];
    if (!cols) throw new Error(`softmax needs a non-empty last axis, got shape [${t.shape.join(', ')}]`);
    return { tensor: { type: 'Tensor', shape: [...t.shape], data: softmaxRows(t.data, cols, paramOf(params, 'temperature', 'number')) } };
  },
};

registerFunction(softmax);
