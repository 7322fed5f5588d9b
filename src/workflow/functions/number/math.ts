/**
 * Math: a binary operation on two numbers.
 *
 * Example:
 *   x = Number(value=6)
 *   y = Number(value=7)
 *   p = Math(op="mul")
 *   x.value -> p.a
 *   y.value -> p.b
 */
import { inputOf, paramOf, registerFunction } from '../registry';
import type { FunctionDef } from '../../lang/types';

const OPS: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => a ** b,
  min: Math.min,
  max: Math.max,
  mod: (a, b) => a % b,
};

export function applyOp(op: string, a: number, b: number): number {
  const f = OPS[op];
  if (!f) throw new Error(`unknown op '${op}'`);
  const r = f(a, b);
  if (!Number.isFinite(r)) throw new Error(`${op}(${a}, ${b}) is not a finite number`);
  return r;
}

export const math: FunctionDef = {
  name: 'Math',
  category: 'number',
  doc: 'Computes `a op b` for op in add, sub, mul, div, pow, min, max, mod. Fails on a non-finite result (e.g. division by 0).',
  inputs: [
    { name: 'a', type: 'Number' },
    { name: 'b', type: 'Number' },
  ],
  outputs: [{ name: 'value', type: 'Number' }],
  params: [{ name: 'op', type: 'choice', choices: Object.keys(OPS), default: 'add' }],
  example: 'x = Number(value=6)\ny = Number(value=7)\np = Math(op="mul")\nx.value -> p.a\ny.value -> p.b',
  run: async (inputs, params) => ({
    value: {
      type: 'Number',
      value: applyOp(paramOf(params, 'op', 'string'), inputOf(inputs, 'a', 'Number').value, inputOf(inputs, 'b', 'Number').value),
    },
  }),
};

registerFunction(math);
