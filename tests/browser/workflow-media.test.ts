// Issue 11 in the built app: video and audio files as inputs. A WebM recorded in the page (MediaRecorder on a
// canvas whose colour turns from red to blue over 1.2 s, so every frame says when it was drawn, with a 440 Hz
// Opus sound track) and a WAV written here (a 440 Hz tone) are picked with "Open / add file"; a typed program
// loads, trims and takes a frame of the video, reads the recording's sound, and mixes the tone with speech-like
// audio; the user sees a trimmed video that plays, the frame, the sound and a mixed sound of the right length. Then bad input: a damaged WebM, an unknown file and a missing file are
// errors on their nodes' `source`, while the other branch still gives its output.
import fs from 'node:fs';
import path from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, typeInto, ARTIFACTS, type AppSession } from './harness';

const typeProgram = (app: AppSession, text: string) => typeInto(app.page, '[data-testid=wf-editor] .cm-content', text);

async function pick(app: AppSession, name: string, bytes: Uint8Array, added: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  fs.writeFileSync(file, bytes);
  const input = (await app.page.$('[data-testid=wf-file]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  await app.waitForText('[data-testid=wf-note]', added);
}

/** A mono 16-bit PCM WAV: `seconds` of a 440 Hz tone at half scale. */
function toneWav(seconds: number, rate = 8000): Uint8Array {
  const n = Math.round(seconds * rate);
  const out = new Uint8Array(44 + n * 2);
  const v = new DataView(out.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + n * 2, true);
  ascii(8, 'WAVEfmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) v.setInt16(44 + 2 * i, Math.round(16383 * Math.sin((2 * Math.PI * 440 * i) / rate)), true);
  return out;
}

/** The pixels of an image output as the page shows it (`<node>-<port>`), read back through a canvas. */
async function shownImage(app: AppSession, output: string) {
  const { width, height, data } = await app.page.$eval(`[data-testid=wf-output-${output}] img`, async (el) => {
    const img = el as HTMLImageElement;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    return { width: c.width, height: c.height, data: Array.from(g.getImageData(0, 0, c.width, c.height).data) };
  });
  return { width, height, rgba: (x: number, y: number) => data.slice((y * width + x) * 4, (y * width + x) * 4 + 4) };
}

const status = (app: AppSession, node: string) => app.page.$eval(`[data-testid=wf-node-${node}]`, (el) => el.getAttribute('data-status'));

describe('Workflows tab: video and audio files', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ tab: 'workflows' });
    await app.page.waitForSelector('[data-testid=wf-editor] .cm-content');
  });
  afterAll(async () => app?.close());

  test('a recorded WebM and a WAV: loaded, trimmed, a frame taken, mixed; the outputs play and show', async () => {
    // Record 1.2 s of a 64×48 canvas going from red to blue, as a camera recording would arrive (no cues, no duration).
    const webm = await app.page.evaluate(async () => {
      const c = document.createElement('canvas');
      c.width = 64;
      c.height = 48;
      const g = c.getContext('2d')!;
      // With a 440 Hz tone as its sound track (Opus), as a phone recording has sound.
      const ac = new AudioContext();
      await ac.resume();
      const osc = ac.createOscillator();
      const sound = ac.createMediaStreamDestination();
      osc.frequency.value = 440;
      osc.connect(sound);
      osc.start();
      const tracks = [...c.captureStream(30).getVideoTracks(), ...sound.stream.getAudioTracks()];
      const rec = new MediaRecorder(new MediaStream(tracks), { mimeType: 'video/webm;codecs=vp8,opus' });
      const chunks: Blob[] = [];
      rec.ondataavailable = (e) => chunks.push(e.data);
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        rec.onstop = () => resolve();
        rec.start();
        const draw = () => {
          const t = Math.min(1, (performance.now() - t0) / 1200);
          g.fillStyle = `rgb(${Math.round(255 * (1 - t))}, 0, ${Math.round(255 * t)})`;
          g.fillRect(0, 0, 64, 48);
          if (t < 1) setTimeout(draw, 30);
          else rec.stop();
        };
        draw();
      });
      const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
      return Array.from(bytes);
    });
    await pick(app, 'recorded.webm', Uint8Array.from(webm), 'Added recorded.webm: use LoadVideo(source="recorded.webm")');
    await pick(app, 'tone.wav', toneWav(1), 'Added tone.wav: use LoadAudio(source="tone.wav")');

    await typeProgram(
      app,
      [
        'clip = LoadVideo(source="recorded.webm", size=64)',
        'cut = TrimVideo(start=0.2, end=0.8)',
        'still = ExtractFrame(time=0.6)',
        'song = LoadAudio(source="tone.wav")',
        'sound = LoadAudio(source="recorded.webm")',
        't = TextInput(text="hi")',
        'voice = SpeakText()',
        'mix = MixAudio(balance=0.5)',
        'clip.video -> cut.video',
        'clip.video -> still.video',
        't.text -> voice.text',
        'song.audio -> mix.a',
        'voice.audio -> mix.b',
      ].join('\n'),
    );
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
    await app.page.click('[data-testid=wf-run]');
    const note = await app.waitForText('[data-testid=wf-run-note]', /Done in|error/, 180_000);
    if (!note.includes('Done in')) console.log(await app.text('[data-testid=wf-run-errors]'));
    expect(note).toContain('Done in');
    for (const n of ['clip', 'cut', 'still', 'song', 'sound', 'mix']) expect(await status(app, n), n).toBe('done');

    // The trimmed clip: 0.6 s of 64×48 that plays.
    const summary = await app.text('[data-testid=wf-output-cut-video]');
    const m = /Video 64×48, (\d+) frames @ (\d+) fps/.exec(summary);
    expect(m, summary).not.toBeNull();
    const [frames, fps] = [Number(m![1]), Number(m![2])];
    expect(frames / fps).toBeCloseTo(0.6, 1);
    const video = await app.page.$eval('[data-testid=wf-output-cut-video] video', async (el) => {
      const v = el as HTMLVideoElement;
      if (v.readyState < 2) await new Promise((r) => v.addEventListener('loadeddata', r, { once: true }));
      return { readyState: v.readyState, width: v.videoWidth, height: v.videoHeight };
    });
    expect(video).toMatchObject({ width: 64, height: 48 });
    expect(video.readyState).toBeGreaterThanOrEqual(2);

    // The frame at 0.6 s: half-way from red to blue (the recording's timing and VP8 blur it a little).
    const still = await shownImage(app, 'still-image');
    expect([still.width, still.height]).toEqual([64, 48]);
    const rgb = still.rgba(32, 24).slice(0, 3);
    const [r, , b] = rgb;
    expect(r, `frame colour ${rgb}`).toBeGreaterThan(40);
    expect(b, `frame colour ${rgb}`).toBeGreaterThan(40);
    expect(Math.abs(r + b - 255), `frame colour ${rgb}`).toBeLessThan(70);

    // The mix: as long as the longer input (the 1 s tone), at the tone's rate.
    expect(await app.text('[data-testid=wf-output-mix-audio]')).toContain('Audio 1s @ 8000 Hz, 1 ch');
    const duration = await app.page.$eval('[data-testid=wf-output-mix-audio] audio', async (el) => {
      const a = el as HTMLAudioElement;
      if (a.readyState < 1) await new Promise((r) => a.addEventListener('loadedmetadata', r, { once: true }));
      return a.duration;
    });
    expect(duration).toBeCloseTo(1, 2);
    // The recording's sound track (Opus, decoded by WebCodecs' AudioDecoder): about 1.2 s of the 440 Hz tone.
    const soundSummary = await app.text('[data-testid=wf-output-sound-audio]');
    const seconds = Number(/Audio ([\d.]+)s @ (\d+) Hz/.exec(soundSummary)?.[1]);
    expect(seconds, soundSummary).toBeGreaterThan(0.9);
    expect(seconds, soundSummary).toBeLessThan(1.6);
    const wav = await app.page.$eval('[data-testid=wf-output-sound-audio] audio', async (el) =>
      Array.from(new Uint8Array(await (await fetch((el as HTMLAudioElement).src)).arrayBuffer())),
    );
    const pcm = new DataView(Uint8Array.from(wav).buffer);
    // Walk the RIFF chunks to the samples (the recipe sits in a LIST chunk before them).
    let dataAt = 12;
    while (dataAt < wav.length && String.fromCharCode(...wav.slice(dataAt, dataAt + 4)) !== 'data') {
      const size = pcm.getUint32(dataAt + 4, true);
      dataAt += 8 + size + (size % 2); // chunks are padded to even sizes
    }
    dataAt += 8;
    const channels = pcm.getUint16(22, true);
    let sum = 0,
      n = 0;
    for (let at = dataAt + channels * 2 * 4800; at + 1 < Math.min(wav.length, dataAt + channels * 2 * 24000); at += channels * 2, n++)
      sum += (pcm.getInt16(at, true) / 32768) ** 2;
    // A full-scale sine has RMS 0.707; Opus keeps it near that.
    expect(Math.sqrt(sum / n)).toBeGreaterThan(0.3);
    await app.screenshot('workflow-media-files');
  });

  test('a damaged WebM, an unknown file and a missing file: errors on the node and port; the other branch still runs', async () => {
    const junk = new Uint8Array(2000).map((_, i) => (i * 7919 + 13) & 255);
    junk.set([0x1a, 0x45, 0xdf, 0xa3]);
    await pick(app, 'damaged.webm', junk, 'Added damaged.webm: use LoadVideo');
    await pick(app, 'notes.bin', new TextEncoder().encode('not a sound at all'), 'Added notes.bin');
    await typeProgram(
      app,
      [
        'broken = LoadVideo(source="damaged.webm")',
        'still = ExtractFrame(time=0)',
        'notes = LoadAudio(source="notes.bin")',
        'missing = LoadVideo(source="holiday.mp4")',
        'song = LoadAudio(source="tone.wav")',
        'soft = FadeAudio(fadeIn=0.5, fadeOut=0.2)',
        'broken.video -> still.video',
        'song.audio -> soft.audio',
      ].join('\n'),
    );
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
    await app.page.click('[data-testid=wf-run]');
    const errs = await app.waitForText('[data-testid=wf-run-errors]', 'missing', 120_000);
    expect(errs).toMatch(/broken \(LoadVideo\), port source: "damaged.webm" (has no video track: it looks damaged|could not be read)/);
    expect(errs).toContain('notes (LoadAudio), port source: "notes.bin" is not a media file this app reads (18 bytes');
    expect(errs).toContain(
      'missing (LoadVideo), port source: no file called "holiday.mp4": drop or pick the video file on the Workflows tab first',
    );
    expect(await app.text('[data-testid=wf-node-error-broken]')).toContain('source: "damaged.webm"');
    expect(await status(app, 'still')).toBe('skipped');
    // The program is kept and the independent branch gave its output.
    expect(await app.page.$eval('[data-testid=wf-editor] .cm-content', (el) => (el as HTMLElement).innerText)).toContain(
      'missing = LoadVideo(source="holiday.mp4")',
    );
    expect(await status(app, 'soft')).toBe('done');
    expect(await app.text('[data-testid=wf-output-soft-audio]')).toContain('Audio 1s @ 8000 Hz');
    await app.screenshot('workflow-media-bad-input');
  });

  test('the video-edit example and a captioned slideshow: joined, slowed, smoothed on the GPU; text over a photo', async () => {
    await app.page.select('[data-testid=wf-examples]', 'video-edit');
    // Over edited work the tab asks first.
    await app.page.waitForFunction(
      () =>
        !!document.querySelector('[data-testid=wf-confirm]') ||
        document.querySelector('[data-testid=wf-editor] .cm-content')!.textContent!.includes('InterpolateFrames'),
    );
    if (await app.page.$('[data-testid=wf-confirm]')) await app.page.click('[data-testid=wf-confirm-replace]');
    await app.page.waitForFunction(() =>
      document.querySelector('[data-testid=wf-editor] .cm-content')!.textContent!.includes('InterpolateFrames'),
    );
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
    await app.page.click('[data-testid=wf-run]');
    expect(await app.waitForText('[data-testid=wf-run-note]', /Done in|error/, 180_000)).toContain('Done in');
    // 2 × 6 frames at 6 fps joined (2 s), at half speed 24 frames (4 s), then doubled: 47 frames at 12 fps.
    expect(await app.text('[data-testid=wf-output-smooth-video]')).toContain('Video 32×32, 47 frames @ 12 fps');
    expect(await app.text('[data-testid=wf-status-smooth]')).toMatch(/WGSL blends on the GPU, [0-9.]+ ms/);
    expect(await app.text('[data-testid=wf-output-still-image]')).toContain('Image 32×32');
    const duration = await app.page.$eval('[data-testid=wf-output-smooth-video] video', async (el) => {
      const v = el as HTMLVideoElement;
      if (v.readyState < 1) await new Promise((r) => v.addEventListener('loadedmetadata', r, { once: true }));
      return v.duration;
    });
    expect(duration).toBeCloseTo(47 / 12, 1);

    await typeProgram(
      app,
      [
        'img = LoadImage(source="cat.jpg")',
        't = TextInput(text="MEOW")',
        'card = OverlayText(position="bottom", fontSize=40, color="#ffff00")',
        'show = Slideshow(seconds=0.5, fps=8, size=48, transition="crossfade")',
        'img.image -> card.image',
        't.text -> card.text',
        'img.image -> show.image1',
        'card.image -> show.image2',
      ].join('\n'),
    );
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
    await app.page.click('[data-testid=wf-run]');
    expect(await app.waitForText('[data-testid=wf-run-note]', /Done in|error/, 180_000)).toContain('Done in');
    expect(await app.text('[data-testid=wf-output-show-video]')).toContain('Video 48×48, 8 frames @ 8 fps');
    // Run to the captioned photo to see it: yellow text in the bottom band, the top of the picture untouched.
    await app.page.select('[data-testid=wf-target]', 'card');
    await app.page.click('[data-testid=wf-run-to]');
    await app.page.waitForSelector('[data-testid=wf-output-card-image] img');
    const card = await shownImage(app, 'card-image');
    const yellowIn = (y0: number, y1: number) => {
      let n = 0;
      for (let y = y0; y < y1; y++)
        for (let x = 0; x < card.width; x++) {
          const [r, g, b] = card.rgba(x, y);
          if (r > 230 && g > 230 && b < 40) n++;
        }
      return n;
    };
    const yellow = { top: yellowIn(0, 128), bottom: yellowIn(192, 256) };
    expect(yellow.top).toBe(0);
    expect(yellow.bottom).toBeGreaterThan(200);
    await app.screenshot('workflow-media-edit');
  });

  test('no uncaught errors on the page', () => {
    expect(app.errors.filter((e) => !/WebGPU|GPU device|destroyed/i.test(e))).toEqual([]);
  });
});
