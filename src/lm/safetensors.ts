/**
 * safetensors reader (untrusted input): 8-byte little-endian header length, a JSON header
 * `{name: {dtype, shape, data_offsets: [begin, end]}, __metadata__?}`, then the tensor bytes.
 * Every check runs before any tensor is decoded; errors name the file, the tensor and the numbers.
 *
 * Example:
 *   const st = parseSafetensors(bytes, 'model.safetensors');
 *   st.names;                         // ['model.embed_tokens.weight', ...]
 *   const w = st.f32('lm_head.weight'); // Float32Array, f16 / bf16 widened
 */

export class ModelFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFormatError';
  }
}

/** A header larger than this is refused (real checkpoints have headers of tens of kilobytes). */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;

const DTYPE_BYTES = { F32: 4, F16: 2, BF16: 2 } as const;
export type TensorDtype = keyof typeof DTYPE_BYTES;

export interface TensorInfo {
  dtype: TensorDtype;
  shape: number[];
  /** Byte range inside the file. */
  begin: number;
  end: number;
}

export interface Safetensors {
  readonly names: string[];
  info(name: string): TensorInfo | undefined;
  /** The tensor widened to f32 (a copy). Throws when absent. */
  f32(name: string): Float32Array;
  /** Total bytes of tensor data. */
  readonly dataBytes: number;
}

export function parseSafetensors(input: ArrayBuffer | Uint8Array, file = 'model.safetensors'): Safetensors {
  // A plain Uint8Array view (a Node Buffer's slice() would share memory instead of copying).
  const bytes = input instanceof Uint8Array ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : new Uint8Array(input);
  if (bytes.byteLength < 8)
    throw new ModelFormatError(`${file}: ${bytes.byteLength} bytes, too short for a safetensors file (needs an 8-byte header length)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen > MAX_HEADER_BYTES)
    throw new ModelFormatError(`${file}: header of ${headerLen} bytes exceeds the ${MAX_HEADER_BYTES}-byte cap (not a safetensors file?)`);
  if (8 + headerLen > bytes.byteLength)
    throw new ModelFormatError(
      `${file}: header says ${headerLen} bytes but the file has ${bytes.byteLength - 8} after the length (truncated)`,
    );
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch (e) {
    throw new ModelFormatError(`${file}: header is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new ModelFormatError(`${file}: header must be a JSON object`);
  const dataStart = 8 + headerLen;
  const dataLen = bytes.byteLength - dataStart;
  const tensors = new Map<string, TensorInfo>();
  let dataBytes = 0;
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') continue;
    const t = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (!t || typeof t !== 'object') throw new ModelFormatError(`${file}: tensor ${name}: entry is not an object`);
    if (typeof t.dtype !== 'string' || !(t.dtype in DTYPE_BYTES)) {
      throw new ModelFormatError(`${file}: tensor ${name}: dtype ${JSON.stringify(t.dtype)} is not supported (F32, F16 or BF16)`);
    }
    const dtype = t.dtype as TensorDtype;
    if (!Array.isArray(t.shape) || t.shape.some((d) => !Number.isInteger(d) || d < 0))
      throw new ModelFormatError(`${file}: tensor ${name}: shape ${JSON.stringify(t.shape)} must be a list of non-negative integers`);
    const shape = t.shape as number[];
    const offs = t.data_offsets;
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((o) => Number.isInteger(o) && o >= 0) || offs[1] < offs[0]) {
      throw new ModelFormatError(
        `${file}: tensor ${name}: data_offsets ${JSON.stringify(offs)} must be [begin, end] with 0 <= begin <= end`,
      );
    }
    const elems = shape.reduce((a, b) => a * b, 1);
    const need = elems * DTYPE_BYTES[dtype];
    if (offs[1] - offs[0] !== need)
      throw new ModelFormatError(
        `${file}: tensor ${name}: ${offs[1] - offs[0]} bytes for shape [${shape}] of ${dtype}, which needs ${need}`,
      );
    if (offs[1] > dataLen)
      throw new ModelFormatError(`${file}: tensor ${name} ends at byte ${offs[1]} of the data but the file holds ${dataLen} (truncated)`);
    tensors.set(name, { dtype, shape, begin: dataStart + offs[0], end: dataStart + offs[1] });
    dataBytes += need;
  }
  return {
    names: [...tensors.keys()],
    dataBytes,
    info: (name) => tensors.get(name),
    f32(name) {
      const t = tensors.get(name);
      if (!t) throw new ModelFormatError(`${file}: tensor ${name} is missing`);
      return widen(bytes, t);
    },
  };
}

function widen(bytes: Uint8Array, t: TensorInfo): Float32Array {
  const n = (t.end - t.begin) / DTYPE_BYTES[t.dtype];
  // Copy first: the offset into the file need not be aligned for a typed-array view.
  const raw = bytes.slice(t.begin, t.end).buffer;
  if (t.dtype === 'F32') return new Float32Array(raw);
  const halves = new Uint16Array(raw);
  const out = new Float32Array(n);
  if (t.dtype === 'BF16') {
    const u = new Uint32Array(out.buffer);
    for (let i = 0; i < n; i++) u[i] = halves[i] << 16;
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = halfToFloat(halves[i]);
  return out;
}

export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? Number.NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Writes a safetensors file from f32 tensors (test fixtures and the tiny-model script). */
export function writeSafetensors(tensors: Record<string, { shape: number[]; data: Float32Array }>): Uint8Array {
  const header: Record<string, object> = {};
  let offset = 0;
  const names = Object.keys(tensors).sort();
  for (const name of names) {
    const bytes = tensors[name].data.byteLength;
    header[name] = { dtype: 'F32', shape: tensors[name].shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.byteLength), true);
  out.set(head, 8);
  let at = 8 + head.byteLength;
  for (const name of names) {
    const d = tensors[name].data;
    out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), at);
    at += d.byteLength;
  }
  return out;
}
