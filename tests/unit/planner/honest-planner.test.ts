// The offline planner never pretends (issue 11): one test per failure class, on the registry of this build and on
// the same registry without the functions issue 11 added (./contract-registry.ts), so both the mapping and the
// refusal are covered. The instructions here are written for these tests, not taken from the suite.
import { describe, expect, test } from 'vitest';
import { getRegistry } from '../../../src/workflow/functions';
import { analyse } from '../../../src/workflow/lang';
import type { Registry } from '../../../src/workflow/lang/types';
import { plan } from '../../../src/workflow/planner';
import { withoutContract } from './contract-registry';

/** `base`: a build without the issue-11 functions (refusals); `full`: this build (mappings). */
const full = getRegistry();
const base = withoutContract(full);

async function planned(instruction: string, registry: Registry = base) {
  const r = await plan(instruction, { backend: 'rules', registry });
  const nodes = r.program ? analyse(r.program, registry).program.nodes : [];
  return { ...r, fns: nodes.map((n) => n.fn), nodes, param: (fn: string) => nodes.find((n) => n.fn === fn)?.params };
}

describe('a step the rules cannot map is reported; the plan is partial or failed, never an identity program', () => {
  test('the only step unmapped: failed, no program, the words and the closest functions', async () => {
    const r = await planned('posterize my holiday snapshot');
    expect(r.status).toBe('failed');
    expect(r.ok).toBe(false);
    expect(r.program).toBe('');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', words: ['posterize'], closest: ['Cartoonize', 'StyleFilter'] }),
    ]);
  });

  test('one step of two unmapped: partial, the other step done', async () => {
    const r = await planned('sharpen this photo and then turn it into a video');
    expect(r.status).toBe('partial');
    expect(r.fns).toEqual(['LoadImage', 'AnimateImage']);
    expect(r.diagnostics[0]).toMatchObject({ words: ['sharpen'] });
    expect(r.program).toMatch(/^# not done: .*sharpen/m);
  });

  test('an unknown -ize verb is reported too', async () => {
    const r = await planned('vectorize this drawing');
    expect(r.status).toBe('failed');
    expect(r.diagnostics[0].words).toEqual(['vectorize']);
  });

  test('an operation whose function is not registered names it; with the function registered it is used', async () => {
    const missing = await planned('erase the lamp post from this photo');
    expect(missing.status).toBe('failed');
    expect(missing.diagnostics[0].message).toMatch(/needs RemoveObject, which this build does not register/);
    expect(missing.diagnostics[0].closest).toContain('RemoveBackground');
    const done = await planned('erase the lamp post from this photo', full);
    expect(done.status).toBe('ok');
    expect(done.fns).toEqual(['LoadImage', 'RemoveObject']);
    expect(done.param('RemoveObject')).toEqual({ object: 'lamp post' });
  });
});

describe('generation requests never become RenderText', () => {
  test('an image of a description: TextToImage when registered, else failed with the reason', async () => {
    const without = await planned('create a picture of two owls on a branch');
    expect(without.status).toBe('failed');
    expect(without.fns).not.toContain('RenderText');
    expect(without.diagnostics[0].message).toMatch(/text-to-image model \(TextToImage\).*RenderText would only draw the words/);
    const withModel = await planned('create a picture of two owls on a branch', full);
    expect(withModel.status).toBe('ok');
    expect(withModel.fns).toEqual(['TextInput', 'TextToImage']);
    expect(withModel.param('TextInput')).toEqual({ text: 'two owls on a branch' });
  });

  test('text → video and text → 3D: no browser-capable model, said so', async () => {
    for (const registry of [base, full]) {
      const video = await planned('generate a video of a train crossing a bridge', registry);
      expect(video.status).toBe('failed');
      expect(video.diagnostics[0].message).toMatch(/no browser-capable text-to-video model exists/);
      expect(video.fns).toEqual([]);
      const mesh = await planned('make a 3D model of a teapot', registry);
      expect(mesh.status).toBe('failed');
      expect(mesh.diagnostics[0].message).toMatch(/no text-to-3D model/);
    }
  });

  test('a quoted or colon-introduced description is generated too; quoted words to draw are drawn', async () => {
    for (const instruction of [
      "generate an image of 'a blue heron in reeds'",
      'Generate a picture: a blue heron in reeds',
      'create an image from the prompt "a blue heron in reeds"',
    ]) {
      const r = await planned(instruction, full);
      expect(r.fns, instruction).toEqual(['TextInput', 'TextToImage']);
      expect(r.param('TextInput')).toEqual({ text: 'a blue heron in reeds' });
      expect((await planned(instruction)).status).toBe('failed');
    }
    expect((await planned("make a picture of the words 'Hello'", full)).fns).toEqual(['TextInput', 'RenderText']);
  });

  test('words to draw are still drawn: "a banner that says …" is RenderText', async () => {
    const r = await planned('make a banner image that says "Open late"');
    expect(r.status).toBe('ok');
    expect(r.fns).toEqual(['TextInput', 'RenderText']);
  });
});

