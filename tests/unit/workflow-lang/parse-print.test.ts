// The text syntax: parser cases, canonical printing, the text ⇄ JSON round trip as a property, and fuzzing
// (nothing but located diagnostics, never a throw).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { check, parse, print, stripLocs } from '../../../src/workflow/lang';
import { getRegistry } from '../../../src/workflow/functions';
import { anyText, program } from './arbitraries';

const ISSUE_EXAMPLE = `img  = LoadImage(source="cat.jpg")
toon = Cartoonize(levels=6)
clip = AnimateImage(frames=48, motion="zoom-in")
img.image  -> toon.image
toon.image -> clip.image
`;

describe('parse', () => {
  test("the issue's example parses as is, with positions", () => {
    const { program: p, diagnostics } = parse(ISSUE_EXAMPLE);
    expect(diagnostics).toEqual([]);
    expect(stripLocs(p)).toEqual({
      version: 1,
      nodes: [
        { id: 'img', fn: 'LoadImage', params: { source: 'cat.jpg' } },
        { id: 'toon', fn: 'Cartoonize', params: { levels: 6 } },
        { id: 'clip', fn: 'AnimateImage', params: { frames: 48, motion: 'zoom-in' } },
      ],
      edges: [
        { from: { node: 'img', port: 'image' }, to: { node: 'toon', port: 'image' } },
        { from: { node: 'toon', port: 'image' }, to: { node: 'clip', port: 'image' } },
      ],
    });
    expect(p.nodes[2].loc).toEqual({ line: 3, column: 1 });
    expect(p.nodes[2].fnLoc).toEqual({ line: 3, column: 8 });
    expect(p.nodes[2].paramLocs).toEqual({ frames: { line: 3, column: 21 }, motion: { line: 3, column: 32 } });
    expect(p.edges[0].loc).toEqual({ line: 4, column: 1 });
    expect(p.edges[0].toLoc).toEqual({ line: 4, column: 15 });
    expect(check(p, getRegistry())).toEqual([]);
  });

  test('literals: string escapes, numbers, booleans', () => {
    const src = 'n = F(s="a \\"q\\" \\\\ \\n\\t\\u00e9 ☕", i=-12, f=.5, g=5., e=-1.5e-3, E=2E+4, t=true, no=false, z=-0)';
    const { program: p, diagnostics } = parse(src);
    expect(diagnostics).toEqual([]);
    expect(p.nodes[0].params).toEqual({ s: 'a "q" \\ \n\té ☕', i: -12, f: 0.5, g: 5, e: -0.0015, E: 20000, t: true, no: false, z: 0 });
    expect(Object.is(p.nodes[0].params.z, 0)).toBe(true);
  });

  test('empty call, trailing comma, free spacing, CRLF and any statement order', () => {
    const { program: p, diagnostics } = parse('a.x -> b.y\r\n\t b=G( )\r\n  a = F(k=1,)  \r\n');
    expect(diagnostics).toEqual([]);
    expect(p.nodes.map((n) => [n.id, n.fn, n.params])).toEqual([
      ['b', 'G', {}],
      ['a', 'F', { k: 1 }],
    ]);
    expect(p.edges).toHaveLength(1);
  });

  test('comments stay with their statements', () => {
    const { program: p } = parse('# about a\n#  more\na = F() # end of a\n\n# about the edge\na.x -> a.y\n# the end\n');
    expect(p.nodes[0].comments).toEqual([' about a', '  more']);
    expect(p.nodes[0].trailingComment).toEqual(' end of a');
    expect(p.edges[0].comments).toEqual([' about the edge']);
    expect(p.comments).toEqual([' the end']);
    expect(print(p)).toBe('# about a\n#  more\na = F() # end of a\n\n# about the edge\na.x -> a.y\n\n# the end\n');
  });

  test.each([
    ['img = LoadImage(source=cat.jpg)', 1, 24, /expected a value .* for source, found 'cat' \(strings need quotes: "cat"\)/],
    ["img = LoadImage(source='cat.jpg')", 1, 24, /unexpected character "'"; strings use double quotes/],
    ['img = LoadImage(source="cat.jpg"', 1, 33, /expected ',' or '\)' after the value of source, found end of line/],
    ['img = LoadImage(source="cat.jpg)', 1, 24, /string is not closed/],
    ['a = F(x="\\q")', 1, 10, /unknown escape '\\q'/],
    ['a = F(x=1e999)', 1, 9, /number 1e999 is too large/],
    ['a = F(x=12abc)', 1, 11, /unexpected 'a' after the number 12/],
    ['a = F(x=1, x=2)', 1, 12, /parameter 'x' is given twice/],
    ['a = F(x=1) extra', 1, 12, /expected end of line after \), found 'extra'/],
    ['a = 3', 1, 5, /expected a function name after =, found the number 3/],
    ['a = F', 1, 6, /expected '\(' after F, found end of line/],
    ['img.image => toon.image', 1, 12, /unexpected character '>'/],
    ['img.image = toon.image', 1, 11, /expected '->' after img.image, found '='/],
    ['img.image -> toon', 1, 18, /expected '.' and a port name after toon, found end of line/],
    ['img', 1, 4, /expected '=' \(a node\) or '.' \(an edge\) after 'img', found end of line/],
    ['true = F()', 1, 1, /'true' cannot be used as a name/],
    ['__proto__ = F()', 1, 1, /'__proto__' cannot be used as a name/],
    ['a = F()\n\n  b = G(x=@)', 3, 11, /unexpected character '@'/],
    ['a = F(x="tab\there")', 1, 13, /control character in string/],
  ])('%j → %i:%i', (src, line, column, message) => {
    const { diagnostics } = parse(src);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', line, column });
    expect(diagnostics[0].message).toMatch(message);
  });

  test('a bad line is skipped; the lines around it still parse', () => {
    const { program: p, diagnostics } = parse('a = F()\nb = = G()\nc = H()\na.x -> c.y');
    expect(diagnostics.map((d) => [d.line, d.node])).toEqual([[2, 'b']]);
    expect(p.nodes.map((n) => n.id)).toEqual(['a', 'c']);
    expect(p.edges).toHaveLength(1);
  });
});

