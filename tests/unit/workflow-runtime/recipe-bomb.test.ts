// Issue 13: a 408 kB PNG whose compressed recipe inflates to 400 MB was restored (renderer at 2.2 GB). A file
// is untrusted: its recipe is inflated in small steps and refused as soon as it passes MAX_PROGRAM_BYTES.
import { describe, expect, test } from 'vitest';
import { Deflate } from 'fflate';
import { decodeOwnPng, encodePng, inflateCapped, readRecipe, TooLargeError } from '../../../src/workflow/runtime/recipe';
import { workflowWorkerApi } from '../../../src/workflow/runtime/worker-api';
import { MAX_PROGRAM_BYTES } from '../../../src/workflow/lang';
import { drawSampleCat } from '../../../src/workflow/functions/image/sample-cat';

/**
 * zlib data that inflates to `reps` × 4 MiB of zeros in ~4 kB per 4 MiB: one sync-flushed deflate block of
 * zeros, repeated (every back-reference lands on zeros, so the repeats are valid), then a final empty block.
 */
function zlibBomb(reps: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const d = new Deflate({ level: 9 }, (c) => parts.push(c));
  d.push(new Uint8Array(4 << 20), false);
  d.flush(true);
  const unit = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((o, p) => (unit.set(p, o), o + p.length), 0);
  const body = new Uint8Array(2 + unit.length * reps + 2 + 4);
  body.set([0x78, 0xda]);
  for (let i = 0; i < reps; i++) body.set(unit, 2 + i * unit.length);
  body.set([0x03, 0x00], 2 + unit.length * reps); // BFINAL, fixed Huffman, end of block
  const n = (4 << 20) * reps;
  new DataView(body.buffer).setUint32(body.length - 4, (((n % 65521) << 16) | 1) >>> 0); // Adler-32 of n zeros
  return body;
}

/** PNG chunk; readers here do not check the CRC, so it is left 0. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  new DataView(out.buffer).setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  return out;
}

/** A real PNG (the sample cat) with an extra compressed iTXt `alang` chunk holding `z`. */
function pngWithCompressedRecipe(z: Uint8Array): Uint8Array {
  const png = encodePng(drawSampleCat(8));
  const head = new Uint8Array([...new TextEncoder().encode('alang'), 0, 1, 0, 0, 0]); // keyword, compressed, method, language, translated
  const itxt = chunk('iTXt', new Uint8Array([...head, ...z]));
  const ihdrEnd = 8 + 12 + 13;
  const out = new Uint8Array(png.length + itxt.length);
  out.set(png.subarray(0, ihdrEnd));
  out.set(itxt, ihdrEnd);
  out.set(png.subarray(ihdrEnd), ihdrEnd + itxt.length);
  return out;
}

describe('recipes are inflated with a cap', () => {
  const bomb = pngWithCompressedRecipe(zlibBomb(100));

  test('a ~411 kB PNG whose recipe inflates to 400 MiB is refused while inflating', async () => {
    expect(bomb.length).toBeLessThan(420_000);
    expect(() => readRecipe(bomb)).toThrow(TooLargeError);
    expect(() => readRecipe(bomb)).toThrow("the PNG text chunk 'alang' inflates to more than 16.0 MB; refused");
    // Through the worker API the page calls: a clear error, not a program and not a crash.
    const outcome = await workflowWorkerApi().readRecipe(bomb);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toMatch(/inflates to more than 16\.0 MB/);
  });

  test('inflateCapped: past the cap a TooLargeError, under it the exact bytes', () => {
    expect(() => inflateCapped(zlibBomb(4), 1 << 20, 'x')).toThrow(new TooLargeError('x inflates to more than 1.0 MB; refused'));
    const ok = inflateCapped(zlibBomb(1), 8 << 20, 'x');
    expect(ok.length).toBe(4 << 20);
    expect(ok.every((b) => b === 0)).toBe(true);
  });

  test('a compressed recipe under the cap still restores', () => {
    const text = 'n = Number(value=2)\n';
    const parts: Uint8Array[] = [];
    const d = new Deflate({ level: 6 }, (c) => parts.push(c));
    d.push(new TextEncoder().encode(text), true);
    const raw = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((o, p) => (raw.set(p, o), o + p.length), 0);
    // zlib = header + raw deflate + Adler-32 (computed here for the short text).
    let a = 1;
    let b = 0;
    for (const c of new TextEncoder().encode(text)) ((a = (a + c) % 65521), (b = (b + a) % 65521));
    const z = new Uint8Array([0x78, 0x9c, ...raw, 0, 0, 0, 0]);
    new DataView(z.buffer).setUint32(z.length - 4, ((b << 16) | a) >>> 0);
    expect(readRecipe(pngWithCompressedRecipe(z))).toBe(text);
    expect(MAX_PROGRAM_BYTES).toBe(16 * 1024 * 1024);
  });

  test('image data that inflates past its own size, or huge dimensions, are refused', () => {
    const png = encodePng(drawSampleCat(8));
    // Swap the IDAT for a bomb: 8×8 RGBA needs 8 × 33 bytes, the bomb gives 4 MiB.
    const ihdrEnd = 8 + 12 + 13;
    const bombPng = new Uint8Array([...png.subarray(0, ihdrEnd), ...chunk('IDAT', zlibBomb(1)), ...chunk('IEND', new Uint8Array(0))]);
    expect(() => decodeOwnPng(bombPng)).toThrow(/the PNG image data inflates to more than/);
    const huge = png.slice();
    new DataView(huge.buffer).setUint32(16, 100_000); // width
    new DataView(huge.buffer).setUint32(20, 100_000); // height
    expect(() => decodeOwnPng(huge)).toThrow(/images are limited to 64 megapixels/);
  });
});