describe('quoted names in any quotes are inputs', () => {
  test.each([
    ["'", "'"],
    ['"', '"'],
    ['“', '”'],
    ['‘', '’'],
    ['`', '`'],
  ])('%s…%s around a picture file name: LoadImage(source=…)', async (open, close) => {
    const r = await planned(`make ${open}old_mill.png${close} look like a pencil sketch`);
    expect(r.status).toBe('ok');
    expect(r.fns).toEqual(['LoadImage', 'StyleFilter']);
    expect(r.param('LoadImage')).toEqual({ source: 'old_mill.png' });
    expect(r.fns).not.toContain('RenderText');
  });

  test('a video or audio file: loaded by LoadVideo/LoadAudio when registered, else a diagnostic naming them', async () => {
    const video = await planned("speed up 'race.mp4'");
    expect(video.status).toBe('failed');
    expect(video.diagnostics.map((d) => d.message).join()).toMatch(/LoadVideo is not registered/);
    expect(video.fns).not.toContain('LoadImage');
    const loaded = await planned("speed up 'race.mp4'", full);
    expect(loaded.fns).toEqual(['LoadVideo', 'ChangeSpeed']);
    expect(loaded.param('LoadVideo')).toEqual({ source: 'race.mp4' });
    const audio = await planned('transcribe "voicemail.wav"', full);
    expect(audio.fns).toEqual(['LoadAudio', 'Transcribe']);
    expect(audio.param('LoadAudio')).toEqual({ source: 'voicemail.wav' });
  });

  test('an apostrophe is not a quote; quoted words are the text', async () => {
    const r = await planned("what's in 'harbour at dawn.jpg'?");
    expect(r.param('LoadImage')).toEqual({ source: 'harbour at dawn.jpg' });
    const words = await planned('say ‘good luck’ out loud');
    expect(words.param('TextInput')).toEqual({ text: 'good luck' });
  });
});

describe('numbers attached to words are parameters; impossible values are errors, never clamped or sign-flipped', () => {
  test('"a 30-frame clip", "a 4-second clip", "3x"', async () => {
    expect((await planned('animate this photo as a 30-frame clip')).param('AnimateImage')).toEqual({ frames: 30 });
    expect((await planned('a 4-second video of this photo')).param('AnimateImage')).toEqual({ frames: 96 });
    // UpscaleImage offers 2× and 4×: "3x" is kept as asked and reported, never dropped for the default.
    const three = await planned('upscale this photo 3x', full);
    expect(three.param('UpscaleImage')).toEqual({ scale: '3' });
    expect(three.status).toBe('failed');
    expect(three.diagnostics[0].message).toBe('UpscaleImage.scale cannot be 3: it must be one of 2, 4');
    expect((await planned('upscale this photo 4x', full)).param('UpscaleImage')).toEqual({ scale: '4' });
    expect((await planned('plot a 12-bin histogram of a random tensor')).param('Histogram')).toEqual({ bins: 12 });
  });

  test.each([
    ['animate this photo at -2 fps', 'AnimateImage', { fps: -2 }, '-2 fps'],
    ['turn this photo into a 0 frame video', 'AnimateImage', { frames: 0 }, '0 frame'],
    ['give this photo a sepia filter at 250% strength', 'StyleFilter', { style: 'sepia', strength: 2.5 }, '250% strength'],
  ])('%s: failed, the value kept as asked', async (instruction, fn, params, words) => {
    const r = await planned(instruction);
    expect(r.status).toBe('failed');
    expect(r.param(fn)).toEqual(params);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', words: [words] });
    expect(r.diagnostics.some((d) => d.node)).toBe(true); // the checker locates it too
  });

  test('a percentage within range is read on the parameter scale', async () => {
    expect((await planned('give this photo a sepia filter at 60% strength')).param('StyleFilter')).toEqual({
      style: 'sepia',
      strength: 0.6,
    });
  });
});

