// The workflow executor on real registry functions: order, concurrency, caching, cancel, run-to-node,
// errors pinned to node and port. Programs are written in the A-Language text syntax and parsed by alang's parser.
import { describe, expect, test } from 'vitest';
import { parse, print } from '../../../src/workflow/lang';
import type { FunctionDef, ProgramJson } from '../../../src/workflow/lang/types';
import { getRegistry } from '../../../src/workflow/functions/implementations';
import { NodeCache } from '../../../src/workflow/runtime/cache';
import { ProgramStructureError, runProgram, type RunEvent, type RunOptions } from '../../../src/workflow/runtime/executor';
import { setWorkflowGpu } from '../../../src/workflow/functions/gpu/device';

// No GPU in these tests: GPU functions use their CPU reference (the WGSL is tested in gpu-functions.test.ts).
setWorkflowGpu(async () => undefined);

function program(text: string): ProgramJson {
  const { program, diagnostics } = parse(text);
  expect(diagnostics).toEqual([]);
  return program;
}

/**
 * `Wait`: passes its text through after `ms` milliseconds. The only function defined here: concurrency and
 * cancel need work that takes a known time, and it honours the abort signal like a real function should.
 */
const wait: FunctionDef = {
  name: 'Wait',
  category: 'text',
  doc: 'passes text through after ms milliseconds',
  inputs: [{ name: 'text', type: 'Text' }],
  outputs: [{ name: 'text', type: 'Text' }],
  params: [{ name: 'ms', type: 'number', default: 50 }],
  example: '',
  run: (inputs, params, ctx) =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => resolve({ text: inputs.text }), params.ms as number);
      ctx.signal.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))));
    }),
};
/** `Stubborn`: like Wait but ignores the abort signal, as a badly written function might. */
const stubborn: FunctionDef = {
  ...wait,
  name: 'Stubborn',
  run: (inputs, params) => new Promise((r) => setTimeout(() => r({ text: inputs.text }), params.ms as number)),
};

const lookup = (name: string) => (name === 'Wait' ? wait : name === 'Stubborn' ? stubborn : getRegistry().get(name));

function recorder() {
  const events: RunEvent[] = [];
  const ran = () => events.flatMap((e) => (e.type === 'node-status' && e.status === 'running' ? [e.node] : []));
  const statusOf = (node: string) =>
    events.filter((e) => e.type === 'node-status' && e.node === node).map((e) => (e as { status: string }).status);
  return { events, ran, statusOf, onEvent: (e: RunEvent) => events.push(e) };
}

const run = (p: ProgramJson, opts: Partial<RunOptions> = {}) => runProgram(p, { functions: lookup, ...opts });

const DIAMOND = `
a = TextInput(text="hello")
up = Case(mode="upper")
low = Case(mode="lower")
j = Concat(separator="+")
a.text -> up.text
a.text -> low.text
up.text -> j.a
low.text -> j.b
`;

