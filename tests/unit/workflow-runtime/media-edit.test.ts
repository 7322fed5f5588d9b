// Issue 11, media without models, in Node: the audio editing functions against hand-computed samples, LoadAudio
// on real WAV files (mediabunny decodes PCM itself), the frame-level video edits on tiny frames, image
// composition, and bad input (unknown type, corrupt file, missing file, too long) as located errors with the
// other branches' outputs kept. Video decoding/encoding needs WebCodecs: tests/browser/workflow-media.test.ts.
import { afterEach, describe, expect, test } from 'vitest';
import { BufferTarget, EncodedPacket, EncodedVideoPacketSource, Output, WebMOutputFormat } from 'mediabunny';
import { parse, print } from '../../../src/workflow/lang';
import type { ValueOf } from '../../../src/workflow/lang/types';
import { getRegistry } from '../../../src/workflow/functions/implementations';
import { standaloneContext } from '../../../src/workflow/functions/registry';
import { runProgram } from '../../../src/workflow/runtime/executor';
import { encodeWav } from '../../../src/workflow/runtime/recipe';
import { setWorkflowGpu } from '../../../src/workflow/functions/gpu/device';
import { mixAudio } from '../../../src/workflow/functions/audio/mix-audio';
import { duckingGain, overlayNarration } from '../../../src/workflow/functions/audio/overlay-narration';
import { fadeAudio } from '../../../src/workflow/functions/audio/fade-audio';
import { resample, withChannels } from '../../../src/workflow/functions/audio/samples';
import {
  blendFrames,
  concatFrames,
  interpolationPlan,
  slideshowFrames,
  speedFrames,
  trimFrames,
} from '../../../src/workflow/functions/video/edit';
import { checkFrameBudget, type Frames } from '../../../src/workflow/functions/video/frames';
import { MEDIA_LIMITS } from '../../../src/workflow/functions/video/media-file';
import { composite } from '../../../src/workflow/functions/image/composite';
import { mergeImages } from '../../../src/workflow/functions/image/merge';

setWorkflowGpu(async () => undefined);

type Audio = ValueOf<'Audio'>;
const audio = (sampleRate: number, ...channels: number[][]): Audio => ({
  type: 'Audio',
  sampleRate,
  channels: channels.map((c) => Float32Array.from(c)),
});
const samples = (a: Audio) => a.channels.map((c) => Array.from(c, (x) => +x.toFixed(5)));
const fn = (name: string) => getRegistry().get(name)!;

