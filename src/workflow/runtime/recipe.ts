/**
 * Outputs carry their recipe, ComfyUI style: the program that made a file is written into the file, so
 * dropping the file back on the Workflows tab restores the program.
 * - PNG: a `tEXt` chunk with keyword `alang` (PNG encoded here with fflate's zlib, so it works in workers and Node).
 * - WAV: a `LIST`/`INFO` chunk with an `ICMT` (comment) entry.
 * - OBJ: comment lines `# alang: …` at the top.
 * - WebM: the `ALANG` metadata tag (written by AnimateImage through mediabunny; read in `recipe-webm.ts`).
 *
 * Example:
 *   const png = encodePng(image, { alang: programText });
 *   readRecipe(png, 'out.png'); // programText
 */
import { Unzlib, zlibSync } from 'fflate';
import { formatMegabytes, MAX_PROGRAM_BYTES } from '../lang/limits';
import type { Value } from '../lang/types';

export const RECIPE_KEY = 'alang';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const utf8 = new TextEncoder();
const latin1 = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(latin1(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** RGBA8 PNG; `text` entries become `iTXt` chunks (UTF-8, uncompressed), readable by any PNG tool. */
export function encodePng(img: Extract<Value, { type: 'Image' }>, text: Record<string, string> = {}): Uint8Array {
  const { width, height, pixels } = img;
  const raw = new Uint8Array((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    raw.set(pixels.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const textChunks = Object.entries(text).map(([k, s]) =>
    // iTXt: keyword\0 compression-flag(0) method(0) language\0 translated-keyword\0 text
    chunk('iTXt', concat([latin1(k), new Uint8Array([0, 0, 0, 0, 0]), utf8.encode(s)])),
  );
  return concat([
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    ...textChunks,
    chunk('IDAT', zlibSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** A file whose content would grow past a limit while being unpacked: refused before the memory is spent. */
export class TooLargeError extends Error {}

/**
 * zlib data inflated in 1 kB steps (each can grow to at most ~1 MB), stopping with `TooLargeError` as soon as
 * the output passes `max` bytes: a 400 kB "zip bomb" that would inflate to 400 MB costs at most `max` + 1 MB.
 */
export function inflateCapped(data: Uint8Array, max: number, what: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  const stream = new Unzlib((chunk) => {
    total += chunk.length;
    if (total > max) throw new TooLargeError(`${what} inflates to more than ${formatMegabytes(max)}; refused`);
    parts.push(chunk);
  });
  const STEP = 1024;
  for (let o = 0; o < data.length; o += STEP) stream.push(data.subarray(o, Math.min(o + STEP, data.length)), o + STEP >= data.length);
  if (!data.length) stream.push(data, true);
  return concat(parts);
}

/** Bytes as Latin-1 text, without spreading them into an argument list (which overflows on long input). */
const latin1Text = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

/** The text chunks (`tEXt`, `iTXt`) of a PNG, by keyword; a compressed one may inflate to MAX_PROGRAM_BYTES at most. */
export function readPngText(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 8;
  while (o + 8 <= bytes.length) {
    const len = view.getUint32(o);
    const type = latin1Text(bytes.subarray(o + 4, o + 8));
    const data = bytes.subarray(o + 8, o + 8 + len);
    if (type === 'tEXt' || type === 'iTXt') {
      const z = data.indexOf(0);
      if (z < 0 || z > 79) break; // a PNG keyword is 1–79 bytes; anything else is not a text chunk we can read
      const key = latin1Text(data.subarray(0, z));
      if (type === 'tEXt') out[key] = new TextDecoder('latin1').decode(data.subarray(z + 1));
      else {
        const compressed = data[z + 1] === 1;
        let p = z + 3;
        p = data.indexOf(0, p) + 1; // language tag
        p = data.indexOf(0, p) + 1; // translated keyword
        const body = data.subarray(p);
        out[key] = new TextDecoder().decode(compressed ? inflateCapped(body, MAX_PROGRAM_BYTES, `the PNG text chunk '${key}'`) : body);
      }
    }
    if (type === 'IEND') break;
    o += 12 + len;
  }
  return out;
}

/** Largest PNG decoded here (64 megapixels = 256 MB of RGBA). */
export const MAX_IMAGE_PIXELS = 64e6;

/** Decodes the pixels of a PNG written by `encodePng` (8-bit RGBA, any filter); other PNGs go through the browser. */
export function decodeOwnPng(bytes: Uint8Array): Extract<Value, { type: 'Image' }> | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 8;
  let width = 0,
    height = 0;
  const idat: Uint8Array[] = [];
  while (o + 8 <= bytes.length) {
    const len = view.getUint32(o);
    const type = latin1Text(bytes.subarray(o + 4, o + 8));
    if (type === 'IHDR') {
      width = view.getUint32(o + 8);
      height = view.getUint32(o + 12);
      if (bytes[o + 16] !== 8 || bytes[o + 17] !== 6 || bytes[o + 20] !== 0) return undefined;
    } else if (type === 'IDAT') idat.push(bytes.subarray(o + 8, o + 8 + len));
    else if (type === 'IEND') break;
    o += 12 + len;
  }
  if (!width || !height) return undefined;
  if (width * height > MAX_IMAGE_PIXELS)
    throw new TooLargeError(`the PNG is ${width}×${height}; images are limited to ${MAX_IMAGE_PIXELS / 1e6} megapixels`);
  // The filtered rows are exactly this long; more inflated data is a bomb, not an image.
  const raw = inflateCapped(concat(idat), (width * 4 + 1) * height, 'the PNG image data');
  const stride = width * 4;
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? pixels[y * stride + x - 4] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4] : 0;
      let pred = 0;
      if (f === 1) pred = a;
      else if (f === 2) pred = b;
      else if (f === 3) pred = (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c,
          pa = Math.abs(p - a),
          pb = Math.abs(p - b),
          pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = (line[x] + pred) & 0xff;
    }
  }
  return { type: 'Image', width, height, pixels };
}

/** 16-bit PCM WAV, with the recipe in a LIST/INFO/ICMT chunk. */
export function encodeWav(audio: Extract<Value, { type: 'Audio' }>, comment?: string): Uint8Array {
  const ch = audio.channels.length;
  const n = audio.channels[0]?.length ?? 0;
  const pcm = new Uint8Array(n * ch * 2);
  const pv = new DataView(pcm.buffer);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < ch; c++) {
      const s = Math.max(-1, Math.min(1, audio.channels[c][i]));
      pv.setInt16((i * ch + c) * 2, Math.round(s * 32767), true);
    }
  }
  const fmt = new Uint8Array(16);
  const fv = new DataView(fmt.buffer);
  fv.setUint16(0, 1, true);
  fv.setUint16(2, ch, true);
  fv.setUint32(4, audio.sampleRate, true);
  fv.setUint32(8, audio.sampleRate * ch * 2, true);
  fv.setUint16(12, ch * 2, true);
  fv.setUint16(14, 16, true);
  const riffChunk = (id: string, data: Uint8Array) => {
    const padded = data.length % 2 ? concat([data, new Uint8Array(1)]) : data;
    const head = new Uint8Array(8);
    head.set(latin1(id));
    new DataView(head.buffer).setUint32(4, data.length, true);
    return concat([head, padded]);
  };
  const parts = [latin1('WAVE'), riffChunk('fmt ', fmt)];
  if (comment !== undefined)
    parts.push(riffChunk('LIST', concat([latin1('INFO'), riffChunk('ICMT', concat([utf8.encode(comment), new Uint8Array(1)]))])));
  parts.push(riffChunk('data', pcm));
  return riffChunk('RIFF', concat(parts));
}

function readWavComment(bytes: Uint8Array): string | undefined {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const id = (o: number) => latin1Text(bytes.subarray(o, o + 4));
  let o = 12;
  while (o + 8 <= bytes.length) {
    const len = v.getUint32(o + 4, true);
    if (id(o) === 'LIST' && id(o + 8) === 'INFO') {
      let p = o + 12;
      while (p + 8 <= o + 8 + len) {
        const l = v.getUint32(p + 4, true);
        if (id(p) === 'ICMT') return new TextDecoder().decode(bytes.subarray(p + 8, p + 8 + l)).replace(/\0+$/, '');
        p += 8 + l + (l % 2);
      }
    }
    o += 8 + len + (len % 2);
  }
  return undefined;
}

/** OBJ text comment lines carrying the recipe. */
export function objRecipeHeader(recipe: string): string {
  return recipe
    .split('\n')
    .map((l) => `# ${RECIPE_KEY}: ${l}`)
    .join('\n');
}

/** The program text a PNG, WAV or OBJ file carries, if any. WebM: see `readWebmRecipe`. */
export function readRecipe(bytes: Uint8Array): string | undefined {
  const head = latin1Text(bytes.subarray(0, 4));
  if (bytes[0] === 137 && head.slice(1) === 'PNG') return readPngText(bytes)[RECIPE_KEY];
  if (head === 'RIFF') return readWavComment(bytes);
  const text = new TextDecoder().decode(bytes.subarray(0, 1 << 20));
  const prefix = `# ${RECIPE_KEY}: `;
  const lines = text.split('\n').filter((l) => l.startsWith(prefix));
  return lines.length ? lines.map((l) => l.slice(prefix.length)).join('\n') : undefined;
}
