/**
 * Histogram: counts of a tensor's elements in equal-width bins between its minimum and maximum.
 *
 * Example:
 *   r = RandomTensor(rows=32, cols=32, seed=5, distribution="normal")
 *   h = Histogram(bins=20, title="normal samples")
 *   r.tensor -> h.tensor
 */
import { inputOf, paramOf, registerFunction } from '../registry';
import type { FunctionDef, ValueOf } from '../../lang/types';

/** Bin centres and counts; a constant tensor puts everything in one bin. */
export function histogram(data: Float32Array, bins: number): { centres: number[]; counts: number[] } {
  if (data.length === 0) throw new Error('the tensor is empty');
  let min = Infinity;
  let max = -Infinity;
  for (const v of data) {
    if (!Number.isFinite(v)) throw new Error(`the tensor holds ${v}; a histogram needs finite numbers`);
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const width = max > min ? (max - min) / bins : 1;
  const n = max > min ? bins : 1;
  const counts = new Array<number>(n).fill(0);
  for (const v of data) counts[Math.min(n - 1, Math.floor((v - min) / width))]++;
  return { centres: counts.map((_, i) => min + (i + 0.5) * width), counts };
}

export const histogramFn: FunctionDef = {
  name: 'Histogram',
  category: 'plot',
  doc: 'A bar chart of how a tensor’s values are distributed: `bins` equal-width bins from its minimum to its maximum.',
  inputs: [{ name: 'tensor', type: 'Tensor' }],
  outputs: [{ name: 'plot', type: 'Plot' }],
  params: [
    { name: 'bins', type: 'number', integer: true, min: 1, max: 1000, default: 20 },
    { name: 'title', type: 'string', default: '' },
  ],
  example:
    'r = RandomTensor(rows=32, cols=32, seed=5, distribution="normal")\nh = Histogram(bins=20, title="normal samples")\nr.tensor -> h.tensor',
  run: async (inputs, params) => {
    const { centres, counts } = histogram(inputOf(inputs, 'tensor', 'Tensor').data, paramOf(params, 'bins', 'number'));
    const plot: ValueOf<'Plot'> = {
      type: 'Plot',
      title: paramOf(params, 'title', 'string'),
      kind: 'bar',
      series: [{ name: 'count', x: centres, y: counts }],
    };
    return { plot };
  },
};

registerFunction(histogramFn);
