/**
 * LinePlot: one line per row of a tensor ([n] is one line, [rows, cols] is `rows` lines of `cols` points).
 *
 * Example:
 *   r = RandomTensor(rows=3, cols=20, seed=4, distribution="normal")
 *   p = LinePlot(title="three random walks")
 *   r.tensor -> p.tensor
 */
import { inputOf, paramOf, registerFunction } from '../registry';
import type { FunctionDef, ValueOf } from '../../lang/types';

/** Largest number of points a plot takes: beyond this a chart is unreadable and slow. */
export const MAX_PLOT_POINTS = 100_000;

export function linePlot(t: ValueOf<'Tensor'>, title: string): ValueOf<'Plot'> {
  if (t.shape.length < 1 || t.shape.length > 2) throw new Error(`LinePlot needs a 1-D or 2-D tensor, got shape [${t.shape.join(', ')}]`);
  if (t.data.length > MAX_PLOT_POINTS) throw new Error(`LinePlot takes at most ${MAX_PLOT_POINTS} points, got ${t.data.length}`);
  const cols = t.shape[t.shape.length - 1];
  const rows = t.shape.length === 2 ? t.shape[0] : 1;
  const x = Array.from({ length: cols }, (_, i) => i);
  const series = Array.from({ length: rows }, (_, r) => ({
    name: rows === 1 ? 'values' : `row ${r}`,
    x,
    y: Array.from(t.data.subarray(r * cols, (r + 1) * cols)),
  }));
  return { type: 'Plot', title, kind: 'line', series };
}

export const linePlotFn: FunctionDef = {
  name: 'LinePlot',
  category: 'plot',
  doc: 'A line chart of a tensor: one line per row, x is the column index.',
  inputs: [{ name: 'tensor', type: 'Tensor' }],
  outputs: [{ name: 'plot', type: 'Plot' }],
  params: [{ name: 'title', type: 'string', default: '' }],
  example:
    'r = RandomTensor(rows=3, cols=20, seed=4, distribution="normal")\np = LinePlot(title="three random walks")\nr.tensor -> p.tensor',
  run: async (inputs, params) => ({ plot: linePlot(inputOf(inputs, 'tensor', 'Tensor'), paramOf(params, 'title', 'string')) }),
};

registerFunction(linePlotFn);
