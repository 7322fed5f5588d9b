/**
 * TextInput: a fixed piece of text, the usual start of a text pipeline.
 *
 * Example:
 *   t = TextInput(text="a cat on a sofa")
 */
import { paramOf, registerFunction } from '../registry';
import type { FunctionDef } from '../../lang/types';

export const textInput: FunctionDef = {
  name: 'TextInput',
  category: 'text',
  doc: 'A fixed piece of text (a prompt, a sentence, a caption).',
  inputs: [],
  outputs: [{ name: 'text', type: 'Text' }],
  params: [{ name: 'text', type: 'string', default: '', doc: 'the text; \\n for a new line' }],
  example: 't = TextInput(text="a cat on a sofa")',
  run: async (_inputs, params) => ({ text: { type: 'Text', text: paramOf(params, 'text', 'string') } }),
};

registerFunction(textInput);
