// The seeded RNG behind every task: reproducible, in range, and seeds that are close start far apart.
import { expect, test } from 'vitest';
import { Rng } from '../../../src/util/random';

test('same seed → same sequence; neighbouring seeds differ from the first draw', () => {
  const a = new Rng(7),
    b = new Rng(7);
  expect(Array.from({ length: 20 }, () => a.next())).toEqual(Array.from({ length: 20 }, () => b.next()));
  const firsts = new Set(Array.from({ length: 100 }, (_, s) => new Rng(s).int(0, 1_000_000)));
  expect(firsts.size).toBeGreaterThan(95);
});

test('int, pick, shuffle and sample stay in range and keep items', () => {
  const r = new Rng(1);
  const counts = [0, 0, 0];
  for (let i = 0; i < 3000; i++) counts[r.int(0, 3)]++;
  for (const c of counts) expect(c).toBeGreaterThan(800); // roughly uniform
  expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  const s = r.sample(['a', 'b', 'c', 'd'], 3);
  expect(new Set(s).size).toBe(3);
  expect(() => r.sample(['a'], 2)).toThrow(/asked for 2 of 1/);
  expect(() => r.pick([])).toThrow(/empty/);
});
