// Typed uniform structs (src/gpu/uniform.ts): layout from the WGSL declaration, the host's fields checked against
// it, values checked when written.
import { expect, test } from 'vitest';
import { uniformStruct, wgslStructLayout } from '../../src/gpu/uniform';

const WGSL = `
struct Params {
  width: u32,            // comment, with a comma
  scale: f32,
  origin: vec2<f32>,
  colour: vec4f,
  radius: i32,
  pad0: u32,
}`;

test('offsets and size follow WGSL alignment (vec2 on 8, vec4 on 16, size rounded to the largest alignment)', () => {
  const { fields, size } = wgslStructLayout(WGSL, 'Params');
  expect(fields.map((f) => [f.name, f.offset])).toEqual([
    ['width', 0],
    ['scale', 4],
    ['origin', 8],
    ['colour', 16],
    ['radius', 32],
    ['pad0', 36],
  ]);
  expect(size).toBe(48);
});

test('writes by field name at the WGSL offsets; padding and unwritten vectors stay zero', () => {
  const P = uniformStruct(WGSL.replace('origin: vec2<f32>,', 'pad1: vec2<f32>,').replace('colour: vec4f,', 'pad2: vec4f,'), 'Params', {
    width: 'u32',
    scale: 'f32',
    radius: 'i32',
  });
  const view = new DataView(P.bytes({ width: 640, scale: 0.5, radius: -3 }));
  expect(view.byteLength).toBe(48);
  expect([view.getUint32(0, true), view.getFloat32(4, true), view.getInt32(32, true), view.getUint32(36, true)]).toEqual([640, 0.5, -3, 0]);
});

test('a host that disagrees with the WGSL struct is refused when the kernel module loads', () => {
  const fields = { width: 'u32', scale: 'f32', radius: 'i32' } as const;
  const src = 'struct Params { width: u32, scale: f32, radius: i32 }';
  expect(() => uniformStruct(src, 'Params', { ...fields, height: 'u32' }, 'k')).toThrow(
    'k Params: the host writes "height", which the WGSL struct does not have',
  );
  expect(() => uniformStruct(src, 'Params', { ...fields, scale: 'u32' }, 'k')).toThrow(
    'k Params.scale: the host writes u32, the WGSL struct declares f32',
  );
  expect(() => uniformStruct(src, 'Params', { width: 'u32', scale: 'f32' }, 'k')).toThrow(
    'k Params.radius: declared in WGSL but never written by the host',
  );
  expect(() => uniformStruct(src, 'Other', fields)).toThrow('no "struct Other { ... }"');
  expect(() => uniformStruct('struct Params { m: mat2x2<f32> }', 'Params', {})).toThrow(
    'member "m: mat2x2<f32>" is not a scalar or vector',
  );
});

test('values are checked when written: u32 and i32 integers in range, f32 finite', () => {
  const P = uniformStruct('struct Params { n: u32, s: f32, r: i32 }', 'Params', { n: 'u32', s: 'f32', r: 'i32' }, 'k');
  expect(() => P.bytes({ n: -1, s: 0, r: 0 })).toThrow('k Params.n = -1: must be an integer from 0 to 2^32 - 1');
  expect(() => P.bytes({ n: 1.5, s: 0, r: 0 })).toThrow('k Params.n = 1.5');
  expect(() => P.bytes({ n: 0, s: Number.NaN, r: 0 })).toThrow('k Params.s = NaN: must be a finite number');
  expect(() => P.bytes({ n: 0, s: 0, r: 2 ** 31 })).toThrow('k Params.r = 2147483648: must be a 32-bit signed integer');
  expect(P.bytes({ n: 2 ** 32 - 1, s: 1e30, r: -(2 ** 31) }).byteLength).toBe(16);
});