describe('keywords need the right object or context', () => {
  test('"add a hat" is not arithmetic; "add 3 and 4" is', async () => {
    const hat = await planned('add a hat to the person in this photo');
    expect(hat.fns).not.toContain('Math');
    expect(hat.fns).not.toContain('WordCount');
    expect(hat.status).toBe('failed');
    expect(hat.diagnostics[0].words).toEqual(['add a hat']);
    const sum = await planned('add 3 and 4');
    expect(sum.fns).toEqual(['Number', 'Math', 'Number']);
    expect(sum.param('Math')).toEqual({ op: 'add' });
  });

  test('"smooth" blurs only a picture', async () => {
    expect((await planned('compose smooth and relaxing music')).fns).not.toContain('BlurImage');
    expect((await planned('smooth the skin in this portrait')).fns).toEqual(['LoadImage', 'BlurImage']);
    expect((await planned('make this video smoother by interpolating 4x', full)).fns).toEqual(['LoadVideo', 'InterpolateFrames']);
  });
});

describe('read aloud: only the words given, with the real TTS model by default', () => {
  test('"Read this … aloud: X" speaks X alone', async () => {
    const r = await planned('Read this line aloud: Doors open at nine, not eight.');
    expect(r.status).toBe('ok');
    expect(r.fns).toEqual(['TextInput', 'TextToSpeech']);
    expect(r.param('TextInput')).toEqual({ text: 'Doors open at nine, not eight.' });
  });

  test('the offline synthesiser only when an offline or synthetic voice is asked for', async () => {
    const r = await planned('Please say this with a synthetic voice: Platform two.');
    expect(r.fns).toEqual(['TextInput', 'SpeakText']);
    expect(r.param('TextInput')).toEqual({ text: 'Platform two.' });
  });
});

describe('inputs the user supplies are loaded, never invented or described', () => {
  test('"this video": LoadVideo, not a described or animated picture', async () => {
    const without = await planned('cut this video between 2 and 6 seconds');
    expect(without.status).toBe('failed');
    expect(without.fns).toEqual([]);
    const withLoad = await planned('cut this video between 2 and 6 seconds', full);
    expect(withLoad.fns).toEqual(['LoadVideo', 'TrimVideo']);
    expect(withLoad.param('TrimVideo')).toEqual({ start: 2, end: 6 });
  });

  test('two named files feed a two-input function in order', async () => {
    const r = await planned("mix 'rain.wav' with 'thunder.mp3'", full);
    expect(r.fns).toEqual(['LoadAudio', 'MixAudio', 'LoadAudio']);
    expect(r.nodes.filter((n) => n.fn === 'LoadAudio').map((n) => n.params.source)).toEqual(['rain.wav', 'thunder.mp3']);
    expect(analyse(r.program, full).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

test('a second input the user did not give is reported, not invented', async () => {
  const r = await planned('blend this photo with another picture', full);
  expect(r.status).toBe('failed');
  expect(r.nodes.filter((n) => n.fn === 'LoadImage')).toHaveLength(1);
  expect(r.diagnostics.map((d) => d.message).join()).toMatch(/another image input is needed, and the instruction names none/);
  const both = await planned('blend these two photos', full);
  expect(both.fns.filter((f) => f === 'LoadImage')).toHaveLength(2);
});

test('an instruction longer than the planner reads is a clear error, not a long stall', async () => {
  const r = await planned(`remove ${'the-'.repeat(2000)}`);
  expect(r.status).toBe('failed');
  expect(r.diagnostics[0].message).toMatch(/^The instruction is 8007 characters long; the offline planner reads at most 1000\./);
});
