// Programs from outside are untrusted: huge, badly wired, deeply nested, with prototype names and terminal
// escapes. Each test replays one attack from issue 13 and checks that it now does no harm: the answer is
// complete and located, and the work grows with the input, not with its square.
//
// "Linear" is asserted two ways, neither a stopwatch on one run: the "did you mean" work is an exact count
// of edit distances (bounded by SUGGESTION_LIMITS whatever the program size), and for parse/JSON the time of
// an 8× larger input is compared with the 1× one (linear: ~8×; the old quadratic paths: ~64×; we allow 32×).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse, check, fromJson, MAX_JSON_DEPTH, parse, SUGGESTION_LIMITS } from '../../../src/workflow/lang';
import type { FunctionSignature, Registry } from '../../../src/workflow/lang';
import { main, terminalSafe } from '../../../src/workflow/cli';

const sig = (s: Partial<FunctionSignature> & Pick<FunctionSignature, 'name'>): FunctionSignature => ({
  category: 'number',
  doc: '',
  inputs: [],
  outputs: [],
  params: [],
  example: '',
  ...s,
});
const registry: Registry = new Map(
  [
    sig({ name: 'Num', outputs: [{ name: 'out', type: 'Number' }], params: [{ name: 'value', type: 'number', default: 0 }] }),
    sig({
      name: 'Add',
      inputs: [
        { name: 'a', type: 'Number' },
        { name: 'b', type: 'Number', optional: true },
      ],
      outputs: [{ name: 'out', type: 'Number' }],
    }),
    sig({ name: 'TextInput', outputs: [{ name: 'text', type: 'Text' }], params: [{ name: 'text', type: 'string', default: '' }] }),
  ].map((s) => [s.name, s]),
);

/** A chain of `n` Add nodes; every `badEvery`-th one also gets an edge from a node that does not exist. */
function chain(n: number, badEvery: number): string {
  const lines = ['n0 = Num(value=1)'];
  for (let k = 1; k < n; k++) lines.push(`n${k} = Add()`);
  for (let k = 1; k < n; k++) lines.push(`n${k - 1}.out -> n${k}.a`);
  for (let k = 1; k < n; k += badEvery) lines.push(`m${k}.out -> n${k}.b`);
  return lines.join('\n');
}

/**
 * How much longer `run(8)` takes than `run(1)`: fastest of five interleaved rounds each, so a burst of other
 * work on the machine disturbs both sizes alike. Linear code gives about 8; the old quadratic paths gave 64.
 */
function growthOf8x(run: (scale: 1 | 8) => void): number {
  let small = Infinity;
  let large = Infinity;
  for (let r = 0; r < 5; r++) {
    let t0 = performance.now();
    run(1);
    small = Math.min(small, performance.now() - t0);
    t0 = performance.now();
    run(8);
    large = Math.min(large, performance.now() - t0);
  }
  return large / small;
}
const LINEAR_ENOUGH = 32;

