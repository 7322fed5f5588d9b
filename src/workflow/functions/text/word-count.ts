/**
 * WordCount: the number of words in a text (runs of letters, digits, apostrophes and hyphens).
 *
 * Example:
 *   t = TextInput(text="one two three")
 *   n = WordCount()
 *   t.text -> n.text
 */
import { inputOf, registerFunction } from '../registry';
import type { FunctionDef } from '../../lang/types';

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

export const wordCount: FunctionDef = {
  name: 'WordCount',
  category: 'text',
  doc: 'Counts the words in a text.',
  inputs: [{ name: 'text', type: 'Text' }],
  outputs: [{ name: 'count', type: 'Number' }],
  params: [],
  example: 't = TextInput(text="one two three")\nn = WordCount()\nt.text -> n.text',
  run: async (inputs) => ({ count: { type: 'Number', value: countWords(inputOf(inputs, 'text', 'Text').text) } }),
};

registerFunction(wordCount);
