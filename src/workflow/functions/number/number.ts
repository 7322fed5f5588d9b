/**
 * Number: a fixed number.
 *
 * Example:
 *   n = Number(value=3.5)
 */
import { paramOf, registerFunction } from '../registry';
import type { FunctionDef } from '../../lang/types';

export const numberFn: FunctionDef = {
  name: 'Number',
  category: 'number',
  doc: 'A fixed number.',
  inputs: [],
  outputs: [{ name: 'value', type: 'Number' }],
  params: [{ name: 'value', type: 'number', default: 0 }],
  example: 'n = Number(value=3.5)',
  run: async (_inputs, params) => ({ value: { type: 'Number', value: paramOf(params, 'value', 'number') } }),
};

registerFunction(numberFn);
