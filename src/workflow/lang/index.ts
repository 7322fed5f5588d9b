/**
 * A-Language: the text syntax, its JSON form, the checker. The one entry point for the editor, the runtime,
 * the planner and the CLI. Functions live in src/workflow/functions (import `getRegistry` from its index.ts
 * to get every function registered).
 *
 * Example:
 *   import { parse, check, print } from './lang';
 *   import { getRegistry } from './functions';
 *   const { program, diagnostics } = parse('img = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=6)\nimg.image -> toon.image');
 *   const problems = [...diagnostics, ...check(program, getRegistry())]; // [] → ready to run
 *   print(program); // canonical text
 */
export * from './types';
export { parse, IDENT_RE, RESERVED_NAMES } from './parse';
export { print, printNode, printEdge, printValue } from './print';
export { toJson, fromJson, stripLocs, MAX_JSON_DEPTH } from './json';
export { MAX_PROGRAM_BYTES, formatMegabytes, programTooLarge } from './limits';
export { check, closest, NameIndex, SUGGESTION_LIMITS, findCycles, paramProblem, paramsWithDefaults, programOutputs } from './check';

import { parse as parseText } from './parse';
import { check as checkProgram } from './check';
import type { Diagnostic, ProgramJson, Registry } from './types';

/**
 * Parse and check in one go: syntax errors and the checker's findings, all located, sorted by position.
 * A node on a line that does not parse is not reported again as an unknown node wherever an edge names it.
 */
export function analyse(text: string, registry: Registry): { program: ProgramJson; diagnostics: Diagnostic[] } {
  return addChecks(parseText(text), registry);
}

/** The checker's findings added to a parse (or `fromJson`) result, as `analyse` does. */
export function addChecks(
  parsed: { program: ProgramJson; diagnostics: Diagnostic[] },
  registry: Registry,
): { program: ProgramJson; diagnostics: Diagnostic[] } {
  const { program, diagnostics } = parsed;
  const broken = new Set(diagnostics.flatMap((d) => d.node ?? []));
  const checked = checkProgram(program, registry).filter((d) => !(d.node && broken.has(d.node) && d.message.startsWith('unknown node')));
  return { program, diagnostics: [...diagnostics, ...checked].sort((a, b) => a.line - b.line || a.column - b.column) };
}
