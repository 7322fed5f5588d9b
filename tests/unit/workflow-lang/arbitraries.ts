// fast-check generators for A-Language programs, shared by the round-trip and fuzz tests.
import fc from 'fast-check';
import { RESERVED_NAMES } from '../../../src/workflow/lang';
import type { ParamValue, ProgramEdge, ProgramJson, ProgramNode } from '../../../src/workflow/lang';

export const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/).filter((s) => !RESERVED_NAMES.has(s));

/** Any text: ASCII, full Unicode graphemes and raw code units (lone surrogates, control characters). */
export const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

export const paramValue: fc.Arbitrary<ParamValue> = fc.oneof(
  anyText,
  // -0 reads back as 0 (JSON has no -0), so it is not a program value
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
);

const commentText = anyText.filter((s) => !/[\r\n]/.test(s));
const comments = fc.option(fc.array(commentText, { minLength: 1, maxLength: 3 }), { nil: undefined });
const trailing = fc.option(commentText, { nil: undefined });

export const node: fc.Arbitrary<ProgramNode> = fc
  .record({ id: name, fn: name, params: fc.dictionary(name, paramValue, { maxKeys: 4 }), comments, trailingComment: trailing })
  .map((n) => ({ ...n }));

export const edge: fc.Arbitrary<ProgramEdge> = fc.record({
  from: fc.record({ node: name, port: name }),
  to: fc.record({ node: name, port: name }),
  comments,
  trailingComment: trailing,
});

export const program: fc.Arbitrary<ProgramJson> = fc.record({
  version: fc.constant(1 as const),
  nodes: fc.array(node, { maxLength: 6 }),
  edges: fc.array(edge, { maxLength: 6 }),
  comments,
});
