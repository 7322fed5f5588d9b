/**
 * Kernel specialisation (code generation kept apart from the runtime): each shader in shaders/attention/
 * is plain WGSL that expects a few compile-time constants and the `elem` storage type; this prepends them and
 * resolves the shader's includes (src/gpu/wgsl.ts), keeping every line's origin for located errors.
 * Constants (not pipeline overrides) because they size private arrays, which overrides cannot.
 *
 * Example:
 *   specialize('attention/prefill.wgsl', prefillSource, 'f16', { D4: 16, BQ: 64, TK: 32, SPARSE: false }).code;
 *   // "enable f16;\nalias elem = f16;\nconst D4: u32 = 16u;\n...const SPARSE: bool = false;\n" + source
 */
import { assembleWgsl, wgslConstants, type WgslProgram } from '../../gpu/wgsl';
import type { AttentionDtype } from './shape';

/** `file` is the shader's path under shaders/ (for error messages). */
export function specialize(file: string, source: string, dtype: AttentionDtype, consts: Record<string, number | boolean>): WgslProgram {
  const types = dtype === 'f16' ? ['enable f16;', 'alias elem = f16;'] : ['alias elem = f32;'];
  return assembleWgsl(file, source, [...types, ...wgslConstants(consts)]);
}

/** f32 → IEEE half bits (round to nearest even), for uploading f16 storage. */
export function toHalfBits(data: Float32Array): Uint16Array {
  const out = new Uint16Array(data.length);
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < data.length; i++) {
    f[0] = data[i];
    const x = u[0];
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    let mant = x & 0x7fffff;
    if (exp === 0xff) {
      out[i] = sign | 0x7c00 | (mant ? 0x200 : 0);
      continue;
    }
    const e = exp - 127 + 15;
    if (e >= 0x1f) {
      out[i] = sign | 0x7c00;
      continue;
    }
    if (e <= 0) {
      if (e < -10) {
        out[i] = sign;
        continue;
      }
      mant |= 0x800000;
      const shift = 14 - e;
      let half = mant >>> shift;
      const rem = mant & ((1 << shift) - 1),
        mid = 1 << (shift - 1);
      if (rem > mid || (rem === mid && half & 1)) half++;
      out[i] = sign | half;
      continue;
    }
    let half = (e << 10) | (mant >>> 13);
    const rem = mant & 0x1fff;
    if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
    out[i] = sign | half;
  }
  return out;
}
