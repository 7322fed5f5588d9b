// The JSON form: lossless text → JSON → text, located validation errors (JSON path + line:column), fuzzing.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { check, fromJson, parse, print, stripLocs, toJson } from '../../../src/workflow/lang';
import { getRegistry } from '../../../src/workflow/functions';
import { program } from './arbitraries';

describe('JSON form', () => {
  test('text → JSON → text is lossless, comments included; no positions or layout in the JSON', () => {
    const text = '# the seed\nimg = LoadImage(source="cat.jpg") # any photo\ntoon = Cartoonize(levels=6)\n\nimg.image -> toon.image\n';
    const json = toJson(parse(text).program);
    expect(json).not.toMatch(/"loc"|"line"|"column"|layout|"x"/);
    expect(JSON.parse(json).nodes[0]).toEqual({
      id: 'img',
      fn: 'LoadImage',
      params: { source: 'cat.jpg' },
      comments: [' the seed'],
      trailingComment: ' any photo',
    });
    const back = fromJson(json);
    expect(back.diagnostics).toEqual([]);
    expect(print(back.program)).toBe(text);
  });

  test('property: generated programs sent through JSON are checked at their canonical positions', () => {
    fc.assert(
      fc.property(program, (p) => {
        const { program: back } = fromJson(toJson(p));
        const lines = print(back).split('\n').length;
        for (const d of check(back, getRegistry())) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines);
          // the node a diagnostic names is declared on its line or an edge there mentions it
          if (d.node && !d.message.startsWith('cycle')) expect(print(back).split('\n')[d.line - 1]).toContain(d.node);
        }
      }),
      { numRuns: 100 },
    );
  });

  test('property: fromJson(toJson(p)) gives back p', () => {
    fc.assert(
      fc.property(program, (p) => {
        const { program: back, diagnostics } = fromJson(toJson(p));
        expect(diagnostics).toEqual([]);
        expect(back).toEqual(stripLocs(p));
      }),
      { numRuns: 150 },
    );
  });

  test('invalid JSON is located at line:column', () => {
    const { diagnostics } = fromJson('{\n  "version": 1,\n  "nodes": [,]\n}');
    expect(diagnostics).toEqual([{ severity: 'error', message: "invalid JSON: expected a JSON value, found ','", line: 3, column: 13 }]);
    expect(fromJson('{"version": 1').diagnostics[0]).toMatchObject({
      line: 1,
      column: 14,
      message: "invalid JSON: expected ',' or '}', found end of input",
    });
  });

  test('shape errors name the JSON path and where it is', () => {
    const text = JSON.stringify(
      {
        version: 2,
        nodes: [
          { id: 'img', fn: 'LoadImage', params: { source: 'cat.jpg' } },
          { id: '9lives', fn: 'Cartoonize', params: { levels: [6] } },
          { id: 'ok', fn: 'Number', params: {}, colour: 'red' },
        ],
        edges: [{ from: { node: 'img' }, to: { node: 'ok', port: 'x' } }],
      },
      null,
      2,
    );
    const { program: p, diagnostics } = fromJson(text);
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(diagnostics.map((d) => [d.path, d.line])).toEqual([
      ['version', lineOf('"version"')],
      ['nodes[1].id', lineOf('"9lives"')],
      ['nodes[1].params.levels', lineOf('"levels"')],
      ['nodes[2].colour', lineOf('"colour"')],
      ['edges[0].from.port', lineOf('"from"')],
    ]);
    expect(diagnostics[1].message).toBe('nodes[1].id: id must be a name (letters, digits, _; not starting with a digit), got "9lives"');
    expect(diagnostics[2].message).toBe('nodes[1].params.levels: parameter levels must be a string, a finite number or a boolean, got [6]');
    // What is valid is kept, so the editor can still show it.
    expect(p.nodes.map((n) => n.id)).toEqual(['img', 'ok']);
  });

  test('an already parsed value is accepted too; non-objects are rejected cleanly', () => {
    expect(fromJson({ version: 1, nodes: [], edges: [] }).diagnostics).toEqual([]);
    for (const bad of [null, 3, 'nope', [], { version: 1 }]) {
      const { diagnostics } = fromJson(bad);
      expect(diagnostics.length).toBeGreaterThan(0);
      for (const d of diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
    }
  });

  test('fuzz: arbitrary JSON values and texts give only located diagnostics', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string(), fc.json()), (v) => {
        const text = typeof v === 'string' ? v : JSON.stringify(v);
        for (const input of [v, text]) {
          const { program: p, diagnostics } = fromJson(input);
          for (const d of [...diagnostics, ...check(p, getRegistry())]) {
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.column).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 200 },
    );
    expect(fromJson('['.repeat(100_000)).diagnostics[0].line).toBe(1);
  });
});
