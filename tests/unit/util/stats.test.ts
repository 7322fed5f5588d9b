// The one median: middle value; mean of the two middle values for even counts; NaN for none; input untouched.
import { expect, test } from 'vitest';
import { median } from '../../../src/util/stats';
import { Rng } from '../../../src/util/random';

test('odd and even counts, unsorted input, no values', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(median([7])).toBe(7);
  expect(median([])).toBeNaN();
  const xs = [5, -1, 3];
  median(xs);
  expect(xs).toEqual([5, -1, 3]);
});

test('seeded random arrays: as many values at or below the median as at or above it', () => {
  const rng = new Rng(12);
  for (let trial = 0; trial < 200; trial++) {
    const xs = Array.from({ length: rng.int(1, 40) }, () => rng.int(-20, 20));
    const m = median(xs);
    const below = xs.filter((x) => x <= m).length;
    const above = xs.filter((x) => x >= m).length;
    expect(below).toBeGreaterThanOrEqual(xs.length / 2);
    expect(above).toBeGreaterThanOrEqual(xs.length / 2);
    expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
    expect(m).toBeLessThanOrEqual(Math.max(...xs));
  }
});
