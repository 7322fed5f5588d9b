/**
 * A small seeded random number generator (mulberry32) with the helpers MiniWob's core.js offers
 * (`randi`, `sample`, `shuffle`). Same seed → same sequence, in Node, workers and the page.
 *
 * Example:
 *   const rng = new Rng(42);
 *   rng.int(0, 3);                 // 0, 1 or 2
 *   rng.pick(['OK', 'Cancel']);    // one of them
 *   rng.shuffle([1, 2, 3]);        // a new, shuffled array
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    // Mix the seed so that nearby seeds (0, 1, 2 …) start far apart.
    this.state = (Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
