// The function registry and the functions that need no media APIs: text, numbers, tensors, plots.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyse, type FunctionDef, type ParamValue, type Value, type ValueOf } from '../../../src/workflow/lang';
import { getRegistry, registerFunction } from '../../../src/workflow/functions/implementations';
import { getRegistry as getSignatures } from '../../../src/workflow/functions';
import { SIGNATURES_FILE, signaturesJson } from '../../../src/workflow/functions/gen-signatures';
import { standaloneContext } from '../../../src/workflow/functions/registry';

const ctx = standaloneContext();
const text = (t: string): Value => ({ type: 'Text', text: t });
const num = (v: number): Value => ({ type: 'Number', value: v });
const tensor = (shape: number[], data: number[]): Value => ({ type: 'Tensor', shape, data: Float32Array.from(data) });

async function run(name: string, inputs: Record<string, Value>, params: Record<string, ParamValue> = {}) {
  const fn = getRegistry().get(name);
  if (!fn) throw new Error(`${name} is not registered`);
  return fn.run(inputs, params, ctx);
}
const runText = async (name: string, inputs: Record<string, Value>, params: Record<string, ParamValue> = {}) =>
  ((await run(name, inputs, params)).text as ValueOf<'Text'>).text;

const MINE = [
  'TextInput',
  'Concat',
  'Template',
  'Case',
  'Replace',
  'WordCount',
  'Number',
  'Math',
  'FormatNumber',
  'RandomTensor',
  'TensorStats',
  'Softmax',
  'MatMul',
  'LinePlot',
  'Histogram',
];

describe('registry', () => {
  const exampleErrors = (fn: FunctionDef) => {
    const errors = analyse(fn.example, getRegistry()).diagnostics.filter((d) => d.severity === 'error');
    const uses = new RegExp(`= ${fn.name}\\(`).test(fn.example) ? [] : [`the example does not use ${fn.name}`];
    return [...errors.map((d) => `${d.line}:${d.column} ${d.message}`), ...uses];
  };

  test('these modules register their functions, each with a doc and an example that checks clean', () => {
    for (const name of [...MINE, 'LoadImage', 'Cartoonize', 'AnimateImage']) {
      const fn = getRegistry().get(name);
      expect(fn, name).toBeDefined();
      expect(fn!.doc.length, name).toBeGreaterThan(0);
      expect(exampleErrors(fn!), `${name}:\n${fn!.example}`).toEqual([]);
    }
  });

  test('every registered function (from any module) has an example that checks clean', () => {
    const broken = [...getRegistry().values()].flatMap((fn) => exampleErrors(fn).map((e) => `${fn.name}: ${e}`));
    expect(broken).toEqual([]);
  });

  test('the seed signatures are declared with the issue’s ranges (as the page sees them)', () => {
    const [cartoonizeSignature, animateImageSignature, loadImageSignature] = ['Cartoonize', 'AnimateImage', 'LoadImage'].map((n) =>
      getSignatures().get(n)!,
    );
    expect(cartoonizeSignature.params).toContainEqual(expect.objectContaining({ name: 'levels', min: 2, max: 16 }));
    expect(animateImageSignature.params).toContainEqual(expect.objectContaining({ name: 'frames', min: 2, max: 240 }));
    expect(animateImageSignature.params).toContainEqual(
      expect.objectContaining({ name: 'motion', choices: ['zoom-in', 'zoom-out', 'pan-left', 'pan-right'] }),
    );
    expect(loadImageSignature.outputs).toEqual([{ name: 'image', type: 'Image', doc: 'RGBA pixels' }]);
    expect(animateImageSignature.outputs[0].type).toBe('Video');
  });

  test('the page’s signatures (signatures.json) are exactly those of the implementations', () => {
    // Fails after adding or changing a function until `npm run gen:signatures` is run.
    expect(readFileSync(SIGNATURES_FILE, 'utf8'), 'signatures.json is out of date: run npm run gen:signatures').toBe(signaturesJson());
    expect([...getSignatures().keys()]).toEqual([...getRegistry().keys()]);
  });

  test('malformed definitions and double registration are refused', () => {
    const base: FunctionDef = {
      name: 'TestBad',
      category: 'text',
      doc: '',
      inputs: [],
      outputs: [],
      params: [],
      example: '',
      run: async () => ({}),
    };
    expect(() => registerFunction({ ...base, name: 'bad name' })).toThrow('name must be an identifier');
    expect(() => registerFunction({ ...base, outputs: [{ name: 'x', type: 'Picture' as never }] })).toThrow(
      "port x has unknown type 'Picture'",
    );
    expect(() =>
      registerFunction({
        ...base,
        inputs: [
          { name: 'a', type: 'Text' },
          { name: 'a', type: 'Text' },
        ],
      }),
    ).toThrow("inputs name 'a' appears twice");
    expect(() => registerFunction({ ...base, params: [{ name: 'n', type: 'number', min: 0, max: 1, default: 5 }] })).toThrow(
      'default 5 is outside its range',
    );
    expect(() => registerFunction({ ...base, params: [{ name: 'c', type: 'choice', choices: ['a'], default: 'b' }] })).toThrow(
      'needs choices that include its default',
    );
    expect(() => registerFunction({ ...base, name: 'Concat' })).toThrow('function Concat is registered twice');
  });

  test('run receives defaults for parameters the program leaves out', async () => {
    expect(await runText('Concat', { a: text('a'), b: text('b') })).toBe('a b');
    expect(await runText('Concat', { a: text('a'), b: text('b') }, { separator: '+' })).toBe('a+b');
  });
});

