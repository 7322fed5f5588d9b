// Command-line flags and shape text of `npm run bench`: what a user types, and the error they see when wrong.
import { describe, expect, test, vi } from 'vitest';
import { BenchArgsError, parseBenchArgs } from '../../../src/attention/bench/args';
import { formatShape, parseShape } from '../../../src/attention/bench/shape';

describe('parseShape', () => {
  test('reads every key, case-insensitively, and round-trips through formatShape', () => {
    const s = parseShape('B=2,h=8,KVH=2,Sq=77,Skv=129,D=80,causal=0');
    expect(s).toEqual({ B: 2, H: 8, KVH: 2, Sq: 77, Skv: 129, D: 80, causal: false });
    expect(parseShape(formatShape(s))).toEqual(s);
  });

  test('missing keys take the defaults; KVH follows a given H', () => {
    expect(parseShape('Sq=64,Skv=64')).toMatchObject({ B: 1, H: 4, KVH: 2, Sq: 64, Skv: 64, D: 64, causal: true });
    expect(parseShape('H=6')).toMatchObject({ H: 6, KVH: 6 });
  });

  test('names the bad item', () => {
    expect(() => parseShape('B=1,H=four')).toThrow(/H=four must be a positive whole number/);
    expect(() => parseShape('B=1,X=3')).toThrow(/unknown key "X"/);
    expect(() => parseShape('B=1,Sq')).toThrow(/item "Sq" is not KEY=VALUE/);
    expect(() => parseShape('causal=2')).toThrow(/causal=2 must be 0 or 1/);
    expect(() => parseShape('D=0')).toThrow(/D=0/);
    expect(() => parseShape('B=1,B=2')).toThrow(/B is given twice/);
  });
});

describe('parseBenchArgs', () => {
  test('defaults: browser runtime, full suite, no JSON file', () => {
    expect(parseBenchArgs([])).toEqual({ runtime: 'browser', quick: false, shapes: [], help: false });
  });

  test('all flags, repeated shapes, and --flag=value', () => {
    const a = parseBenchArgs([
      '--runtime',
      'node',
      '--quick',
      '--shape',
      'B=1,H=4,KVH=2,Sq=256,Skv=256,D=64,causal=1',
      '--shape=Sq=1,Skv=4096,causal=0',
      '--json',
      'out/bench.json',
    ]);
    expect(a.runtime).toBe('node');
    expect(a.quick).toBe(true);
    expect(a.json).toBe('out/bench.json');
    expect(a.shapes).toEqual([
      { B: 1, H: 4, KVH: 2, Sq: 256, Skv: 256, D: 64, causal: true },
      { B: 1, H: 4, KVH: 2, Sq: 1, Skv: 4096, D: 64, causal: false },
    ]);
  });

  test('bad flags are BenchArgsErrors with a message a person can act on', () => {
    const bad: [string[], RegExp][] = [
      [['--fast'], /unknown argument "--fast"/],
      [['--runtime', 'deno'], /--runtime deno: use "browser" or "node"/],
      [['--json'], /--json needs a value/],
      [['--shape', '--quick'], /--shape needs a value/],
      [['--shape', 'B=1,Q=2'], /--shape: shape "B=1,Q=2": unknown key "Q"/],
    ];
    for (const [argv, message] of bad) {
      const err = (() => {
        try {
          parseBenchArgs(argv);
        } catch (e) {
          return e;
        }
      })();
      expect(err, argv.join(' ')).toBeInstanceOf(BenchArgsError);
      expect((err as Error).message).toMatch(message);
    }
  });
});

describe('bench-cli main', () => {
  const capture = async (argv: string[], env: Record<string, string> = {}) => {
    const { main } = await import('../../../src/attention/bench-cli');
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      return { code: await main(argv), out: out.join('\n'), err: err.join('\n') };
    } finally {
      process.env = saved;
      log.mockRestore();
      error.mockRestore();
    }
  };

  test('a bad flag: the message and the usage, status 2, no stack trace', async () => {
    const r = await capture(['--quick', '--shape', 'B=1,H=x']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^bench: --shape: shape "B=1,H=x": H=x must be a positive whole number/);
    expect(r.err).toContain('usage: npm run bench');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  test('--help prints the usage and succeeds', async () => {
    const r = await capture(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--runtime node');
  });

  test('the browser runtime without a build says to build first', async () => {
    const r = await capture(['--quick'], { PLAYGROUND_DIST: '/nonexistent/attention-bench-dist' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/index\.html is missing: run "npm run build" first/);
  });
});
