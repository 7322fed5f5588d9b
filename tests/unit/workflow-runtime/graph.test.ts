// Graph-view edits are program edits: each returns new program text that parses to the edited program,
// keeps comments, and leaves the rest untouched.
import { expect, test } from 'vitest';
import { parse } from '../../../src/workflow/lang';
import { getRegistry } from '../../../src/workflow/functions';
import { addNode, connect, edgeId, graphOf, layeredLayout, removeItems } from '../../../src/workflow/ui/graph';

const TEXT = `# the seed
img = LoadImage(source="cat.jpg")
toon = Cartoonize(levels=6)  # flat colours
clip = AnimateImage(frames=24)
img.image -> toon.image
toon.image -> clip.image
`;
const program = () => parse(TEXT).program;

test('graphOf: one node per statement with typed ports, one edge per connection, layered left to right', () => {
  const g = graphOf(program(), getRegistry(), { nodes: {} });
  expect(g.nodes.map((n) => n.id)).toEqual(['img', 'toon', 'clip']);
  expect(g.nodes[1]).toMatchObject({ fn: 'Cartoonize', params: 'levels=6', inputs: [{ name: 'image', type: 'Image' }], known: true });
  expect(g.edges.map((e) => [e.id, e.type])).toEqual([
    ['img.image->toon.image', 'Image'],
    ['toon.image->clip.image', 'Image'],
  ]);
  const xs = g.nodes.map((n) => n.x);
  expect(xs[0]).toBeLessThan(xs[1]);
  expect(xs[1]).toBeLessThan(xs[2]);
  // A saved position wins over the automatic layout.
  expect(graphOf(program(), getRegistry(), { nodes: { toon: { x: 5, y: 7 } } }).nodes[1]).toMatchObject({ x: 5, y: 7 });
});

test('layeredLayout terminates on a cycle', () => {
  const cyc = parse('a = Case()\nb = Case()\na.text -> b.text\nb.text -> a.text').program;
  expect(Object.keys(layeredLayout(cyc))).toEqual(['a', 'b']);
});

test('connect adds an edge (replacing the one into that input) and keeps comments', () => {
  const text = connect(program(), { node: 'img', port: 'image' }, { node: 'clip', port: 'image' });
  const p = parse(text);
  expect(p.diagnostics).toEqual([]);
  expect(p.program.edges.map(edgeId)).toEqual(['img.image->toon.image', 'img.image->clip.image']);
  expect(text).toContain('# the seed');
  expect(text).toContain('# flat colours');
});

test('removeItems deletes nodes with their edges, and edges alone', () => {
  const noToon = parse(removeItems(program(), new Set(['toon']), new Set())).program;
  expect(noToon.nodes.map((n) => n.id)).toEqual(['img', 'clip']);
  expect(noToon.edges).toEqual([]);
  const oneEdge = parse(removeItems(program(), new Set(), new Set(['toon.image->clip.image']))).program;
  expect(oneEdge.nodes).toHaveLength(3);
  expect(oneEdge.edges.map(edgeId)).toEqual(['img.image->toon.image']);
});

test('addNode picks a fresh id', () => {
  const first = addNode(program(), 'Grayscale');
  expect(first.id).toBe('grayscale1');
  const second = addNode(parse(first.text).program, 'Grayscale');
  expect(second.id).toBe('grayscale2');
  expect(parse(second.text).program.nodes.map((n) => n.fn)).toEqual(['LoadImage', 'Cartoonize', 'AnimateImage', 'Grayscale', 'Grayscale']);
});
