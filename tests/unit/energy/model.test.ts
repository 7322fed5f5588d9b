// The energy model's arithmetic: bands, the theoretical estimate, units, refusal of bad input, fallbacks.
import { describe, expect, test } from 'vitest';
import {
  estimateEnergy,
  powerClassFor,
  checkCustomWatts,
  checkGridIntensity,
  toWh,
  toGCo2e,
  formatSi,
  GPU_MODELS,
  DEFAULT_GRID_G_PER_KWH,
} from '../../../src/energy';

const swiftshader = { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true };

describe('power classes', () => {
  test('a picked model gives 0.5-0.8 × its rated power', () => {
    const c = powerClassFor(swiftshader, { kind: 'model', id: 'nvidia-rtx-a6000' });
    expect(c.kind).toBe('model');
    expect(c.wattsLow).toBeCloseTo(150);
    expect(c.wattsHigh).toBeCloseTo(240);
    expect(c.watts).toBeCloseTo(195);
    expect(c.tdpW).toBe(300);
    expect(c.peakFlops).toBeCloseTo(38.71e12);
  });

  test('SwiftShader and other fallback adapters get the CPU/software class', () => {
    expect(powerClassFor(swiftshader).id).toBe('cpu-software');
    expect(powerClassFor({ vendor: 'microsoft', architecture: 'warp', isFallbackAdapter: false }).id).toBe('cpu-software');
    expect(powerClassFor({ vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: true }).id).toBe('cpu-software');
  });

  test('a missing or unknown adapter falls back to the stated default class', () => {
    for (const a of [
      null,
      undefined,
      { vendor: 'acme', architecture: 'x1', isFallbackAdapter: false },
      { vendor: '', architecture: '', isFallbackAdapter: false },
    ]) {
      const c = powerClassFor(a);
      expect(c.id).toBe('unknown');
      expect(c.wattsLow).toBe(50);
      expect(c.wattsHigh).toBe(200);
      expect(c.basis).toMatch(/could not be identified/);
    }
  });

  test('an unknown model id in a remembered choice falls back to identification', () => {
    expect(powerClassFor(swiftshader, { kind: 'model', id: 'no-such-gpu' }).id).toBe('cpu-software');
  });

  test('vendor + architecture spans every listed model of that architecture', () => {
    const c = powerClassFor({ vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false });
    const ampere = GPU_MODELS.filter((m) => m.architecture === 'ampere').map((m) => m.watts);
    expect(c.kind).toBe('architecture');
    expect(c.wattsLow).toBeCloseTo(0.5 * Math.min(...ampere));
    expect(c.wattsHigh).toBeCloseTo(0.8 * Math.max(...ampere));
    // Only the vendor known: wider than the architecture class.
    const v = powerClassFor({ vendor: 'nvidia', architecture: 'blackwell', isFallbackAdapter: false });
    expect(v.kind).toBe('vendor');
    expect(v.wattsHigh - v.wattsLow).toBeGreaterThan(c.wattsHigh - c.wattsLow);
  });

  test('every data entry has a source and positive watts', () => {
    expect(GPU_MODELS.length).toBeGreaterThanOrEqual(20);
    for (const v of ['nvidia', 'amd', 'intel', 'apple']) expect(GPU_MODELS.some((m) => m.vendor === v)).toBe(true);
    expect(GPU_MODELS.some((m) => m.segment === 'mobile')).toBe(true);
    for (const m of GPU_MODELS) {
      expect(m.watts).toBeGreaterThan(0);
      expect(m.source.length).toBeGreaterThan(10);
      // Integrated and Apple parts must say their watts are not GPU-only.
      if (m.vendor === 'apple') expect(m.powerKind).toBe('system-max');
    }
  });
});

describe('estimateEnergy', () => {
  test('E = t × P with the band, and the paper’s theoretical estimate with the ratio', () => {
    const powerClass = powerClassFor(null, { kind: 'model', id: 'nvidia-rtx-a6000' });
    const e = estimateEnergy({ gpuMs: 2000, flops: 1e12, powerClass });
    expect(e.low).toBeCloseTo(300);
    expect(e.high).toBeCloseTo(480);
    expect(e.joules).toBeCloseTo(390);
    expect(e.watts).toBeCloseTo(195);
    expect(e.theoreticalJoules).toBeCloseTo((300 / 38.71e12) * 1e12);
    expect(e.ratio).toBeCloseTo(390 / ((300 / 38.71e12) * 1e12));
  });

  test('no theoretical estimate without FLOPs or without a published peak', () => {
    const noPeak = powerClassFor(null, { kind: 'model', id: 'intel-arc-a770' });
    expect(estimateEnergy({ gpuMs: 10, flops: 1e9, powerClass: noPeak }).theoreticalJoules).toBeUndefined();
    const a6000 = powerClassFor(null, { kind: 'model', id: 'nvidia-rtx-a6000' });
    expect(estimateEnergy({ gpuMs: 10, powerClass: a6000 }).ratio).toBeUndefined();
  });

  test('refuses a negative or NaN time', () => {
    const c = powerClassFor(null);
    expect(() => estimateEnergy({ gpuMs: -1, powerClass: c })).toThrow(/gpuMs/);
    expect(() => estimateEnergy({ gpuMs: NaN, powerClass: c })).toThrow(/gpuMs/);
    expect(estimateEnergy({ gpuMs: 0, powerClass: c }).joules).toBe(0);
  });

  test('units: Wh and gCO2e', () => {
    expect(toWh(3600)).toBe(1);
    expect(toGCo2e(3.6e6, DEFAULT_GRID_G_PER_KWH)).toBeCloseTo(475);
    expect(formatSi(0.0123, 'J')).toBe('12.3 mJ');
    expect(formatSi(4560, 'J')).toBe('4.56 kJ');
    expect(formatSi(4.85e6, 'J')).toBe('4.85 MJ');
  });
});

describe('bad input is refused with a message', () => {
  test.each([
    ['-5', /not positive/],
    ['0', /not positive/],
    ['NaN', /not a number/],
    ['', /not a number/],
    ['abc', /not a number/],
    ['100000', /outside 1-1500 W/],
    ['0.2', /outside/],
  ])('custom watts %s', (input, why) => {
    const r = checkCustomWatts(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(why);
    expect(() => powerClassFor(null, { kind: 'custom', watts: Number(input) })).toThrow(RangeError);
  });

  test('good custom watts give 0.5-0.8 × the typed power', () => {
    expect(checkCustomWatts(' 150 ')).toEqual({ ok: true, watts: 150 });
    const c = powerClassFor(null, { kind: 'custom', watts: 150 });
    expect([c.wattsLow, c.wattsHigh]).toEqual([75, 120]);
  });

  test.each([['-1'], ['0'], ['NaN'], ['1e9'], ['Infinity']])('grid intensity %s', (input) => {
    const r = checkGridIntensity(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/Grid intensity/);
  });

  test('a plausible grid intensity is accepted', () => {
    expect(checkGridIntensity('56')).toEqual({ ok: true, gPerKWh: 56 });
  });
});