describe('executor', () => {
  test('runs nodes in topological order and wires ports', async () => {
    const rec = recorder();
    const r = await run(program(DIAMOND), { onEvent: rec.onEvent });
    expect(r.ok).toBe(true);
    expect(r.outputs.get('j')?.text).toEqual({ type: 'Text', text: 'HELLO+hello' });
    const order = rec.ran();
    expect(order[0]).toBe('a');
    expect(order.at(-1)).toBe('j');
    // j starts only after both of its upstream nodes are done.
    const doneAt = (n: string) => rec.events.findIndex((e) => e.type === 'node-status' && e.node === n && e.status === 'done');
    const startAt = (n: string) => rec.events.findIndex((e) => e.type === 'node-status' && e.node === n && e.status === 'running');
    expect(startAt('j')).toBeGreaterThan(doneAt('up'));
    expect(startAt('j')).toBeGreaterThan(doneAt('low'));
    expect(rec.events.at(-1)).toMatchObject({ type: 'run-end', ok: true, cancelled: false });
  });

  test('independent branches run concurrently; concurrency=1 runs them one at a time', async () => {
    const text = `
a = TextInput(text="x")
w1 = Wait(ms=150)
w2 = Wait(ms=150)
a.text -> w1.text
a.text -> w2.text
`;
    const overlap = async (concurrency: number) => {
      const rec = recorder();
      const r = await run(program(text), { onEvent: rec.onEvent, concurrency });
      expect(r.ok).toBe(true);
      let running = 0,
        most = 0;
      for (const e of rec.events) {
        if (e.type !== 'node-status' || !e.node.startsWith('w')) continue;
        if (e.status === 'running') most = Math.max(most, ++running);
        if (e.status === 'done') running--;
      }
      return most;
    };
    expect(await overlap(4)).toBe(2);
    expect(await overlap(1)).toBe(1);
  });

  test('a re-run after a parameter change runs only that node and its downstream', async () => {
    const cache = new NodeCache();
    const text = `
img = LoadImage(source="cat.jpg")
small = ResizeImage(width=32, height=32)
gray = Grayscale()
soft = BlurImage(radius=1)
hist = ImageHistogram(bins=8)
img.image -> small.image
small.image -> gray.image
gray.image -> soft.image
small.image -> hist.image
`;
    const first = recorder();
    const r1 = await run(program(text), { cache, onEvent: first.onEvent });
    expect(r1.ok).toBe(true);
    expect(first.ran().sort()).toEqual(['gray', 'hist', 'img', 'small', 'soft']);

    const second = recorder();
    const r2 = await run(program(text.replace('radius=1', 'radius=2')), { cache, onEvent: second.onEvent });
    expect(second.ran()).toEqual(['soft']);
    for (const n of ['img', 'small', 'gray', 'hist']) expect(second.statusOf(n)).toContain('cached');
    // The new blur really differs from the old one.
    expect(r2.outputs.get('soft')!.image).not.toEqual(r1.outputs.get('soft')!.image);

    // A change upstream re-runs everything below it, but not the unrelated branch's source.
    const third = recorder();
    await run(program(text.replace('width=32, height=32', 'width=24, height=24')), { cache, onEvent: third.onEvent });
    expect(third.ran().sort()).toEqual(['gray', 'hist', 'small', 'soft']);

    // Keys are position-independent: renaming nodes and reordering lines hits the cache.
    const renamed = `
s2 = ResizeImage(height=32, width=32)
source = LoadImage(source="cat.jpg")
source.image -> s2.image
`;
    const fourth = recorder();
    await run(program(renamed), { cache, onEvent: fourth.onEvent });
    expect(fourth.ran()).toEqual([]);
    expect(fourth.statusOf('s2')).toContain('cached');
  });

  test('writing a default parameter out or leaving it gives the same cache key', async () => {
    const cache = new NodeCache();
    await run(program('a = TextInput(text="q")\nb = Case()\na.text -> b.text'), { cache });
    const rec = recorder();
    await run(program('a = TextInput(text="q")\nb = Case(mode="upper")\na.text -> b.text'), { cache, onEvent: rec.onEvent });
    expect(rec.ran()).toEqual([]);
  });

  test('cancel stops the run: running nodes are cancelled, queued ones never start', async () => {
    const controller = new AbortController();
    const rec = recorder();
    const text = `
a = TextInput(text="x")
w = Wait(ms=5000)
after = Case()
a.text -> w.text
w.text -> after.text
`;
    const t0 = Date.now();
    const pending = run(program(text), { signal: controller.signal, onEvent: rec.onEvent });
    setTimeout(() => controller.abort(), 100);
    const r = await pending;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.cancelled).toBe(true);
    expect(r.ok).toBe(false);
    expect(r.status.get('w')).toBe('cancelled');
    expect(r.status.get('after')).toBe('cancelled');
    expect(rec.ran()).not.toContain('after');
    expect(rec.events.at(-1)).toMatchObject({ type: 'run-end', cancelled: true });
  });

  test('cancel returns promptly even when a function ignores the signal', async () => {
    const controller = new AbortController();
    const text = 'a = TextInput(text="x")\ns = Stubborn(ms=5000)\na.text -> s.text';
    const t0 = Date.now();
    const pending = run(program(text), { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const r = await pending;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.status.get('s')).toBe('cancelled');
  });

  test('run to a node runs only that node and its ancestors', async () => {
    const rec = recorder();
    const r = await run(program(DIAMOND), { target: 'up', onEvent: rec.onEvent });
    expect(r.ok).toBe(true);
    expect(rec.ran().sort()).toEqual(['a', 'up']);
    expect(r.outputs.get('up')?.text).toEqual({ type: 'Text', text: 'HELLO' });
    expect(r.status.has('low')).toBe(false);
    await expect(run(program(DIAMOND), { target: 'nope' })).rejects.toThrow(/no node "nope"/);
  });

  test('a failing node is pinned to its node and port with its inputs; its downstream is skipped, other branches run', async () => {
    const text = `
img = LoadImage(source="cat.jpg")
crop = CropImage(x=200, y=0, width=100, height=50)
gray = Grayscale()
side = Grayscale()
img.image -> crop.image
crop.image -> gray.image
img.image -> side.image
`;
    const rec = recorder();
    const r = await run(program(text), { onEvent: rec.onEvent });
    expect(r.ok).toBe(false);
    expect(r.errors).toHaveLength(1);
    const err = r.errors[0];
    expect(err).toMatchObject({ node: 'crop', fn: 'CropImage', port: 'image' });
    expect(err.message).toContain('crop 100×50 at (200, 0) reaches outside the 256×256 image');
    expect(err.inputs).toEqual({ image: 'Image 256×256' });
    expect(err.params).toMatchObject({ x: 200, width: 100 });
    expect(r.status.get('gray')).toBe('skipped');
    expect(r.status.get('side')).toBe('done');
    expect(rec.events.some((e) => e.type === 'node-error' && e.error.node === 'crop')).toBe(true);
  });

  test('a missing required input and an unknown function are pinned to node and port', async () => {
    const r = await run(program('g = Grayscale()\nx = NoSuchThing()\n'));
    expect(r.errors.find((e) => e.node === 'g')).toMatchObject({ port: 'image', message: 'input "image" (Image) is not connected' });
    expect(r.errors.find((e) => e.node === 'x')?.message).toBe('unknown function "NoSuchThing"');
  });

  test('a cycle is refused with the nodes on it, never a hang', async () => {
    const text = 'a = Case()\nb = Case()\na.text -> b.text\nb.text -> a.text';
    await expect(run(program(text))).rejects.toThrow(ProgramStructureError);
    await expect(run(program(text))).rejects.toThrow(/cycle through a, b/);
  });

  test('each node gets its recipe: the sub-program that produces it', async () => {
    const recipes = new Map<string, string>();
    const spy: FunctionDef = {
      ...wait,
      name: 'Spy',
      run: async (inputs, _p, ctx) => (recipes.set('spy', (ctx as unknown as { recipe: string }).recipe), { text: inputs.text }),
    };
    const p = program('a = TextInput(text="x")\nb = TextInput(text="unrelated")\ns = Spy()\na.text -> s.text');
    await runProgram(p, { functions: (n) => (n === 'Spy' ? spy : getRegistry().get(n)), recipeOf: print });
    const recipe = recipes.get('spy')!;
    expect(recipe).toContain('a = TextInput(text="x")');
    expect(recipe).toContain('a.text -> s.text');
    expect(recipe).not.toContain('unrelated');
  });

  test('per-node timing is reported for every node that ran', async () => {
    const jobs: string[] = [];
    const r = await run(program(DIAMOND), { onJob: (j) => jobs.push(`${j.node}:${j.fn}:${j.ms >= 0}`) });
    expect(jobs.sort()).toEqual(['a:TextInput:true', 'j:Concat:true', 'low:Case:true', 'up:Case:true']);
    expect([...r.ms.keys()].sort()).toEqual(['a', 'j', 'low', 'up']);
  });
});
