// Every checker diagnostic, located at line:column with its node (and port), against a small registry.
import { describe, expect, test } from 'vitest';
import { analyse, check, fromJson, parse, programOutputs } from '../../../src/workflow/lang';
import type { Diagnostic, FunctionSignature, Registry } from '../../../src/workflow/lang';

const sig = (s: Partial<FunctionSignature> & Pick<FunctionSignature, 'name'>): FunctionSignature => ({
  category: 'image',
  doc: '',
  inputs: [],
  outputs: [],
  params: [],
  example: '',
  ...s,
});

const registry: Registry = new Map(
  [
    sig({ name: 'LoadImage', outputs: [{ name: 'image', type: 'Image' }], params: [{ name: 'source', type: 'string', required: true }] }),
    sig({
      name: 'Cartoonize',
      inputs: [{ name: 'image', type: 'Image' }],
      outputs: [{ name: 'image', type: 'Image' }],
      params: [{ name: 'levels', type: 'number', integer: true, min: 2, max: 16, default: 6 }],
    }),
    sig({
      name: 'AnimateImage',
      inputs: [{ name: 'image', type: 'Image' }],
      outputs: [{ name: 'video', type: 'Video' }],
      params: [
        { name: 'motion', type: 'choice', choices: ['zoom-in', 'zoom-out', 'pan-left', 'pan-right'], default: 'zoom-in' },
        { name: 'fps', type: 'number', min: 1 },
        { name: 'loop', type: 'boolean', default: false },
      ],
    }),
    sig({
      name: 'Caption',
      inputs: [
        { name: 'image', type: 'Image' },
        { name: 'hint', type: 'Text', optional: true },
      ],
      outputs: [{ name: 'text', type: 'Text' }],
    }),
    sig({
      name: 'Depth',
      inputs: [{ name: 'image', type: 'Image' }],
      outputs: [
        { name: 'depth', type: 'Image' },
        { name: 'mesh', type: 'Mesh' },
      ],
    }),
    sig({
      name: 'Blend',
      inputs: [
        { name: 'a', type: 'Image' },
        { name: 'b', type: 'Image' },
      ],
      outputs: [{ name: 'image', type: 'Image' }],
    }),
  ].map((s) => [s.name, s]),
);

const SEED =
  'img = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=6)\nclip = AnimateImage(motion="zoom-in")\n\nimg.image -> toon.image\ntoon.image -> clip.image\n';

/** Diagnostics of `text` as compact rows: [line, column, severity, node, port, message]. */
function diags(text: string): Diagnostic[] {
  return analyse(text, registry).diagnostics;
}

function only(text: string): Diagnostic {
  const d = diags(text);
  expect(d, JSON.stringify(d)).toHaveLength(1);
  return d[0];
}

