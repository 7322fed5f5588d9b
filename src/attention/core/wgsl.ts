/**
 * Kernel specialisation (code generation kept apart from the runtime): each shader in shaders/attention/
 * is plain WGSL that expects a few compile-time constants and the `elem` storage type; this prepends them.
 * Constants (not pipeline overrides) because they size private arrays, which overrides cannot.
 *
 * Example:
 *   specialize(prefillSource, 'f16', { D4: 16, BQ: 64, TK: 32, SPARSE: false });
 *   // "enable f16;\nalias elem = f16;\nconst D4: u32 = 16u;\n...const SPARSE: bool = false;\n" + source
 */
import type { AttentionDtype } from './shape';

export function specialize(source: string, dtype: AttentionDtype, consts: Record<string, number | boolean>): string {
  const lines = dtype === 'f16' ? ['enable f16;', 'alias elem = f16;'] : ['alias elem = f32;'];
  for (const [name, value] of Object.entries(consts)) {
    if (typeof value === 'boolean') lines.push(`const ${name}: bool = ${value};`);
    else if (Number.isInteger(value) && value >= 0) lines.push(`const ${name}: u32 = ${value}u;`);
    else throw new Error(`specialize: constant ${name} = ${value} must be a boolean or a non-negative integer`);
  }
  return lines.join('\n') + '\n' + source;
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
