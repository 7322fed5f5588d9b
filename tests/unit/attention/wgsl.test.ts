// Kernel specialisation and the f16 upload path (CPU only: this machine's adapter has no shader-f16).
import { expect, test } from 'vitest';
import { specialize, toHalfBits } from '../../../src/attention/core/wgsl';

test('specialize prepends the storage type and constants; f16 enables the extension first', () => {
  const f16 = specialize('t.wgsl', 'fn main() {}', 'f16', { D4: 16, SPARSE: true }).code.split('\n');
  expect(f16.slice(0, 4)).toEqual(['enable f16;', 'alias elem = f16;', 'const D4: u32 = 16u;', 'const SPARSE: bool = true;']);
  expect(specialize('t.wgsl', '', 'f32', { BQ: 64 }).code.split('\n')[0]).toBe('alias elem = f32;');
  expect(() => specialize('t.wgsl', '', 'f32', { X: 1.5 })).toThrow(/X = 1\.5/);
});

test('toHalfBits rounds to the nearest f16 and keeps specials', () => {
  const cases: [number, number][] = [
    [1, 0x3c00],
    [-2, 0xc000],
    [0.1, 0x2e66],
    [65504, 0x7bff],
    [65520, 0x7c00],
    [1e6, 0x7c00],
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [5.960464477539063e-8, 0x0001],
    [1e-9, 0x0000],
    [6.103515625e-5, 0x0400],
    [1 + 2 ** -11, 0x3c00],
    [1 + 3 * 2 ** -11, 0x3c02],
    [-0, 0x8000],
  ];
  const bits = toHalfBits(Float32Array.from(cases.map(([x]) => x)));
  cases.forEach(([x, want], i) => expect(bits[i], `f16(${x})`).toBe(want));
  expect(toHalfBits(Float32Array.of(NaN))[0] & 0x7c00).toBe(0x7c00);
  expect(toHalfBits(Float32Array.of(NaN))[0] & 0x3ff).not.toBe(0);
});