describe('print', () => {
  test('canonical text of the issue example', () => {
    expect(print(parse(ISSUE_EXAMPLE).program)).toBe(
      'img = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=6)\nclip = AnimateImage(frames=48, motion="zoom-in")\n\nimg.image -> toon.image\ntoon.image -> clip.image\n',
    );
    expect(print({ version: 1, nodes: [], edges: [] })).toBe('');
  });

  test('the example files are in canonical form', () => {
    const dir = new URL('../../../examples/workflows/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.alang'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      expect(print(parse(text).program), f).toBe(text);
    }
  });

  test('property: parse(print(p)) gives back p for generated programs', () => {
    fc.assert(
      fc.property(program, (p) => {
        const { program: back, diagnostics } = parse(print(p));
        expect(diagnostics).toEqual([]);
        expect(stripLocs(back)).toEqual(p);
      }),
      { numRuns: 200 },
    );
  });

  test('property: print(parse(text)) is a fixed point (canonical)', () => {
    fc.assert(
      fc.property(program, (p) => {
        const once = print(parse(print(p)).program);
        expect(print(parse(once).program)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });
});

describe('fuzz: only located diagnostics, never a throw', () => {
  const registry = getRegistry();
  const assertLocated = (text: string) => {
    const lineCount = text.split('\n').length;
    const { program: p, diagnostics } = parse(text);
    const all = [...diagnostics, ...check(p, registry)];
    for (const d of all) {
      expect(['error', 'warning']).toContain(d.severity);
      expect(d.message.length).toBeGreaterThan(0);
      expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= lineCount).toBe(true);
      expect(Number.isInteger(d.column) && d.column >= 1).toBe(true);
    }
    return all;
  };

  test('arbitrary strings', () => {
    fc.assert(
      fc.property(anyText, (s) => void assertLocated(s)),
      { numRuns: 500 },
    );
  });

  test('strings made of the language’s own tokens', () => {
    const token = fc.constantFrom(
      'a',
      'img',
      'LoadImage',
      'Cartoonize',
      '=',
      '(',
      ')',
      ',',
      '.',
      '->',
      '-',
      '"x"',
      '"',
      '\\',
      '1',
      '-2.5e3',
      'true',
      '#c',
      ' ',
      '\n',
      'image',
      'levels=',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (ts) => void assertLocated(ts.join(''))),
      { numRuns: 500 },
    );
  });

  test('mutated valid programs', () => {
    const seed = print(parse(ISSUE_EXAMPLE).program);
    const mutation = fc.record({
      at: fc.nat(),
      cut: fc.nat({ max: 6 }),
      insert: fc.oneof(anyText, fc.constantFrom('"', '->', '(', '\n', '.', '=', '#')),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        let text = seed;
        for (const m of ms) {
          const at = m.at % (text.length + 1);
          text = text.slice(0, at) + m.insert + text.slice(at + m.cut);
        }
        assertLocated(text);
      }),
      { numRuns: 250 },
    );
  });

  test('a huge generated program stays fast and located', () => {
    const n = 3000;
    const lines = Array.from({ length: n }, (_, i) => `t${i} = Case(mode="upper")`);
    const edges = Array.from({ length: n - 1 }, (_, i) => `t${i}.text -> t${i + 1}.text`);
    const all = assertLocated([...lines, ...edges, `t${n - 1}.text -> t0.text`].join('\n'));
    // one cycle through every node, reported once and named from its first node
    const cycle = all.filter((d) => d.message.startsWith('cycle'));
    expect(cycle).toHaveLength(1);
    expect(cycle[0].message).toContain('t0 -> t1 -> t2');
  });
});
