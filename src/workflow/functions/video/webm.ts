/**
 * RGBA frames → WebM (VP8) with WebCodecs through mediabunny, the recipe in the `ALANG` Matroska tag.
 * Needs WebCodecs (`VideoEncoder`): browsers and their workers have it, Node does not.
 *
 * Example:
 *   const bytes = await encodeWebm(frames, { width: 64, height: 64, fps: 24, recipe });
 *   await readWebmRecipe(bytes); // recipe
 */
import { BufferSource, BufferTarget, Input, Output, VideoSample, VideoSampleSource, WEBM, WebMOutputFormat } from 'mediabunny';

export const WEBM_RECIPE_TAG = 'ALANG';

export interface WebmSpec {
  width: number;
  height: number;
  fps: number;
  recipe?: string;
  signal?: AbortSignal;
  onFrame?: (i: number) => void;
}

export function hasWebCodecs(): boolean {
  return typeof VideoEncoder === 'function';
}

export async function encodeWebm(frames: Iterable<Uint8ClampedArray>, spec: WebmSpec): Promise<Uint8Array> {
  if (!hasWebCodecs()) throw new Error('video encoding needs WebCodecs (VideoEncoder), which this runtime lacks');
  const target = new BufferTarget();
  const output = new Output({ format: new WebMOutputFormat(), target });
  // VP8 is the most widely available WebCodecs encoder (also in headless Chromium on SwiftShader machines).
  const source = new VideoSampleSource({ codec: 'vp8', bitrate: Math.round(Math.max(200_000, spec.width * spec.height * spec.fps * 0.2)) });
  output.addVideoTrack(source, { frameRate: spec.fps });
  if (spec.recipe !== undefined)
    output.setMetadataTags({ comment: 'made by an A-Language program', raw: { [WEBM_RECIPE_TAG]: spec.recipe } });
  await output.start();
  let i = 0;
  try {
    for (const rgba of frames) {
      if (spec.signal?.aborted) throw new Error('cancelled');
      const sample = new VideoSample(rgba, {
        format: 'RGBA',
        codedWidth: spec.width,
        codedHeight: spec.height,
        timestamp: i / spec.fps,
        duration: 1 / spec.fps,
      });
      await source.add(sample, { keyFrame: i % spec.fps === 0 });
      sample.close();
      spec.onFrame?.(i++);
    }
    await output.finalize();
  } catch (e) {
    await output.cancel();
    throw e;
  }
  return new Uint8Array(target.buffer!);
}

/** The program text stored in a WebM made by `encodeWebm`, if any. */
export async function readWebmRecipe(bytes: Uint8Array): Promise<string | undefined> {
  const input = new Input({ source: new BufferSource(bytes), formats: [WEBM] });
  try {
    const tags = await input.getMetadataTags();
    const v = tags.raw?.[WEBM_RECIPE_TAG];
    if (typeof v === 'string') return v;
    if (v instanceof Uint8Array) return new TextDecoder().decode(v);
    return undefined;
  } finally {
    input.dispose();
  }
}
