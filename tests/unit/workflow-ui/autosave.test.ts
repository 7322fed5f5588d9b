// Autosave against a Storage with a real quota (bytes counted as the browser does, 2 per UTF-16 unit):
// failures are reported and keep the last good save, the history is bounded, and a second tab's save is
// kept in the history instead of being overwritten (no last-writer-wins).
import { describe, expect, test } from 'vitest';
import { Autosave, HISTORY_KEY, HISTORY_MAX, HISTORY_MAX_CHARS, REVISION_KEY, TEXT_KEY } from '../../../src/workflow/ui/autosave';

/** localStorage stand-in: one shared map per "origin", with a quota in bytes like the browser's. */
class QuotaStorage {
  items = new Map<string, string>();
  constructor(private quota = 5_000_000) {}
  private used(except?: string) {
    let n = 0;
    for (const [k, v] of this.items) if (k !== except) n += 2 * (k.length + v.length);
    return n;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.used(k) + 2 * (k.length + v.length) > this.quota)
      throw new DOMException(`Setting the value of '${k}' exceeded the quota.`, 'QuotaExceededError');
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

describe('autosave', () => {
  test('saves and loads; a reload (a new Autosave) gets the program back', () => {
    const store = new QuotaStorage();
    const a = new Autosave(store, 'a');
    expect(a.load()).toBeUndefined();
    expect(a.save('n = Number(value=1)')).toEqual({ ok: true });
    expect(new Autosave(store, 'a2').load()).toBe('n = Number(value=1)');
  });

  test('a program over the quota: a clear failure with the size, and the last good save stays', () => {
    const store = new QuotaStorage(1_000_000);
    const a = new Autosave(store, 'a');
    a.load();
    expect(a.save('good = Number(value=1)')).toEqual({ ok: true });
    const big = 'x'.repeat(600_000); // 1.2 MB as stored
    const r = a.save(big);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toMatch(
        /^Autosave failed \(QuotaExceededError: .*\): the program \(1\.1 MB as stored\) does not fit .* Export it to keep it/,
      );
    expect(new Autosave(store, 'b').load()).toBe('good = Number(value=1)');
    expect(new Autosave(undefined, 'c').save('x')).toMatchObject({ ok: false, message: /Autosave is off/ });
  });

  test('history makes room for the program: oldest entries go first', () => {
    const store = new QuotaStorage(1_000_000);
    const a = new Autosave(store, 'a', () => 1);
    a.load();
    for (let k = 0; k < 4; k++) a.snapshot(`p${k} `.repeat(25_000), `v${k}`); // ~100k chars each
    expect(a.history()).toHaveLength(4);
    expect(a.save('y'.repeat(200_000))).toEqual({ ok: true });
    const left = a.history().map((h) => h.reason);
    expect(left.length).toBeLessThan(4);
    expect(left).toEqual(['v3', 'v2', 'v1', 'v0'].slice(0, left.length)); // newest kept
  });

  test('history is bounded in entries and characters, newest first, no duplicates', () => {
    const store = new QuotaStorage();
    let t = 0;
    const a = new Autosave(store, 'a', () => ++t);
    for (let k = 0; k < HISTORY_MAX + 5; k++) a.snapshot(`n = Number(value=${k})`, `v${k}`);
    a.snapshot('n = Number(value=3)', 'again');
    const h = a.history();
    expect(h).toHaveLength(HISTORY_MAX);
    expect(h[0]).toMatchObject({ reason: 'again', text: 'n = Number(value=3)' });
    expect(h.filter((x) => x.text === 'n = Number(value=3)')).toHaveLength(1);
    a.snapshot('z'.repeat(HISTORY_MAX_CHARS - 10), 'big');
    expect(a.history().reduce((n, x) => n + x.text.length, 0)).toBeLessThanOrEqual(HISTORY_MAX_CHARS);
    expect(a.snapshot('z'.repeat(HISTORY_MAX_CHARS + 1), 'too big')).toBe(false);
    store.items.set(HISTORY_KEY, '{not json');
    expect(a.history()).toEqual([]);
  });

  test("two tabs: a save over another tab's newer save keeps theirs in the history; the storage event names it", () => {
    const store = new QuotaStorage();
    const one = new Autosave(store, 'one');
    const two = new Autosave(store, 'two');
    one.load();
    two.load();
    expect(one.save('a = Number(value=1)')).toEqual({ ok: true });
    // Tab two hears about it (the browser's storage event) and gets the text.
    const event = { key: REVISION_KEY, newValue: store.getItem(REVISION_KEY) };
    expect(two.external(event)).toBe('a = Number(value=1)');
    expect(one.external(event)).toBeUndefined(); // its own save
    expect(two.external({ key: TEXT_KEY, newValue: 'x' })).toBeUndefined();
    // Tab two keeps its own work and saves: tab one's program is not lost.
    expect(two.save('b = Number(value=2)')).toEqual({ ok: true });
    expect(two.history()[0]).toMatchObject({ reason: 'saved by another tab', text: 'a = Number(value=1)' });
    // Tab one, after adopting, saves without another snapshot of the same text.
    one.adopt();
    one.save('c = Number(value=3)');
    expect(one.history().map((h) => h.text)).toEqual(['a = Number(value=1)']);
  });

  test('layout: round trip, garbage falls back, quota ignored', () => {
    const store = new QuotaStorage(200);
    const a = new Autosave(store, 'a');
    a.saveLayout({ nodes: { n: { x: 1, y: 2 } } });
    expect(a.loadLayout()).toEqual({ nodes: { n: { x: 1, y: 2 } } });
    expect(() =>
      a.saveLayout({ nodes: Object.fromEntries(Array.from({ length: 50 }, (_, k) => [`n${k}`, { x: k, y: k }])) }),
    ).not.toThrow();
    store.items.set('webgpu-playground.workflow.layout', 'nope');
    expect(a.loadLayout()).toEqual({ nodes: {} });
  });
});

test('a storage that refuses every write, even the history shrinking, still ends in a reported failure', () => {
  const items = new Map<string, string>([[HISTORY_KEY, JSON.stringify([{ at: 1, reason: 'r', text: 'old' }])]]);
  const store = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: () => {
      throw new DOMException('full', 'QuotaExceededError');
    },
    removeItem: () => {
      throw new DOMException('no', 'SecurityError');
    },
  };
  const r = new Autosave(store, 'a').save('x = Number(value=1)');
  expect(r).toMatchObject({ ok: false, message: /^Autosave failed \(QuotaExceededError: full\)/ });
});
