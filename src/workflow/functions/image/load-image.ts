/**
 * LoadImage: the image named by `source`, looked up in this order:
 *   1. a file the user dropped or picked with that name;
 *   2. the built-in sample pictures: `cat.jpg`, `cat.png`, `cat` (a procedurally drawn cat, no download);
 *   3. a data: URL, or a URL on this site (e.g. `samples/cat.png`, written by scripts/make-samples.ts), fetched and decoded.
 *
 * Example program:
 *   img = LoadImage(source="cat.jpg")
 */
import { registerFunction, paramOf } from '../registry';
import type { FunctionSignature, FunctionDef } from '../../lang/types';
import { decodeImage } from './decode';
import { PortError } from './pixels';
import { drawSampleCat } from './sample-cat';

/** Built-in samples by name; each is drawn in code. */
const SAMPLES: Record<string, () => ReturnType<typeof drawSampleCat>> = {
  cat: () => drawSampleCat(256),
};

export function sampleName(source: string): string | undefined {
  const base = source.replace(/^sample:/, '').replace(/\.(jpe?g|png|webp)$/i, '');
  return base in SAMPLES ? base : undefined;
}

/** Base for relative URLs: the page's address, set by the workflow worker (workers live under assets/). */
let base: string | undefined;
export function setFetchBase(url: string): void {
  base = url;
}
/** The page's address (relative URLs resolve against it), once the host set it. */
export function fetchBase(): string | undefined {
  return base;
}

/** The signature (what the checker and planner see). */
const loadImageSignature: FunctionSignature = {
  name: 'LoadImage',
  category: 'image',
  doc: 'Loads an image from a file name the user supplied (dropped or picked), a URL on this site, or a data: URL.',
  inputs: [],
  outputs: [{ name: 'image', type: 'Image', doc: 'RGBA pixels' }],
  params: [{ name: 'source', type: 'string', required: true, doc: 'file name, relative URL or data: URL' }],
  example: 'img = LoadImage(source="cat.jpg")',
};

export const loadImage: FunctionDef = {
  ...loadImageSignature,
  async run(_inputs, params, ctx) {
    const source = paramOf(params, 'source', 'string');
    if (!source) throw new PortError('parameter "source" is empty: name a file, a sample (cat.jpg) or a URL', 'source');
    const files = ctx.files;
    const file = files?.get(source);
    if (file) return { image: await decodeImage(file, source) };
    const sample = sampleName(source);
    if (sample) {
      ctx.progress(1, `built-in sample "${sample}" (drawn in code)`);
      return { image: SAMPLES[sample]() };
    }
    let url: URL;
    try {
      url = new URL(source, base ?? (typeof location !== 'undefined' ? location.href : undefined));
    } catch {
      throw new PortError(`no file, sample or URL called "${source}" (drop the file on the page, or use cat.jpg)`, 'source');
    }
    if (url.protocol !== 'data:' && typeof location !== 'undefined' && url.origin !== location.origin) {
      throw new PortError(`"${source}" is on another site; only files, samples and URLs on this site are loaded`, 'source');
    }
    const res = await fetch(url, { signal: ctx.signal }).catch((e) => {
      throw new PortError(`could not fetch "${source}": ${e instanceof Error ? e.message : e}`, 'source');
    });
    if (!res.ok) throw new PortError(`could not fetch "${source}": HTTP ${res.status}`, 'source');
    return { image: await decodeImage(new Uint8Array(await res.arrayBuffer()), source) };
  },
};

registerFunction(loadImage);
