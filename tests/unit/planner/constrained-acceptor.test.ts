// The constrained-decoding grammar (src/workflow/planner/constrained): whatever it accepts to the end parses and
// checks with no errors against the real function registry, and a walk over the bytes it allows never gets stuck.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { analyse } from '../../../src/workflow/lang';
import { getRegistry } from '../../../src/workflow/functions';
import { ProgramAcceptor, type AcceptorState } from '../../../src/workflow/planner/constrained/acceptor';
import { finishNumber, numberComplete, numberPrefixOk, type NumberSpec } from '../../../src/workflow/planner/constrained/number';

const registry = getRegistry();
const acceptor = new ProgramAcceptor(registry);
const bytes = (text: string) => new TextEncoder().encode(text);

function feed(text: string, s: AcceptorState = acceptor.start()): AcceptorState | undefined {
  let state: AcceptorState | undefined = s;
  for (const b of bytes(text)) state = state && acceptor.next(state, b);
  return state;
}

const accepts = (text: string) => {
  const s = feed(text);
  return s !== undefined && acceptor.canEnd(s);
};

function allowedBytes(s: AcceptorState): number[] {
  const out: number[] = [];
  for (let b = 0; b < 256; b++) if (acceptor.next(s, b)) out.push(b);
  return out;
}

const errors = (text: string) => analyse(text, registry).diagnostics.filter((d) => d.severity === 'error');

describe('acceptor: examples', () => {
  test('a checked program is accepted; the end only once every input is connected', () => {
    const text =
      'img = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=6)\nclip = AnimateImage(frames=48, motion="zoom-in")\nimg.image -> toon.image\ntoon.image -> clip.image';
    expect(errors(text)).toEqual([]);
    expect(accepts(text)).toBe(true);
    expect(accepts(`${text}\n`)).toBe(true);
    // One edge short: valid prefix, but no end.
    const short = text.split('\n').slice(0, 4).join('\n');
    expect(feed(short)).toBeDefined();
    expect(accepts(short)).toBe(false);
    expect(accepts('')).toBe(false);
  });

  test.each([
    ['unknown function', 'a = Nope('],
    ['uppercase id', 'A = TextInput()'],
    ['unknown parameter', 'a = TextInput(size=1)'],
    ['parameter twice', 'a = Cartoonize(levels=3, levels=4)'],
    ['out of range', 'n = LoadImage(source="x")\nb = BlurImage(radius=65'],
    ['not a whole number', 'n = LoadImage(source="x")\nb = BlurImage(radius=1.'],
    ['not a choice', 'n = LoadImage(source="x")\nb = StyleFilter(style="neon'],
    ['missing required parameter', 'n = LoadImage()'],
    ['a function whose input nothing produces', 'c = Cartoonize('],
    ['type mismatch', 't = TextInput(text="x")\nn = LoadImage(source="x")\nb = BlurImage()\nt.text -> b.image'],
    ['edge backwards (a cycle)', 'n = LoadImage(source="x")\nb = BlurImage()\nc = BlurImage()\nn.image -> b.image\nc.image -> b'],
    ['input connected twice', 'n = LoadImage(source="x")\nb = BlurImage()\nn.image -> b.image\nn.image -> b.image'],
    ['duplicate id', 'n = LoadImage(source="x")\nn '],
    ['single quotes', "n = LoadImage(source='"],
    ['an escape in a string', 'n = LoadImage(source="a\\'],
  ])('refuses %s', (_what, text) => {
    expect(feed(text)).toBeUndefined();
  });

  test('numbers: a prefix only if some completion is in range (and whole where required)', () => {
    const levels = registry.get('Cartoonize')!.params.find((p) => p.name === 'levels') as NumberSpec; // 2..16 integer
    expect(numberPrefixOk('1', levels)).toBe(true); // 10..16
    expect(numberPrefixOk('17', levels)).toBe(false);
    expect(numberPrefixOk('-', levels)).toBe(false);
    expect(numberComplete('1', levels)).toBe(false);
    expect(numberComplete('16', levels)).toBe(true);
    const temperature = registry.get('Softmax')!.params[0] as NumberSpec; // 0.001..1000
    expect(numberPrefixOk('0.000', temperature)).toBe(false);
    expect(numberPrefixOk('0.00', temperature)).toBe(true);
    expect(finishNumber('', temperature)).toBe('0.001'); // digits first: small values
    expect(finishNumber('0', temperature)).toBe('.001');
    expect(numberComplete('1000', temperature)).toBe(true);
    expect(numberComplete('1000.1', temperature)).toBe(false);
    const brightness = registry.get('AdjustImage')!.params[0] as NumberSpec; // -1..1
    expect(numberComplete('-0.5', brightness)).toBe(true);
    expect(numberPrefixOk('-1.', brightness)).toBe(true); // -1.0
    expect(numberPrefixOk('-1.1', brightness)).toBe(false);
  });
});