describe('text functions', () => {
  test('TextInput, Concat, Case', async () => {
    expect(await runText('TextInput', {}, { text: 'hi' })).toBe('hi');
    expect(await runText('Case', { text: text('hello wORLD. again here') }, { mode: 'upper' })).toBe('HELLO WORLD. AGAIN HERE');
    expect(await runText('Case', { text: text('hello wORLD. again here') }, { mode: 'lower' })).toBe('hello world. again here');
    expect(await runText('Case', { text: text('hello wORLD. again here') }, { mode: 'title' })).toBe('Hello World. Again Here');
    expect(await runText('Case', { text: text('hello wORLD. again here') }, { mode: 'sentence' })).toBe('Hello world. Again here');
  });

  test('Template fills slots, keeps escaped braces, and says what is missing', async () => {
    expect(await runText('Template', { a: text('cat'), b: text('red') }, { template: 'a {b} {a} {{not a slot}}' })).toBe(
      'a red cat {not a slot}',
    );
    await expect(run('Template', { a: text('cat') }, { template: '{a} and {b}' })).rejects.toThrow(
      'template uses {b} but input b is not connected',
    );
    await expect(run('Template', {}, { template: '{who}' })).rejects.toThrow('template has {who}; the slots are {a}, {b} and {c}');
  });

  test('Replace is literal, optionally case-insensitive', async () => {
    expect(await runText('Replace', { text: text('a.b a.b axb $1') }, { find: 'a.b', with: '$1' })).toBe('$1 $1 axb $1');
    expect(await runText('Replace', { text: text('Dog dog') }, { find: 'dog', with: 'cat', ignoreCase: true })).toBe('cat cat');
    await expect(run('Replace', { text: text('x') }, { find: '' })).rejects.toThrow('find must not be empty');
  });

  test('WordCount', async () => {
    const count = async (t: string) => ((await run('WordCount', { text: text(t) })).count as ValueOf<'Number'>).value;
    expect(await count('')).toBe(0);
    expect(await count("  it's a well-known fact, 42 times — ok ")).toBe(7);
    expect(await count('naïve café über')).toBe(3);
  });
});

describe('number functions', () => {
  test('Number, Math, FormatNumber', async () => {
    expect((await run('Number', {}, { value: -2.5 })).value).toEqual(num(-2.5));
    const op = async (o: string, a: number, b: number) =>
      ((await run('Math', { a: num(a), b: num(b) }, { op: o })).value as ValueOf<'Number'>).value;
    expect([
      await op('add', 6, 7),
      await op('sub', 6, 7),
      await op('mul', 6, 7),
      await op('pow', 2, 10),
      await op('max', 2, 3),
      await op('mod', 7, 3),
    ]).toEqual([13, -1, 42, 1024, 3, 1]);
    await expect(op('div', 1, 0)).rejects.toThrow('div(1, 0) is not a finite number');
    expect(await runText('FormatNumber', { value: num(3.14159) }, { digits: 2, prefix: 'π ≈ ' })).toBe('π ≈ 3.14');
  });

  test('a wrong input type is a clear error', async () => {
    await expect(run('Math', { a: text('6'), b: num(1) })).rejects.toThrow("input 'a' expects Number, got Text");
    await expect(run('Math', { a: num(6) })).rejects.toThrow("input 'b' (Number) is not connected");
  });
});