describe('audio editing, against hand-computed samples', () => {
  test('MixAudio: a·(1 − balance) + b·balance, the shorter padded with silence, mono spread to stereo', async () => {
    const a = audio(8000, [1, 1, 1, 1], [0, 0, 0, 0]);
    const b = audio(8000, [0.5, -0.5]);
    expect(samples(mixAudio(a, b, 0.25))).toEqual([
      [0.875, 0.625, 0.75, 0.75],
      [0.125, -0.125, 0, 0],
    ]);
    // Through the registered function (defaults: balance 0.5).
    const out = (await fn('MixAudio').run({ a, b }, {}, standaloneContext())).audio as Audio;
    expect(samples(out)[0]).toEqual([0.75, 0.25, 0.5, 0.5]);
  });

  test('b is resampled to a’s rate (linear) and stereo averaged to mono when a is mono', () => {
    expect(samples(resample(audio(4, [0, 1, 0, -1]), 8))).toEqual([[0, 0.5, 1, 0.5, 0, -0.5, -1, -1]]);
    expect(samples(withChannels(audio(8, [1, 0], [0, 1]), 1))).toEqual([[0.5, 0.5]]);
    const mixed = mixAudio(audio(8, [0, 0, 0, 0]), audio(4, [1, 1]), 1);
    expect(mixed.sampleRate).toBe(8);
    expect(samples(mixed)).toEqual([[1, 1, 1, 1]]);
  });

  test('AdjustVolume: −6.0206 dB halves every sample; +6.0206 dB doubles it', async () => {
    const a = audio(8000, [0.4, -0.2, 0]);
    const half = (await fn('AdjustVolume').run({ audio: a }, { gain: -6.0206 }, standaloneContext())).audio as Audio;
    expect(samples(half)).toEqual([[0.2, -0.1, 0]]);
    const twice = (await fn('AdjustVolume').run({ audio: a }, { gain: 6.0206 }, standaloneContext())).audio as Audio;
    expect(samples(twice)).toEqual([[0.8, -0.4, 0]]);
  });

  test('FadeAudio: n / Nin in, (N − 1 − n) / Nout out', () => {
    // 10 samples at 10 Hz: fade in 0.4 s (4 samples), out 0.2 s (2 samples).
    const out = fadeAudio(audio(10, Array(10).fill(1)), 0.4, 0.2);
    expect(samples(out)).toEqual([[0, 0.25, 0.5, 0.75, 1, 1, 1, 1, 0.5, 0]]);
    expect(samples(fadeAudio(audio(10, [1, 1]), 0, 0))).toEqual([[1, 1]]);
  });

  test('OverlayNarration ducks the music under speech, ramps back after, keeps the narration at full level', () => {
    // 1 kHz rate, 1 s: music a constant 0.5; narration silent, then a ±0.5 square wave from 300 to 600 ms.
    const rate = 1000;
    const music = audio(rate, Array(1000).fill(0.5));
    const speech = Array.from({ length: 1000 }, (_, i) => (i >= 300 && i < 600 ? (i % 2 ? 0.5 : -0.5) : 0));
    const narration = audio(rate, speech);
    const spec = { duck: -20, threshold: -40, ramp: 0.1 };
    const g = duckingGain(narration, 1000, spec);
    expect(g[100]).toBe(1); // before speech
    // The 20 ms window at 300 ms sees speech; the gain falls 0.9 per 100 ms: 0.1 reached by 400 ms.
    expect(g[299]).toBe(1);
    expect(g[310]).toBeCloseTo(1 - 0.9 * (11 / 100), 5);
    expect(g[450]).toBeCloseTo(0.1, 6);
    expect(g[650]).toBeCloseTo(0.1 + 0.9 * (51 / 100), 5); // recovering from the window at 600 ms
    expect(g[900]).toBe(1);
    const out = overlayNarration(music, narration, spec);
    expect(out.channels[0][100]).toBeCloseTo(0.5, 6);
    expect(out.channels[0][450]).toBeCloseTo(0.5 * 0.1 - 0.5, 5); // an even sample of the square wave: −0.5
    expect(out.channels[0][451]).toBeCloseTo(0.05 + 0.5, 5);
  });
});

/** A WAV as a user would drop it (16-bit PCM, written by the app's own encoder, no recipe). */
const wav = (a: Audio) => encodeWav(a);

const run = (text: string, files: Record<string, Uint8Array>) => {
  const { program, diagnostics } = parse(text);
  expect(diagnostics).toEqual([]);
  return runProgram(program, { functions: (n) => getRegistry().get(n), recipeOf: print, files: new Map(Object.entries(files)) });
};