describe('acceptor: properties over the real registry', () => {
  // A random walk: at each byte one of the allowed bytes (or the end, where allowed), with a byte budget handled
  // as the decoder does it (settle before each step).
  const walk = (seed: number, budget: number, endBias: number) => {
    let rand = seed >>> 0 || 1;
    const next = () => (rand = (Math.imul(rand, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    let s = acceptor.start();
    const out: number[] = [];
    for (;;) {
      s = acceptor.settle(s, budget - out.length - 1, 1);
      const allowed = allowedBytes(s);
      const canEnd = acceptor.canEnd(s);
      if (!allowed.length && !canEnd) throw new Error(`stuck after ${JSON.stringify(new TextDecoder().decode(Uint8Array.from(out)))}`);
      if (canEnd && (!allowed.length || next() < endBias)) break;
      const b = allowed[Math.floor(next() * allowed.length)];
      out.push(b);
      s = acceptor.next(s, b)!;
    }
    return new TextDecoder().decode(Uint8Array.from(out));
  };

  test('every walk ends within its budget in a program that parses and checks with no errors', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 120, max: 600 }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        (seed, budget, endBias) => {
          const text = walk(seed, budget, endBias);
          expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(budget);
          expect(errors(text), text).toEqual([]);
          expect(analyse(text, registry).program.nodes.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 30 },
    );
  });

  test('from any state a walk can reach the end: the forced closing is always accepted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 0, max: 200 }), (seed, steps) => {
        let rand = seed;
        let s = acceptor.start();
        for (let i = 0; i < steps; i++) {
          const allowed = allowedBytes(s);
          if (!allowed.length) break;
          rand = (Math.imul(rand, 1664525) + 1013904223) >>> 0;
          s = acceptor.next(s, allowed[rand % allowed.length])!;
        }
        const closing = acceptor.completion(s);
        let t: AcceptorState | undefined = s;
        for (const b of closing) t = t && acceptor.next(t, b);
        expect(t).toBeDefined();
        expect(acceptor.canEnd(t!)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('retrieval of the functions shown in the prompt', () => {
  test('the named operations come first, and a source for what they need is added', async () => {
    const { relevantFunctions } = await import('../../../src/workflow/planner/retrieve-functions');
    const blur = relevantFunctions('blur this photo and make it sepia', registry);
    expect(blur.slice(0, 2)).toEqual(['BlurImage', 'StyleFilter']);
    expect(blur).toContain('LoadImage');
    expect(relevantFunctions('make a 3D mesh from this photo', registry).slice(0, 1)).toEqual(['DepthToMesh']);
    expect(relevantFunctions('translate this sentence into French', registry)[0]).toBe('Translate');
    // Whatever the instruction, every required input of a shown function can be fed from the shown ones.
    for (const q of ['blur this photo', 'read "good morning" aloud', 'plot a histogram of a random tensor', 'compose a melody', 'xyzzy']) {
      const shown = relevantFunctions(q, registry);
      const types = new Set<string>();
      for (let grew = true; grew;) {
        grew = false;
        for (const n of shown) {
          const sig = registry.get(n)!;
          if (sig.inputs.every((p) => p.optional || types.has(p.type)))
            for (const o of sig.outputs) if (!types.has(o.type)) (types.add(o.type), (grew = true));
        }
      }
      for (const n of shown)
        for (const p of registry.get(n)!.inputs) if (!p.optional) expect(types, `${q}: ${n}.${p.name}`).toContain(p.type);
    }
  });
});
