/**
 * Case: upper, lower, title or sentence case.
 *
 * Example:
 *   t = TextInput(text="hello there")
 *   u = Case(mode="title")
 *   t.text -> u.text
 */
import { inputOf, paramOf, registerFunction } from '../registry';
import type { FunctionDef } from '../../lang/types';

export function changeCase(text: string, mode: string): string {
  switch (mode) {
    case 'upper':
      return text.toUpperCase();
    case 'lower':
      return text.toLowerCase();
    case 'title':
      return text.toLowerCase().replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
    case 'sentence':
      return text.toLowerCase().replace(/(^\s*|[.!?]\s+)(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
    default:
      throw new Error(`unknown case mode '${mode}'`);
  }
}

export const caseFn: FunctionDef = {
  name: 'Case',
  category: 'text',
  doc: 'Changes letter case: upper, lower, title (each word) or sentence (first letter of each sentence).',
  inputs: [{ name: 'text', type: 'Text' }],
  outputs: [{ name: 'text', type: 'Text' }],
  params: [{ name: 'mode', type: 'choice', choices: ['upper', 'lower', 'title', 'sentence'], default: 'upper' }],
  example: 't = TextInput(text="hello there")\nu = Case(mode="title")\nt.text -> u.text',
  run: async (inputs, params) => ({
    text: { type: 'Text', text: changeCase(inputOf(inputs, 'text', 'Text').text, paramOf(params, 'mode', 'string')) },
  }),
};

registerFunction(caseFn);