describe('LoadAudio on real files, and bad input', () => {
  const saved = { ...MEDIA_LIMITS };
  afterEach(() => Object.assign(MEDIA_LIMITS, saved));

  test('a stereo WAV decodes to the samples that were written (16-bit precision)', async () => {
    const tone = Array.from({ length: 400 }, (_, i) => 0.5 * Math.sin(i / 5));
    const file = wav(
      audio(
        8000,
        tone,
        tone.map((x) => -x),
      ),
    );
    const result = await run('song = LoadAudio(source="tone.wav")\nsoft = AdjustVolume(gain=-6.0206)\nsong.audio -> soft.audio', {
      'tone.wav': file,
    });
    expect(result.errors).toEqual([]);
    const loaded = result.outputs.get('song')!.audio as Audio;
    expect(loaded.sampleRate).toBe(8000);
    expect(loaded.channels.length).toBe(2);
    expect(loaded.channels[0].length).toBe(400);
    for (let i = 0; i < 400; i++) {
      expect(Math.abs(loaded.channels[0][i] - tone[i])).toBeLessThan(1 / 16000);
      expect(Math.abs(loaded.channels[1][i] + tone[i])).toBeLessThan(1 / 16000);
    }
    const soft = result.outputs.get('soft')!.audio as Audio;
    expect(soft.channels[0][7]).toBeCloseTo(loaded.channels[0][7] / 2, 5);
  });

  test('unknown type, corrupt media, a missing file, too long, and video for audio: errors on the node and port; the other outputs are kept', async () => {
    const good = wav(audio(8000, Array(80).fill(0.25)));
    const corrupt = good.slice(0, 30); // a WAV cut inside its header
    const text = new TextEncoder().encode('just some notes, not a sound');
    MEDIA_LIMITS.audioBytes = 4000; // 1000 mono samples
    const long = wav(audio(8000, Array(2000).fill(0.1)));
    const result = await run(
      [
        'ok = LoadAudio(source="good.wav")',
        'notes = LoadAudio(source="notes.txt")',
        'broken = LoadAudio(source="broken.wav")',
        'missing = LoadAudio(source="nowhere.mp3")',
        'long = LoadAudio(source="long.wav")',
        'clip = LoadVideo(source="good.wav")',
        'soft = AdjustVolume(gain=-6)',
        'later = AdjustVolume(gain=-6)',
        'ok.audio -> soft.audio',
        'broken.audio -> later.audio',
      ].join('\n'),
      { 'good.wav': good, 'notes.txt': text, 'broken.wav': corrupt, 'long.wav': long },
    );
    const err = (node: string) => result.errors.find((e) => e.node === node)!;
    expect(err('notes').message).toMatch(/"notes.txt" is not a media file this app reads \(28 bytes; known: WebM, MP4/);
    expect(err('broken').message).toMatch(/"broken.wav"/);
    expect(err('broken').message).toMatch(/damaged|not a media file/);
    expect(err('missing').message).toBe(
      'no file called "nowhere.mp3": drop or pick the audio file on the Workflows tab first (files added: good.wav, notes.txt, broken.wav, long.wav)',
    );
    expect(err('long').message).toMatch(
      /"long.wav" is too long to hold in this tab: 0.3 s of 1-channel 8000 Hz audio needs 8 KB decoded; the limit is 4 KB/,
    );
    expect(err('clip').message).toBe('"good.wav" has no video track (it is audio: use LoadAudio)');
    for (const n of ['notes', 'broken', 'missing', 'long', 'clip']) {
      expect(err(n).port, n).toBe('source');
      expect(result.status.get(n)).toBe('error');
    }
    expect(result.status.get('later')).toBe('skipped');
    // The independent branch ran to the end.
    expect(result.status.get('soft')).toBe('done');
    expect((result.outputs.get('soft')!.audio as Audio).channels[0][0]).toBeCloseTo(0.25 * 0.501187, 4);
  });

  test('a file over the size limit is refused before it is read', async () => {
    MEDIA_LIMITS.fileBytes = 100;
    const result = await run('a = LoadAudio(source="big.wav")', { 'big.wav': wav(audio(8000, Array(100).fill(0))) });
    expect(result.errors[0].message).toBe('"big.wav" is 1 KB; audio files are limited to 1 KB');
  });

  test('LoadVideo of a video longer than the tab can hold: refused from its metadata, before decoding', async () => {
    // A real WebM container (mediabunny's muxer, no encoder needed): 100 s of 1280×720 at 30 fps; the packets are
    // placeholders, which is fine as the limit is checked before any decoder runs.
    const long = await fakeWebm({ width: 1280, height: 720, fps: 30, frames: 3000 });
    const short = await fakeWebm({ width: 64, height: 48, fps: 10, frames: 10 });
    const result = await run('long = LoadVideo(source="holiday.webm", size=1280)\nshort = LoadVideo(source="clip.webm")', {
      'holiday.webm': long,
      'clip.webm': short,
    });
    const err = (node: string) => result.errors.find((e) => e.node === node)!;
    expect(err('long')).toMatchObject({ port: 'source' });
    expect(err('long').message).toBe(
      '"holiday.webm" is too long to hold in this tab: 3000 frames of 1280×720 (100.0 s at 30 fps) need 10547 MB decoded; ' +
        'the limit is 512 MB and 3000 frames, i.e. 145 frames (4.8 s) at this size. Use a shorter clip or a smaller size.',
    );
    // Within the limits, Node gets as far as the decoder, which it lacks (the browser test decodes for real).
    expect(err('short').message).toBe('decoding "clip.webm" needs WebCodecs (VideoDecoder), which this runtime lacks');
  });

  test('LoadVideo of a damaged WebM: a located error that says so', async () => {
    // A WebM header that is not followed by anything decodable.
    const junk = new Uint8Array(400).map((_, i) => (i * 7919) & 255);
    junk.set([0x1a, 0x45, 0xdf, 0xa3]);
    const result = await run('v = LoadVideo(source="junk.webm")', { 'junk.webm': junk });
    expect(result.errors[0]).toMatchObject({ node: 'v', port: 'source' });
    expect(result.errors[0].message).toMatch(/^"junk.webm" (has no video track: it looks damaged, or is not a video|could not be read)/);
  });
});

/** A WebM with `frames` VP8 packets of placeholder bytes (a container with real metadata, not decodable). */
async function fakeWebm(spec: { width: number; height: number; fps: number; frames: number }): Promise<Uint8Array> {
  const target = new BufferTarget();
  const output = new Output({ format: new WebMOutputFormat(), target });
  const source = new EncodedVideoPacketSource('vp8');
  output.addVideoTrack(source, { frameRate: spec.fps });
  await output.start();
  for (let i = 0; i < spec.frames; i++) {
    const packet = new EncodedPacket(new Uint8Array([i & 255, 1, 2, 3]), i % 30 ? 'delta' : 'key', i / spec.fps, 1 / spec.fps);
    await source.add(packet, i ? undefined : { decoderConfig: { codec: 'vp8', codedWidth: spec.width, codedHeight: spec.height } });
  }
  await output.finalize();
  return new Uint8Array(target.buffer!);
}

/** A 1×1 "frame" per value v: RGBA (v, v, v, 255). */
const px = (...vs: number[]) => vs.map((v) => Uint8ClampedArray.from([v, v, v, 255]));
const clip = (fps: number, ...vs: number[]): Frames => ({ width: 1, height: 1, fps, frames: px(...vs) });
const values = (f: Frames) => f.frames.map((p) => p[0]);

describe('video edits on frames', () => {
  test('TrimVideo keeps [start, end) in frames; end 0 = to the end; located errors past the end', () => {
    const c = clip(10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    expect(values(trimFrames(c, 0.2, 0.5))).toEqual([2, 3, 4]);
    expect(values(trimFrames(c, 0.7, 0))).toEqual([7, 8, 9]);
    expect(() => trimFrames(c, 1, 0)).toThrow('start 1 s is at or after the end of the 1.00 s video');
    expect(() => trimFrames(c, 0.5, 0.3)).toThrow('end 0.3 s must be after start 0.5 s');
  });

  test('ChangeSpeed drops or repeats frames at the same rate', () => {
    const c = clip(4, 10, 20, 30, 40);
    expect(values(speedFrames(c, 2))).toEqual([10, 30]);
    expect(values(speedFrames(c, 0.5))).toEqual([10, 10, 20, 20, 30, 30, 40, 40]);
  });

  test('ConcatVideos resizes b to a and resamples it to a’s frame rate', () => {
    const a: Frames = { width: 2, height: 1, fps: 4, frames: [Uint8ClampedArray.from([0, 0, 0, 255, 0, 0, 0, 255])] };
    const b: Frames = { width: 1, height: 1, fps: 2, frames: px(100, 200) };
    const joined = concatFrames(a, b);
    expect(joined).toMatchObject({ width: 2, height: 1, fps: 4 });
    // b: 2 frames at 2 fps = 1 s → 4 frames at 4 fps, each 2×1 of b's value.
    expect(joined.frames.map((f) => [f[0], f[4]])).toEqual([
      [0, 0],
      [100, 100],
      [100, 100],
      [200, 200],
      [200, 200],
    ]);
  });

  test('InterpolateFrames: factor − 1 blends between neighbours (CPU reference of frame-blend.wgsl)', () => {
    expect(interpolationPlan(3, 2)).toEqual([
      { from: 0, t: 0 },
      { from: 0, t: 0.5 },
      { from: 1, t: 0 },
      { from: 1, t: 0.5 },
      { from: 2, t: 0 },
    ]);
    expect(Array.from(blendFrames(Uint8ClampedArray.from([0, 100, 255, 255]), Uint8ClampedArray.from([255, 0, 0, 255]), 0.25))).toEqual([
      64, 75, 191, 255,
    ]);
  });

  test('Slideshow: seconds per image, crossfade at the end of each image, fade through black', () => {
    const white = { width: 1, height: 1, pixels: Uint8ClampedArray.from([200, 200, 200, 255]) };
    const grey = { width: 1, height: 1, pixels: Uint8ClampedArray.from([100, 100, 100, 255]) };
    const opts = { seconds: 1, fps: 4, fade: 0.5, width: 1, height: 1 };
    // 4 frames per image; a 2-frame crossfade at t = 1/3, 2/3 into the next.
    expect(values(slideshowFrames([white, grey], { ...opts, transition: 'crossfade' }))).toEqual([200, 200, 167, 133, 100, 100, 100, 100]);
    expect(values(slideshowFrames([white, grey], { ...opts, transition: 'cut' }))).toEqual([200, 200, 200, 200, 100, 100, 100, 100]);
    // Through black: t = 1/3 → white at 1/3 towards black; t = 2/3 → black 1/3 towards grey.
    expect(values(slideshowFrames([white, grey], { ...opts, transition: 'fade-black' }))).toEqual([200, 200, 67, 33, 100, 100, 100, 100]);
  });

  test('a video too long for the tab: the error names it, the size, the limit and what fits', () => {
    expect(() => checkFrameBudget(9000, 1920, 1080, 30, '"holiday.mp4"', 'source')).toThrow(
      '"holiday.mp4" is too long to hold in this tab: 9000 frames of 1920×1080 (300.0 s at 30 fps) need 71191 MB decoded; the limit is 512 MB and 3000 frames, i.e. 64 frames (2.1 s) at this size. Use a shorter clip or a smaller size.',
    );
    expect(() => checkFrameBudget(100, 64, 64, 24, 'x', 'video')).not.toThrow();
  });
});

describe('image composition', () => {
  const img = (w: number, h: number, ...rgba: number[][]) => ({
    type: 'Image' as const,
    width: w,
    height: h,
    pixels: Uint8ClampedArray.from(rgba.flat()),
  });

  test('CompositeImages: alpha × opacity blend at (x, y), cut off at the edges', async () => {
    const base = img(2, 2, [0, 0, 0, 255], [0, 0, 0, 255], [0, 0, 0, 255], [0, 0, 0, 255]);
    const over = img(2, 1, [200, 100, 0, 255], [200, 200, 200, 128]);
    const out = composite(base, over, 1, 1, 0.5);
    expect(Array.from(out.pixels)).toEqual([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 100, 50, 0, 255]);
    // Scaled ×2 through the function: a 4×2 overlay from (−1, 0) covers the whole 2×2 base.
    const full = (
      await fn('CompositeImages').run({ base, overlay: img(1, 1, [90, 90, 90, 255]) }, { x: -1, scale: 4 }, standaloneContext())
    ).image as ValueOf<'Image'>;
    expect(Array.from(full.pixels.filter((_, i) => i % 4 === 0))).toEqual([90, 90, 90, 90]);
  });

  test('MergeImages: blend, side by side, top-bottom, and mask (with a located error when the mask is missing)', () => {
    const a = img(1, 2, [0, 0, 0, 255], [100, 100, 100, 255]);
    const b = img(1, 1, [200, 200, 200, 255]);
    expect(Array.from(mergeImages(a, b, 'blend', 0.25, undefined).pixels)).toEqual([50, 50, 50, 255, 125, 125, 125, 255]);
    const side = mergeImages(a, b, 'side-by-side', 0);
    expect([side.width, side.height]).toEqual([3, 2]); // b scaled to height 2 → 2×2
    expect(side.pixels[4]).toBe(200);
    const stacked = mergeImages(a, b, 'top-bottom', 0);
    expect([stacked.width, stacked.height]).toEqual([1, 3]);
    expect(stacked.pixels[8]).toBe(200);
    const mask = img(1, 2, [255, 255, 255, 255], [0, 0, 0, 255]);
    expect(Array.from(mergeImages(a, b, 'mask', 0, mask).pixels)).toEqual([200, 200, 200, 255, 100, 100, 100, 255]);
    expect(() => mergeImages(a, b, 'mask', 0)).toThrow('mode "mask" needs an image on the mask port');
  });
});
