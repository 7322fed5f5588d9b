/**
 * Typed uniform structs: host code writes a WGSL struct by field name instead of packing words by position.
 * The layout (offsets, alignment, size) is computed from the WGSL declaration itself, and the host's field list is
 * checked against it when the kernel module loads: a field the host names that the struct lacks, a type that
 * differs, or a struct field the host never writes (other than `pad…` padding) throws there, not as wrong numbers
 * on the GPU. Values are checked when written (u32 / i32 integers in range, f32 finite).
 *
 * Example:
 *   // WGSL: struct Params { M: u32, N: u32, K: u32, rowOffset: u32 }
 *   const MatmulParams = uniformStruct(source, 'Params', { M: 'u32', N: 'u32', K: 'u32', rowOffset: 'u32' }, 'lm/matmul');
 *   const buf = MatmulParams.create(device, { M: 8, N: 64, K: 32, rowOffset: 0 });
 *   MatmulParams.write(device, buf, { M: 1, N: 64, K: 32, rowOffset: 7 });
 */
import { createBufferFrom } from './buffers';

export type WgslScalar = 'u32' | 'i32' | 'f32';

interface StructField {
  name: string;
  type: string;
  offset: number;
}

// Alignment and size of the WGSL types a uniform struct of ours may hold (WGSL spec, "Alignment and Size").
const LAYOUT: Record<string, { align: number; size: number }> = {
  u32: { align: 4, size: 4 },
  i32: { align: 4, size: 4 },
  f32: { align: 4, size: 4 },
  vec2: { align: 8, size: 8 },
  vec3: { align: 16, size: 12 },
  vec4: { align: 16, size: 16 },
};

const roundUp = (n: number, to: number) => Math.ceil(n / to) * to;

/** Members of `struct name { ... }` in `wgsl`, with their byte offsets, and the struct's size. */
export function wgslStructLayout(wgsl: string, name: string): { fields: StructField[]; size: number } {
  const text = wgsl.replace(/\/\/.*$/gm, '');
  const match = new RegExp(`\\bstruct\\s+${name}\\s*\\{([^}]*)\\}`).exec(text);
  if (!match) throw new Error(`uniform struct ${name}: no "struct ${name} { ... }" in the shader`);
  const fields: StructField[] = [];
  let offset = 0;
  let structAlign = 4;
  for (const member of match[1].split(',').map((m) => m.trim())) {
    if (!member) continue;
    const m = /^(\w+)\s*:\s*(\w+)(?:<(\w+)>)?$/.exec(member);
    // vec4f / vec4<f32> / vec2u ... share the layout of their width.
    const kind = m && (/^vec[234][fiu]?$/.test(m[2]) ? m[2].slice(0, 4) : m[2]);
    if (!m || !kind || !LAYOUT[kind])
      throw new Error(`uniform struct ${name}: member "${member}" is not a scalar or vector of 32-bit values`);
    const { align, size } = LAYOUT[kind];
    offset = roundUp(offset, align);
    fields.push({ name: m[1], type: m[3] ? `${m[2]}<${m[3]}>` : m[2], offset });
    offset += size;
    structAlign = Math.max(structAlign, align);
  }
  return { fields, size: roundUp(offset, structAlign) };
}

export class UniformStruct<F extends string> {
  constructor(
    /** For messages: kernel and struct, e.g. "lm/matmul Params". */
    readonly label: string,
    readonly fields: readonly { name: F; type: WgslScalar; offset: number }[],
    /** Bytes of the WGSL struct. */
    readonly size: number,
  ) {}

  /** The struct's bytes, padded to a multiple of 16 (uniform buffers); padding fields are zero. */
  bytes(values: Record<F, number>): ArrayBuffer {
    const buf = new ArrayBuffer(roundUp(Math.max(this.size, 16), 16));
    const view = new DataView(buf);
    for (const f of this.fields) {
      const v = values[f.name];
      if (f.type === 'f32') {
        if (!Number.isFinite(v)) throw new Error(`${this.label}.${f.name} = ${v}: must be a finite number`);
        view.setFloat32(f.offset, v, true);
      } else if (f.type === 'u32') {
        if (!Number.isInteger(v) || v < 0 || v > 0xffffffff)
          throw new Error(`${this.label}.${f.name} = ${v}: must be an integer from 0 to 2^32 - 1`);
        view.setUint32(f.offset, v, true);
      } else {
        if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31)
          throw new Error(`${this.label}.${f.name} = ${v}: must be a 32-bit signed integer`);
        view.setInt32(f.offset, v, true);
      }
    }
    return buf;
  }

  /** A uniform buffer holding `values`. */
  create(device: GPUDevice, values: Record<F, number>, label = this.label): GPUBuffer {
    return createBufferFrom(device, new Uint8Array(this.bytes(values)), GPUBufferUsage.UNIFORM, label);
  }

  /** Rewrites a buffer made by create() (queue order: before the next submit). */
  write(device: GPUDevice, buffer: GPUBuffer, values: Record<F, number>): void {
    device.queue.writeBuffer(buffer, 0, this.bytes(values));
  }
}

/**
 * The uniform struct `structName` of `wgsl`, written by the fields in `fields`. Throws (at module load, where kernel
 * modules call this) when the host's fields and the WGSL struct disagree.
 */
export function uniformStruct<F extends string>(
  wgsl: string,
  structName: string,
  fields: Record<F, WgslScalar>,
  kernel = 'shader',
): UniformStruct<F> {
  const label = `${kernel} ${structName}`;
  const layout = wgslStructLayout(wgsl, structName);
  const byName = new Map(layout.fields.map((f) => [f.name, f]));
  const typed: { name: F; type: WgslScalar; offset: number }[] = [];
  for (const [name, type] of Object.entries(fields) as [F, WgslScalar][]) {
    const f = byName.get(name);
    if (!f) throw new Error(`${label}: the host writes "${name}", which the WGSL struct does not have`);
    if (f.type !== type) throw new Error(`${label}.${name}: the host writes ${type}, the WGSL struct declares ${f.type}`);
    typed.push({ name, type, offset: f.offset });
  }
  for (const f of layout.fields) {
    if (!(f.name in fields) && !/^_?pad/.test(f.name))
      throw new Error(`${label}.${f.name}: declared in WGSL but never written by the host`);
  }
  return new UniformStruct(label, typed, layout.size);
}
