/**
 * Concat: joins two texts with a separator.
 *
 * Example:
 *   a = TextInput(text="Hello")
 *   b = TextInput(text="world")
 *   j = Concat(separator=", ")
 *   a.text -> j.a
 *   b.text -> j.b
 */
import { inputOf, paramOf, registerFunction } from '../registry';
import type { FunctionDef } from '../../lang/types';

export const concat: FunctionDef = {
  name: 'Concat',
  category: 'text',
  doc: 'Joins text a and text b, with `separator` between them.',
  inputs: [
    { name: 'a', type: 'Text' },
    { name: 'b', type: 'Text' },
  ],
  outputs: [{ name: 'text', type: 'Text' }],
  params: [{ name: 'separator', type: 'string', default: ' ' }],
  example: 'a = TextInput(text="Hello")\nb = TextInput(text="world")\nj = Concat(separator=", ")\na.text -> j.a\nb.text -> j.b',
  run: async (inputs, params) => ({
    text: {
      type: 'Text',
      text: inputOf(inputs, 'a', 'Text').text + paramOf(params, 'separator', 'string') + inputOf(inputs, 'b', 'Text').text,
    },
  }),
};

registerFunction(concat);
