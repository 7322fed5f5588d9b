// The token trie walk (src/llm/constrained-decoding.ts), shortcuts included, allows exactly the tokens whose bytes the
// constraint accepts one by one; the masking run keeps the end token for where the constraint may end.
import { expect, test } from 'vitest';
import { ConstrainedRun, TokenTrie, tokenBytes } from '../../../src/llm/constrained-decoding';
import { mulberry32 } from '../../../src/util/random';
import { getRegistry } from '../../../src/workflow/functions';
import { ProgramAcceptor, type AcceptorState } from '../../../src/workflow/planner/constrained';

const enc = new TextEncoder();

/** A small vocabulary with what matters: ids, names, quotes, escapes, digits, newlines, UTF-8 pieces (whole and cut). */
function vocabulary(): Uint8Array[] {
  const rand = mulberry32(3);
  const pieces = [
    'img',
    'toon',
    'a',
    'b_1',
    ' = ',
    '(',
    ')',
    '=',
    '"',
    '",',
    '")',
    ', ',
    '\n',
    '.',
    ' -> ',
    'Load',
    'Image',
    'LoadImage',
    'source',
    'text',
    'Cartoon',
    'ize',
    'levels',
    '6',
    '48',
    '-',
    '0.5',
    '\\',
    '\t',
    ' cat',
    'é',
    '猫',
    '"猫',
    'zoom-in',
    '"zoom',
    '-in"',
    'image',
    'Text',
    'Input',
    'xyzzy_long_identifier',
  ];
  const out = new Map<string, Uint8Array>();
  for (let b = 0; b < 256; b++) out.set(String(b), Uint8Array.of(b));
  for (const p of pieces) out.set(p, enc.encode(p));
  const cat = enc.encode('猫');
  out.set('cut1', cat.slice(0, 1));
  out.set('cut2', cat.slice(1));
  for (let i = 0; i < 400; i++) {
    const a = pieces[Math.floor(rand() * pieces.length)];
    const b = pieces[Math.floor(rand() * pieces.length)];
    out.set(a + b, enc.encode(a + b));
  }
  return [...out.values()];
}

test('the trie walk allows exactly the tokens the acceptor accepts byte by byte, from states all over a program', () => {
  const tokens = vocabulary();
  const trie = TokenTrie.build(tokens);
  const acceptor = new ProgramAcceptor(getRegistry());
  const rand = mulberry32(9);
  const out = new Int32Array(tokens.length);
  let s: AcceptorState = acceptor.start();
  const kinds = new Set<string>();
  for (let step = 0; step < 400; step++) {
    const { count } = trie.allowed(acceptor, s, out);
    const walked = [...out.subarray(0, count)].sort((x, y) => x - y);
    const brute = tokens
      .map((t, id) => ({ t, id }))
      .filter(({ t }) => {
        let x: AcceptorState | undefined = s;
        for (const b of t) x = x && acceptor.next(x, b);
        return x !== undefined;
      })
      .map(({ id }) => id);
    expect(walked).toEqual(brute);
    kinds.add(s.phase.k);
    if (!count) break;
    const id = walked[Math.floor(rand() * walked.length)];
    for (const b of tokens[id]) s = acceptor.next(s, b)!;
  }
  // The walk went through strings and ids (where the shortcuts apply) and the rest of the grammar.
  for (const k of ['head', 'str', 'fn', 'args', 'pname']) expect(kinds).toContain(k);
});

test('masking: refused tokens get -Infinity, the end token only where the program may end', () => {
  const tokens = [...vocabulary(), null];
  const eos = tokens.length - 1;
  const trie = TokenTrie.build(tokens);
  const run = new ConstrainedRun(trie, new ProgramAcceptor(getRegistry()), { eosIds: [eos], maxTokens: 200 });
  const logits = new Float32Array(tokens.length).fill(1);
  run.mask(logits);
  expect(logits[eos]).toBe(-Infinity);
  expect(logits[tokens.findIndex((t) => t?.length === 3 && new TextDecoder().decode(t) === 'img')]).toBe(1);
  expect(logits[tokens.findIndex((t) => t?.length === 1 && t[0] === 0x22)]).toBe(-Infinity); // a quote cannot start a line
  // Tokens 0–255 are the single bytes; 'Text' is one token.
  for (const b of enc.encode('t = ')) run.accept(b);
  run.accept(tokens.findIndex((t) => t !== null && new TextDecoder().decode(t) === 'Text'));
  for (const b of enc.encode('Input()')) run.accept(b);
  expect(run.text()).toBe('t = TextInput()');
  logits.fill(1);
  run.mask(logits);
  expect(logits[eos]).toBe(1);
});

test('byte-level vocabularies: GPT-2 byte characters decode to their bytes; special tokens are never text', () => {
  const bytes = tokenBytes(
    [
      ['Ġcat', 0],
      ['Ċ', 1],
      ['<|im_end|>', 2],
      ['çĮ«', 3], // 猫 in byte characters
    ],
    4,
    [2],
    true,
  );
  expect([...bytes[0]!]).toEqual([...enc.encode(' cat')]);
  expect([...bytes[1]!]).toEqual([0x0a]);
  expect(bytes[2]).toBeNull();
  expect(new TextDecoder().decode(bytes[3]!)).toBe('猫');
});
