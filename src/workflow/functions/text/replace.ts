/**
 * Replace: replaces every occurrence of a piece of text (literally, no patterns).
 *
 * Example:
 *   t = TextInput(text="a dog and a dog")
 *   r = Replace(find="dog", with="cat")
 *   t.text -> r.text
 */
import { inputOf, paramOf, registerFunction } from '../registry';
import type { FunctionDef } from '../../lang/types';

export const replace: FunctionDef = {
  name: 'Replace',
  category: 'text',
  doc: 'Replaces every occurrence of `find` with `with` (plain text, case-sensitive unless ignoreCase).',
  inputs: [{ name: 'text', type: 'Text' }],
  outputs: [{ name: 'text', type: 'Text' }],
  params: [
    { name: 'find', type: 'string', required: true },
    { name: 'with', type: 'string', default: '' },
    { name: 'ignoreCase', type: 'boolean', default: false },
  ],
  example: 't = TextInput(text="a dog and a dog")\nr = Replace(find="dog", with="cat")\nt.text -> r.text',
  run: async (inputs, params) => {
    const find = paramOf(params, 'find', 'string');
    if (!find) throw new Error('find must not be empty');
    const escaped = find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(escaped, paramOf(params, 'ignoreCase', 'boolean') ? 'gi' : 'g');
    const replacement = paramOf(params, 'with', 'string');
    return { text: { type: 'Text', text: inputOf(inputs, 'text', 'Text').text.replace(pattern, () => replacement) } };
  },
};

registerFunction(replace);