describe('checking is linear in the program', () => {
  test('100k nodes with 20k edges from unknown nodes: every error reported, suggestion work bounded', () => {
    const text = chain(100_000, 5);
    const stats = { comparisons: 0 };
    const { program, diagnostics: syntax } = parse(text);
    expect(syntax).toEqual([]);
    const found = check(program, registry, stats);
    const unknown = found.filter((d) => d.message.startsWith("unknown node 'm"));
    expect(unknown).toHaveLength(20_000);
    expect(unknown[0]).toMatchObject({ severity: 'error', line: 200_000, column: 1, node: 'm1' });
    // The first lookups still suggest (m1 → n1); the work is capped, not proportional to 20k × 100k names.
    expect(unknown[0].message).toBe("unknown node 'm1'; did you mean 'n1'?");
    expect(stats.comparisons).toBeGreaterThan(0);
    expect(stats.comparisons).toBeLessThanOrEqual(SUGGESTION_LIMITS.maxSuggestions * SUGGESTION_LIMITS.maxCandidates);
    expect(found).toHaveLength(20_000);
  });

  test('suggestion work does not grow with the number of node names', () => {
    // 400 unknown nodes either way; 4k or 32k node names to compare them with.
    const work = (n: number) => {
      const stats = { comparisons: 0 };
      check(parse(chain(n, n / 400)).program, registry, stats);
      return stats.comparisons;
    };
    const small = work(4_000);
    expect(small).toBe(SUGGESTION_LIMITS.maxSuggestions * SUGGESTION_LIMITS.maxCandidates);
    expect(work(32_000)).toBe(small);
  });

  test('a long cycle and many self-loops are found in linear time', () => {
    const n = 10_000;
    const lines: string[] = [];
    for (let k = 0; k < n; k++) lines.push(`c${k} = Add()`);
    for (let k = 0; k < n; k++) lines.push(`c${k}.out -> c${(k + 1) % n}.a`);
    for (let k = 0; k < n; k++) lines.push(`s${k} = Add()`, `s${k}.out -> s${k}.a`);
    const cycles = analyse(lines.join('\n'), registry).diagnostics.filter((d) => d.message.startsWith('cycle'));
    expect(cycles).toHaveLength(n + 1);
    expect(cycles[0].message).toMatch(/^cycle: c0 -> c1 -> c2 -> .* -> c9999 -> c0 /);
  });

  test('parse + check of 8× the program takes about 8× the time, not 64×', () => {
    expect(growthOf8x((x) => analyse(chain(3_000 * x, 3), registry))).toBeLessThan(LINEAR_ENOUGH);
  });

  test('a long line full of numbers tokenizes in linear time', () => {
    const line = (n: number) => `x = Num(${Array.from({ length: n }, (_, k) => `p${k}=${k}.5`).join(', ')})`;
    const r = parse(line(20_000));
    expect(r.diagnostics).toEqual([]);
    expect(Object.keys(r.program.nodes[0].params)).toHaveLength(20_000);
    expect(growthOf8x((x) => parse(line(6_000 * x)))).toBeLessThan(LINEAR_ENOUGH);
  });
});

describe('JSON import', () => {
  const withBadIds = (n: number) =>
    JSON.stringify(
      { version: 1, nodes: Array.from({ length: n }, (_, k) => ({ id: `${k}bad`, fn: 'Num', params: {} })), edges: [] },
      null,
      1,
    );

  test('20k bad ids: 20k located diagnostics, linear in the text', () => {
    const text = withBadIds(20_000);
    const { diagnostics } = fromJson(text);
    expect(diagnostics).toHaveLength(20_000);
    const last = diagnostics[19_999];
    expect(last.path).toBe('nodes[19999].id');
    // The position is that of the value in the text.
    const lines = text.split('\n');
    expect(lines[last.line - 1].slice(last.column - 1)).toMatch(/^"19999bad"/);
    expect(growthOf8x((x) => fromJson(withBadIds(1_250 * x)))).toBeLessThan(LINEAR_ENOUGH);
  });

  test('10k-deep JSON: "nesting too deep at …", located, no stack overflow', () => {
    const deep = '{"version":1,"nodes":[{"id":"a","fn":"Num","params":{"x":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}}],"edges":[]}';
    const { diagnostics } = fromJson(deep);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(
      new RegExp(`^invalid JSON: nesting too deep at nodes\\[0\\]\\.params\\.x(\\[0\\])+ \\(more than ${MAX_JSON_DEPTH} levels`),
    );
    expect(diagnostics[0].line).toBe(1);
    // Four levels (document, nodes, node, params) come before x; the first '[' too many is the one located.
    expect(diagnostics[0].column).toBe(deep.indexOf('[[') + (MAX_JSON_DEPTH - 4) + 1);
    // Nesting that programs use is fine.
    expect(fromJson('{"version":1,"nodes":[],"edges":[],"comments":[]}').diagnostics).toEqual([]);
  });

  test('a UTF-8 byte order mark is accepted in JSON and text', () => {
    expect(fromJson('\uFEFF{"version":1,"nodes":[{"id":"n","fn":"Num","params":{"value":2}}],"edges":[]}').diagnostics).toEqual([]);
    const r = parse('\uFEFFn = Num(value=2)');
    expect(r.diagnostics).toEqual([]);
    expect(r.program.nodes[0]).toMatchObject({ id: 'n', loc: { line: 1, column: 1 } });
  });
});