describe('check', () => {
  test('the seed program is clean and its output is the video', () => {
    expect(diags(SEED)).toEqual([]);
    expect(programOutputs(parse(SEED).program, registry)).toEqual([{ node: 'clip', port: 'video', type: 'Video' }]);
  });

  test('unknown function, with the closest name', () => {
    const d = only('img = LoadImag(source="a.png")');
    expect(d).toMatchObject({ severity: 'error', line: 1, column: 7, node: 'img' });
    expect(d.message).toBe("unknown function 'LoadImag'; did you mean 'LoadImage'?");
    expect(only('x = Frobnicate()').message).toBe("unknown function 'Frobnicate'");
  });

  test('unknown parameter, with the closest name or the list', () => {
    expect(only('t = LoadImage(source="a", sorce="b")')).toMatchObject({
      line: 1,
      column: 27,
      node: 't',
      port: 'sorce',
      message: "LoadImage has no parameter 'sorce'; did you mean 'source'?",
    });
    expect(only('t = LoadImage(source="a", width=3)').message).toBe("LoadImage has no parameter 'width' (LoadImage takes: source)");
  });

  test('wrong parameter type, range, integer, choice', () => {
    const base = 'img = LoadImage(source="a")\n';
    const edge = '\nimg.image -> t.image';
    expect(only(`${base}t = Cartoonize(levels="six")${edge}`)).toMatchObject({
      line: 2,
      column: 16,
      node: 't',
      port: 'levels',
      message: 't.levels must be a number, got "six"',
    });
    expect(only(`${base}t = Cartoonize(levels=40)${edge}`).message).toBe('t.levels must be between 2 and 16, got 40');
    expect(only(`${base}t = Cartoonize(levels=1)${edge}`).message).toBe('t.levels must be between 2 and 16, got 1');
    expect(only(`${base}t = Cartoonize(levels=6.5)${edge}`).message).toBe('t.levels must be a whole number, got 6.5');
    expect(only(`${base}t = AnimateImage(fps=0)${edge}`).message).toBe('t.fps must be at least 1, got 0');
    expect(only(`${base}t = AnimateImage(motion="zoom")${edge}`).message).toBe(
      't.motion must be one of "zoom-in", "zoom-out", "pan-left", "pan-right", got "zoom"; did you mean \'zoom-in\'?',
    );
    expect(only(`${base}t = AnimateImage(motion=3)${edge}`).message).toMatch(/t.motion must be one of .*, got 3$/);
    expect(only(`${base}t = AnimateImage(loop="yes")${edge}`).message).toBe('t.loop must be true or false, got "yes"');
    expect(only('img = LoadImage(source=1)').message).toBe('img.source must be a string (in double quotes), got 1');
  });

  test('missing required parameter', () => {
    expect(only('img = LoadImage()')).toMatchObject({
      line: 1,
      column: 1,
      node: 'img',
      port: 'source',
      message: "img = LoadImage(…) is missing the required parameter 'source'",
    });
  });

  test('unknown node and port in an edge, both sides', () => {
    const text = 'img = LoadImage(source="a")\nt = Cartoonize()\n';
    expect(only(`${text}im.image -> t.image`)).toMatchObject({
      line: 3,
      column: 1,
      node: 'im',
      message: "unknown node 'im'; did you mean 'img'?",
    });
    expect(only(`${text}img.image -> tt.image\nimg.image -> t.image`)).toMatchObject({
      line: 3,
      column: 14,
      node: 'tt',
      message: "unknown node 'tt'; did you mean 't'?",
    });
    expect(only(`${text}img.img -> t.image`)).toMatchObject({
      line: 3,
      column: 1,
      node: 'img',
      port: 'img',
      message: "LoadImage has no output port 'img'; did you mean 'image'?",
    });
    expect(diags(`${text}img.image -> t.picture`)).toMatchObject([
      { line: 2, column: 1, node: 't', port: 'image', message: 'missing input: t.image (Image) is not connected' },
      { line: 3, column: 14, node: 't', port: 'picture', message: "Cartoonize has no input port 'picture' (inputs: image)" },
    ]);
    const reversed = diags(`${text}t.image -> img.image\nimg.image -> t.image`);
    expect(reversed.map((d) => d.message)).toEqual(["LoadImage has no input port 'image' ('image' is an output; inputs: none)"]);
  });

  test('type mismatch names both types', () => {
    const d = only('img = LoadImage(source="a")\nclip = AnimateImage()\nc = Caption()\nimg.image -> clip.image\nclip.video -> c.image');
    expect(d).toMatchObject({ severity: 'error', line: 5, column: 15, node: 'c', port: 'image' });
    expect(d.message).toBe('type mismatch: clip.video is Video but c.image expects Image');
  });

  test('missing required input; optional inputs may stay open', () => {
    expect(only('t = Cartoonize()')).toMatchObject({
      line: 1,
      column: 1,
      node: 't',
      port: 'image',
      message: 'missing input: t.image (Image) is not connected',
    });
    expect(diags('img = LoadImage(source="a")\nc = Caption()\nimg.image -> c.image')).toEqual([]);
  });

  test('an input connected twice', () => {
    const d = only('a = LoadImage(source="a")\nb = LoadImage(source="b")\nt = Cartoonize()\na.image -> t.image\nb.image -> t.image');
    expect(d).toMatchObject({ line: 5, column: 12, node: 't', port: 'image' });
    expect(d.message).toBe('input t.image is connected twice (already from a.image at 4:1)');
  });

  test('duplicate node names', () => {
    expect(only('img = LoadImage(source="a")\nimg = LoadImage(source="b")')).toMatchObject({
      line: 2,
      column: 1,
      node: 'img',
      message: "duplicate node name 'img' (first defined at 1:1)",
    });
  });

  test('cycles name the nodes in order, including a node feeding itself', () => {
    const d = diags(
      'a = Cartoonize()\nb = Cartoonize()\nc = Cartoonize()\na.image -> b.image\nb.image -> c.image\nc.image -> a.image',
    ).filter((x) => x.message.startsWith('cycle'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ line: 4, column: 1, node: 'a' });
    expect(d[0].message).toMatch(/^cycle: a -> b -> c -> a/);
    expect(only('x = Cartoonize()\nx.image -> x.image').message).toMatch(/^cycle: x -> x/);
  });

  test('unused outputs are warnings; outputs of final nodes are the results', () => {
    const text = 'img = LoadImage(source="a")\nd = Depth()\nt = Cartoonize()\nimg.image -> d.image\nd.depth -> t.image';
    const d = only(text);
    expect(d).toMatchObject({
      severity: 'warning',
      line: 2,
      column: 1,
      node: 'd',
      port: 'mesh',
      message: 'unused output: d.mesh (Mesh) is not connected',
    });
    expect(programOutputs(parse(text).program, registry)).toEqual([
      { node: 'd', port: 'mesh', type: 'Mesh' },
      { node: 't', port: 'image', type: 'Image' },
    ]);
  });

  test('diagnostics come sorted by position and one mistake gives one error', () => {
    const d = diags('a = LoadImage(source="a")\nb = Blend()\nx.image -> b.a\na.image -> b.b');
    expect(d.map((x) => `${x.line}:${x.column} ${x.message}`)).toEqual(["3:1 unknown node 'x'"]);
  });

  test('a program from JSON is located as in its canonical text', () => {
    const { program, diagnostics } = fromJson({
      version: 1,
      nodes: [
        { id: 'img', fn: 'LoadImage', params: { source: 'a' } },
        { id: 't', fn: 'Cartoonize', params: { levels: 99 } },
      ],
      edges: [{ from: { node: 'img', port: 'image' }, to: { node: 't', port: 'image' } }],
    });
    expect(diagnostics).toEqual([]);
    expect(check(program, registry)).toEqual([
      { severity: 'error', message: 't.levels must be between 2 and 16, got 99', line: 2, column: 16, node: 't', port: 'levels' },
    ]);
  });
});

test('analyse: a node whose line does not parse is not reported again where edges name it', () => {
  const d = diags('img = LoadImage(source="a")\nt = Cartoonize(levels=)\nimg.image -> t.image\nimg.image -> u.image');
  expect(d.map((x) => `${x.line}:${x.column} ${x.message}`)).toEqual([
    "2:23 expected a value (string, number, true or false) for levels, found ')'",
    "4:14 unknown node 'u'",
  ]);
});

test('the doc-comment example of check, against the real registry', async () => {
  const { getRegistry } = await import('../../../src/workflow/functions');
  const text = 't = TextInput(text="6")\nx = Number(value=7)\np = Math(op="mul")\nt.text -> p.a\nx.value -> p.b';
  expect(check(parse(text).program, getRegistry())).toEqual([
    { severity: 'error', message: 'type mismatch: t.text is Text but p.a expects Number', line: 4, column: 11, node: 'p', port: 'a' },
  ]);
});
