/**
 * FormatNumber: a number as text, with a fixed number of decimals and an optional prefix/suffix.
 *
 * Example:
 *   t = TextInput(text="the quick brown fox")
 *   n = WordCount()
 *   f = FormatNumber(digits=0, suffix=" words")
 *   t.text -> n.text
 *   n.count -> f.value
 */
import { inputOf, paramOf, registerFunction } from '../registry';
import type { FunctionDef } from '../../lang/types';

export const formatNumber: FunctionDef = {
  name: 'FormatNumber',
  category: 'number',
  doc: 'Writes a number as text with `digits` decimals, between `prefix` and `suffix`.',
  inputs: [{ name: 'value', type: 'Number' }],
  outputs: [{ name: 'text', type: 'Text' }],
  params: [
    { name: 'digits', type: 'number', integer: true, min: 0, max: 20, default: 2 },
    { name: 'prefix', type: 'string', default: '' },
    { name: 'suffix', type: 'string', default: '' },
  ],
  example:
    't = TextInput(text="the quick brown fox")\nn = WordCount()\nf = FormatNumber(digits=0, suffix=" words")\nt.text -> n.text\nn.count -> f.value',
  run: async (inputs, params) => {
    const text = inputOf(inputs, 'value', 'Number').value.toFixed(paramOf(params, 'digits', 'number'));
    return { text: { type: 'Text', text: paramOf(params, 'prefix', 'string') + text + paramOf(params, 'suffix', 'string') } };
  },
};

registerFunction(formatNumber);