describe('names that are also JavaScript prototype properties are just names', () => {
  test('TextInput(constructor="x") is an unknown parameter, not a duplicate', () => {
    const d = analyse('t = TextInput(constructor="x")', registry).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0].message).toBe("TextInput has no parameter 'constructor' (TextInput takes: text)");
    for (const name of ['toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
      expect(analyse(`t = TextInput(${name}="x", text="y")`, registry).diagnostics.map((x) => x.message)).toEqual([
        `TextInput has no parameter '${name}' (TextInput takes: text)`,
      ]);
    }
    expect(parse('t = TextInput(text="a", text="b")').diagnostics[0].message).toBe("parameter 'text' is given twice");
    const json = fromJson({ version: 1, nodes: [{ id: 't', fn: 'TextInput', params: { constructor: 'x' } }], edges: [] });
    expect(json.diagnostics).toEqual([]);
    expect(Object.keys(json.program.nodes[0].params)).toEqual(['constructor']);
  });

  test('nodes called constructor, toString or valueOf are ordinary nodes', () => {
    const d = analyse(
      'constructor = Num(value=1)\ntoString = Add()\nconstructor.out -> toString.a\nvalueOf.out -> toString.b',
      registry,
    ).diagnostics;
    expect(d.map((x) => x.message)).toEqual(["unknown node 'valueOf'"]);
  });
});

describe('alang check on hostile files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alang-hostile-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('terminal escape sequences in a source line are printed as visible symbols', async () => {
    const f = join(dir, 'esc.alang');
    // The line tries to clear the screen and print a fake success message.
    await writeFile(f, 'a = Num(value=1)\nb = Add(\u001b[2J\u001b[Hall checks passed)\n\u009b31m');
    let err = '';
    const code = await main(['check', f], { out: () => {}, err: (t) => void (err += t) });
    expect(code).toBe(1);
    // eslint-disable-next-line no-control-regex -- the test looks for raw control characters
    expect(err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(err).toContain('␛[2J␛[Hall checks passed)');
    expect(terminalSafe('ok\u001b[31m\u202e\u0007')).toBe('ok␛[31m\ufffd␇');
  });

  test('a file with a UTF-8 BOM checks like one without', async () => {
    const f = join(dir, 'bom.alang');
    await writeFile(f, '\uFEFFn = Number(value=2)\n');
    let out = '';
    expect(await main(['check', f], { out: (t) => void (out += t), err: () => {} })).toBe(0);
    expect(out).toBe(`${f}: ok (1 nodes, 0 edges)\n`);
  });

  test('--json output larger than a pipe buffer arrives complete through a real pipe', async () => {
    const f = join(dir, 'many-errors.alang');
    const lines: string[] = [];
    for (let k = 0; k < 3000; k++) lines.push(`n${k} = Number(value=1)`, `x${k}.value -> y${k}.a`);
    await writeFile(f, lines.join('\n'));
    const { stdout, code } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        ['scripts/run-ts.mjs', 'src/workflow/cli.ts', 'check', f, '--json'],
        { maxBuffer: 64 * 1024 * 1024 },
        (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
      );
    });
    expect(code).toBe(1);
    expect(stdout.length).toBeGreaterThan(4 * 65_536);
    const [report] = JSON.parse(stdout);
    expect(report.diagnostics).toHaveLength(6000);
  });
});
