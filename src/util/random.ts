/**
 * Seeded randomness, the one implementation the project uses: the same seed gives the same sequence
 * in Node, workers and the page (environments, traces, test models, random tensors).
 *
 * Example:
 *   const next = mulberry32(7);    // next() → uniform in [0, 1)
 *   const rng = new Rng(42);
 *   rng.int(0, 3);                 // 0, 1 or 2
 *   rng.pick(['OK', 'Cancel']);    // one of them
 *   rng.shuffle([1, 2, 3]);        // a new, shuffled array
 */

/** mulberry32: a small, fast generator of uniform numbers in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** mulberry32 with the helpers MiniWob's core.js offers (`randi`, `sample`, `shuffle`). */
export class Rng {
  /** Uniform in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    // Mix the seed so that nearby seeds (0, 1, 2 …) start far apart.
    this.next = mulberry32(Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35);
  }

  /** Integer in [lo, hi). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[this.int(0, items.length)];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** `n` distinct items, in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    if (n > items.length) throw new Error(`Rng.sample: asked for ${n} of ${items.length} items`);
    return this.shuffle(items).slice(0, n);
  }
}
