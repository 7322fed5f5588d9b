// What the lang worker answers for the Workflows tab, run here in Node on the real registry.
import { expect, test } from 'vitest';
import { langApi } from '../../../src/workflow/ui/lang-api';
import { getRegistry } from '../../../src/workflow/functions';
import { MAX_PROGRAM_BYTES } from '../../../src/workflow/lang';

const api = langApi(getRegistry());

test('analyse: diagnostics sorted, syntax errors listed apart', () => {
  const r = api.analyse('n = Number(value=2)\nm = Number(value=)\nn.value -> q.a');
  expect(r.syntax.map((d) => `${d.line}:${d.column}`)).toEqual(['2:18']);
  expect(r.diagnostics.map((d) => d.line)).toEqual([2, 3]);
  expect(r.program.nodes.map((n) => n.id)).toEqual(['n']);
});

test('importProgram: JSON printed canonically; errors summarised with a count; size capped', () => {
  const json = JSON.stringify({ version: 1, nodes: [{ id: 'n', fn: 'Number', params: { value: 2 } }], edges: [] });
  expect(api.importProgram('p.json', json)).toEqual({ ok: true, text: 'n = Number(value=2)\n', nodes: 1 });
  const bad = JSON.stringify({ version: 1, nodes: Array.from({ length: 9 }, (_, k) => ({ id: `${k}x`, fn: 'Number' })), edges: [] });
  const r = api.importProgram('bad.json', bad);
  expect(r).toMatchObject({ ok: false });
  if (!r.ok) expect(r.message).toMatch(/^bad\.json is not a valid program: nodes\[0\]\.id .* \(and 4 more\)$/);
  expect(api.importProgram('p.alang', 'n = Number(value=2)')).toEqual({ ok: true, text: 'n = Number(value=2)', nodes: 1 });
  expect(api.importProgram('huge.alang', 'x'.repeat(MAX_PROGRAM_BYTES + (1 << 20)))).toEqual({
    ok: false,
    message: 'huge.alang is 17.0 MB; programs are limited to 16.0 MB',
  });
});

test('exportJson is the JSON form of the text', () => {
  expect(JSON.parse(api.exportJson('n = Number(value=2)'))).toEqual({
    version: 1,
    nodes: [{ id: 'n', fn: 'Number', params: { value: 2 } }],
    edges: [],
  });
});

test('a big program comes back to the page as counts and its first nodes and diagnostics only', () => {
  const lines = Array.from({ length: 1500 }, (_, k) => `n${k} = Number(value=${k})`);
  for (let k = 0; k < 1500; k++) lines.push(`m${k}.value -> n${k}.value`);
  const r = api.analyse(lines.join('\n'));
  expect(r.complete).toBe(false);
  expect(r.nodeCount).toBe(1500);
  expect(r.program.nodes).toHaveLength(200);
  expect(r.program.edges).toEqual([]);
  expect(r.diagnosticCount).toBe(3000); // unknown node, and n.value is an output, per edge
  expect(r.errorCount).toBe(3000);
  expect(r.diagnostics).toHaveLength(1000);
  const run = api.runnable(lines.join('\n'));
  expect(run).toMatchObject({ ok: false, errorCount: 3000, first: { line: 1501, column: 1 } });
  const ok = api.runnable('n = Number(value=2)');
  expect(ok).toEqual({ ok: true, program: { version: 1, nodes: [{ id: 'n', fn: 'Number', params: { value: 2 } }], edges: [] } });
});
