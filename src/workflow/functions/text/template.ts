/**
 * Template: fills `{a}`, `{b}`, `{c}` in a template with the connected texts (`{{` and `}}` for braces).
 *
 * Example:
 *   who = TextInput(text="cat")
 *   p = Template(template="a cartoon of a {a}, bright colours")
 *   who.text -> p.a
 */
import { paramOf, registerFunction } from '../registry';
import type { FunctionDef, Value } from '../../lang/types';

const SLOTS = ['a', 'b', 'c'] as const;

export function fillTemplate(template: string, inputs: Record<string, Value>): string {
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (match, slot: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    if (!SLOTS.includes(slot as (typeof SLOTS)[number])) throw new Error(`template has {${slot}}; the slots are {a}, {b} and {c}`);
    const v = inputs[slot!];
    if (!v) throw new Error(`template uses {${slot}} but input ${slot} is not connected`);
    if (v.type !== 'Text') throw new Error(`input ${slot} expects Text, got ${v.type}`);
    return v.text;
  });
}

export const template: FunctionDef = {
  name: 'Template',
  category: 'text',
  doc: 'Fills {a}, {b} and {c} in `template` with the texts connected to inputs a, b and c. Write {{ and }} for literal braces.',
  inputs: SLOTS.map((name) => ({ name, type: 'Text' as const, optional: true })),
  outputs: [{ name: 'text', type: 'Text' }],
  params: [{ name: 'template', type: 'string', required: true }],
  example: 'who = TextInput(text="cat")\np = Template(template="a cartoon of a {a}, bright colours")\nwho.text -> p.a',
  run: async (inputs, params) => ({ text: { type: 'Text', text: fillTemplate(paramOf(params, 'template', 'string'), inputs) } }),
};

registerFunction(template);