describe('tensor functions', () => {
  test('RandomTensor is seeded, shaped and distributed as asked', async () => {
    const make = async (params: Record<string, ParamValue>) => (await run('RandomTensor', {}, params)).tensor as ValueOf<'Tensor'>;
    const a = await make({ rows: 64, cols: 64, seed: 9 });
    expect(a.shape).toEqual([64, 64]);
    expect(a.data).toEqual((await make({ rows: 64, cols: 64, seed: 9 })).data);
    expect(a.data).not.toEqual((await make({ rows: 64, cols: 64, seed: 10 })).data);
    expect(Math.min(...a.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a.data)).toBeLessThan(1);
    const n = await make({ rows: 64, cols: 64, seed: 1, distribution: 'normal' });
    const stats = await run('TensorStats', { tensor: n });
    expect((stats.mean as ValueOf<'Number'>).value).toBeCloseTo(0, 1);
    expect((stats.std as ValueOf<'Number'>).value).toBeGreaterThan(0.95);
    expect((stats.std as ValueOf<'Number'>).value).toBeLessThan(1.05);
  });

  test('TensorStats on known values', async () => {
    const s = await run('TensorStats', { tensor: tensor([2, 2], [1, 2, 3, 4]) });
    expect(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, (v as ValueOf<'Number'>).value]))).toEqual({
      mean: 2.5,
      std: Math.sqrt(1.25),
      min: 1,
      max: 4,
    });
  });

  test('Softmax: rows sum to 1, matches the formula, stable for large inputs', async () => {
    const out = (await run('Softmax', { tensor: tensor([2, 3], [1, 2, 3, 1000, 1000, 1000]) }, { temperature: 1 }))
      .tensor as ValueOf<'Tensor'>;
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
    const z = e[0] + e[1] + e[2];
    [e[0] / z, e[1] / z, e[2] / z, 1 / 3, 1 / 3, 1 / 3].forEach((v, i) => expect(out.data[i]).toBeCloseTo(v, 6));
    const cold = (await run('Softmax', { tensor: tensor([3], [1, 2, 3]) }, { temperature: 0.01 })).tensor as ValueOf<'Tensor'>;
    expect(cold.data[2]).toBeCloseTo(1, 6);
  });

  test('MatMul against a hand-computed product, and a shape error that names both shapes', async () => {
    const c = (await run('MatMul', { a: tensor([2, 3], [1, 2, 3, 4, 5, 6]), b: tensor([3, 2], [7, 8, 9, 10, 11, 12]) }))
      .tensor as ValueOf<'Tensor'>;
    expect(c.shape).toEqual([2, 2]);
    expect(Array.from(c.data)).toEqual([58, 64, 139, 154]);
    await expect(run('MatMul', { a: tensor([2, 3], [1, 2, 3, 4, 5, 6]), b: tensor([2, 2], [1, 2, 3, 4]) })).rejects.toThrow(
      "MatMul inner sizes differ: a is [2, 3], b is [2, 2] (a's columns must equal b's rows)",
    );
  });
});

describe('plot functions', () => {
  test('LinePlot: one series per row', async () => {
    const p = (await run('LinePlot', { tensor: tensor([2, 3], [1, 2, 3, 4, 5, 6]) }, { title: 't' })).plot as ValueOf<'Plot'>;
    expect(p).toEqual({
      type: 'Plot',
      title: 't',
      kind: 'line',
      series: [
        { name: 'row 0', x: [0, 1, 2], y: [1, 2, 3] },
        { name: 'row 1', x: [0, 1, 2], y: [4, 5, 6] },
      ],
    });
    await expect(run('LinePlot', { tensor: tensor([1, 1, 2], [1, 2]) })).rejects.toThrow(
      'LinePlot needs a 1-D or 2-D tensor, got shape [1, 1, 2]',
    );
  });

  test('Histogram: counts add up, bins span min..max', async () => {
    const p = (await run('Histogram', { tensor: tensor([6], [0, 1, 1, 2, 3, 4]) }, { bins: 4 })).plot as ValueOf<'Plot'>;
    expect(p.kind).toBe('bar');
    expect(p.series[0].x).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect(p.series[0].y).toEqual([1, 2, 1, 2]);
    const flat = (await run('Histogram', { tensor: tensor([3], [2, 2, 2]) }, { bins: 10 })).plot as ValueOf<'Plot'>;
    expect(flat.series[0].y).toEqual([3]);
  });
});
