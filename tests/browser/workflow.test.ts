// The Workflows tab in a real Chromium (WebGPU on SwiftShader, WebCodecs VP8): a person asks for the cat
// cartoon video, runs it, watches per-node status, plays the WebM; re-runs hit the cache; a broken program
// shows a located diagnostic; the program survives a reload; a dropped output restores its recipe.
import fs from 'node:fs';
import path from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, ARTIFACTS, type AppSession } from './harness';

// Small enough for software encoding: 64×64, 24 frames.
const CAT_PROGRAM = [
  'img  = LoadImage(source="cat.jpg")',
  'toon = Cartoonize(levels=6)',
  'clip = AnimateImage(frames=24, fps=24, motion="zoom-in", size=64)',
  'img.image  -> toon.image',
  'toon.image -> clip.image',
].join('\n');

/** Replaces the editor's text as a person would: select all, type (insertText keeps it fast). */
async function typeProgram(app: AppSession, text: string) {
  await app.page.click('[data-testid=wf-editor] .cm-content');
  await app.page.keyboard.down('Control');
  await app.page.keyboard.press('a');
  await app.page.keyboard.up('Control');
  await app.page.keyboard.press('Backspace');
  await app.page.keyboard.sendCharacter(text);
}

const editorText = (app: AppSession) => app.page.$eval('[data-testid=wf-editor] .cm-content', (el) => (el as HTMLElement).innerText);
const statusOf = (app: AppSession, node: string) =>
  app.page.$eval(`[data-testid=wf-status-${node}]`, (el) => el.getAttribute('data-status'));

describe('Workflows tab', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ tab: 'workflows' });
    await app.page.waitForSelector('[data-testid=wf-editor] .cm-content');
  });
  afterAll(async () => app?.close());

  // retry: 1 — once in about 7 full runs here (never alone) no plan message came within 120 s; the offline planner
  // itself answers in milliseconds, so the page or its worker stalled; cause not yet found (closing note).
  test('the offline planner turns the cat instruction into the seed program', { retry: 1 }, async () => {
    await app.page.click('[data-testid=wf-instruction]', { count: 3 });
    await app.page.keyboard.sendCharacter('turn this cat photo into a cartoon-style video');
    await app.page.select('[data-testid=wf-backend]', 'rules');
    await app.page.click('[data-testid=wf-plan]');
    await app.waitForText('[data-testid=wf-plan-message]', 'Planned with rules');
    const text = await editorText(app);
    for (const fn of ['LoadImage', 'Cartoonize', 'AnimateImage']) expect(text).toContain(fn);
    // The graph shows the same program.
    expect(await app.page.$$eval('.svelte-flow__node', (els) => els.length)).toBe(3);
  });

  test('a step the planner cannot map is shown as failed with the words, and the editor keeps its program', async () => {
    const before = await editorText(app);
    await app.page.click('[data-testid=wf-instruction]', { count: 3 });
    await app.page.keyboard.sendCharacter('posterize this photo');
    await app.page.click('[data-testid=wf-plan]');
    await app.waitForText('[data-testid=wf-plan-status]', 'failed');
    expect(await app.page.$eval('[data-testid=wf-plan-diagnostic]', (el) => el.textContent)).toMatch(
      /"posterize".*closest: Cartoonize, StyleFilter/s,
    );
    await app.screenshot('workflow-plan-failed');
    expect(await editorText(app)).toBe(before);
  });

  test('graph edits rewrite the text, and undo/redo cover them', async () => {
    await typeProgram(app, CAT_PROGRAM);
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
    // The graph follows the worker's analysis: wait until it shows the typed program, not the planned one.
    await app.waitForText('[data-testid=wf-node-clip]', 'frames=24');
    await app.page.waitForSelector('.svelte-flow__edge[data-id="toon.image->clip.image"]');
    await new Promise((r) => setTimeout(r, 500)); // let the view settle after fitting the new graph
    // Delete an edge in the graph: click it, press Delete; the connection line leaves the text.
    const mid = await app.page.$eval('.svelte-flow__edge[data-id="toon.image->clip.image"] path', (el) => {
      const path = el as SVGPathElement;
      const p = path.getPointAtLength(path.getTotalLength() / 2).matrixTransform(path.getScreenCTM()!);
      return { x: p.x, y: p.y };
    });
    await app.page.mouse.click(mid.x, mid.y);
    await app.page.keyboard.press('Delete');
    await app.page.waitForFunction(
      () => !document.querySelector('[data-testid=wf-editor] .cm-content')!.textContent!.includes('toon.image -> clip.image'),
    );
    expect(await editorText(app)).toContain('img.image -> toon.image');
    // Add a node from the graph's toolbar.
    await app.page.select('[data-testid=wf-add-fn]', 'Grayscale');
    // Graph edits wait for the worker's check of the current text (the toolbar is disabled meanwhile).
    await app.page.waitForSelector('[data-testid=wf-add-node]:not([disabled])');
    await app.page.click('[data-testid=wf-add-node]');
    await app.page.waitForSelector('[data-testid=wf-node-grayscale1]');
    expect(await editorText(app)).toContain('grayscale1 = Grayscale()');
    await app.screenshot('workflow-graph-edit');
    // One undo history for both views.
    await app.page.click('[data-testid=wf-undo]');
    expect(await editorText(app)).not.toContain('grayscale1');
    await app.page.click('[data-testid=wf-undo]');
    expect(await editorText(app)).toContain('toon.image -> clip.image');
    await app.page.click('[data-testid=wf-redo]');
    expect(await editorText(app)).not.toContain('toon.image -> clip.image');
    await app.page.waitForFunction(() => !document.querySelector('.svelte-flow__edge[data-id="toon.image->clip.image"]'));
  });

  test('a typed program runs with per-node status and yields a playable WebM', async () => {
    await typeProgram(app, CAT_PROGRAM);
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
    await app.page.click('[data-testid=wf-run]');
    // Status is visible while it runs and ends as done for every node.
    await app.page.waitForFunction(() => document.querySelector('[data-testid=wf-status-clip]')?.getAttribute('data-status') === 'done', {
      timeout: 120_000,
    });
    for (const n of ['img', 'toon', 'clip']) expect(await statusOf(app, n)).toBe('done');
    expect(await app.page.$eval('[data-testid=wf-node-toon]', (el) => el.getAttribute('data-status'))).toBe('done');
    expect(await app.text('[data-testid=wf-status-toon]')).toMatch(/WGSL on the GPU|CPU reference/);

    await app.page.waitForSelector('[data-testid=wf-output-video]');
    const media = await app.page.$eval('[data-testid=wf-output-video]', async (el) => {
      const v = el as HTMLVideoElement;
      if (v.readyState < 1) await new Promise((r) => v.addEventListener('loadedmetadata', r, { once: true }));
      const before = v.currentTime;
      await v.play();
      await new Promise((r) => setTimeout(r, 600));
      return {
        readyState: v.readyState,
        duration: v.duration,
        width: v.videoWidth,
        height: v.videoHeight,
        before,
        after: v.currentTime,
        error: v.error?.message ?? null,
      };
    });
    expect(media.error).toBeNull();
    expect(media.readyState).toBeGreaterThanOrEqual(2);
    expect(media.duration).toBeGreaterThan(0.5);
    expect(media.duration).toBeLessThan(1.5);
    expect([media.width, media.height]).toEqual([64, 64]);
    expect(media.after).toBeGreaterThan(media.before);
    expect(await app.text('[data-testid=wf-output-clip-video]')).toContain('Video 64×64, 24 frames');
    await app.screenshot('workflow-cat-video');
  });

  test('a re-run after a parameter change runs only the changed node and what follows', async () => {
    await typeProgram(app, CAT_PROGRAM.replace('motion="zoom-in"', 'motion="pan-left"'));
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
    await app.page.click('[data-testid=wf-run]');
    await app.page.waitForFunction(() => document.querySelector('[data-testid=wf-status-clip]')?.getAttribute('data-status') === 'done', {
      timeout: 120_000,
    });
    expect(await statusOf(app, 'img')).toBe('cached');
    expect(await statusOf(app, 'toon')).toBe('cached');
    expect(await statusOf(app, 'clip')).toBe('done');
  });

  test('a dropped output file restores the program that made it', async () => {
    // The video the user would download: its bytes, as the page has them.
    const bytes = await app.page.$eval('[data-testid=wf-output-video]', async (el) => {
      const buf = await (await fetch((el as HTMLVideoElement).src)).arrayBuffer();
      return Array.from(new Uint8Array(buf));
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'workflow-clip.webm');
    fs.writeFileSync(file, Uint8Array.from(bytes));
    await typeProgram(app, 'x = TextInput(text="something else")');
    const input = (await app.page.$('[data-testid=wf-file]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    // The typed program is unsaved work: the page asks before replacing it.
    await app.waitForText('[data-testid=wf-confirm]', 'Replace it with the program that made workflow-clip.webm?');
    expect(await editorText(app)).toBe('x = TextInput(text="something else")');
    await app.page.click('[data-testid=wf-confirm-replace]');
    await app.waitForText('[data-testid=wf-note]', 'Restored the program that made workflow-clip.webm');
    const restored = await editorText(app);
    expect(restored).toContain('clip = AnimateImage(frames=24, fps=24, motion="pan-left", size=64)');
    expect(restored).toContain('toon.image -> clip.image');
  });

  test('Cancel stops a long run: the video node ends cancelled and nothing is shown for it', async () => {
    await typeProgram(app, CAT_PROGRAM.replace('frames=24', 'frames=240').replace('size=64', 'size=256'));
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
    await app.page.click('[data-testid=wf-run]');
    await app.page.waitForFunction(
      () => document.querySelector('[data-testid=wf-status-clip]')?.getAttribute('data-status') === 'running',
      { timeout: 60_000 },
    );
    await app.page.click('[data-testid=wf-cancel]');
    await app.waitForText('[data-testid=wf-run-note]', 'Cancelled.', 20_000);
    expect(await statusOf(app, 'clip')).toBe('cancelled');
    expect(await statusOf(app, 'toon')).toBe('cached');
    expect(await app.page.$('[data-testid=wf-output-clip-video]')).toBeNull();
  });

  test('audio, chart, image from a site URL and a 3D mesh all reach the outputs gallery', async () => {
    await typeProgram(
      app,
      [
        'photo = LoadImage(source="samples/cat.png")',
        'small = ResizeImage(width=48, height=48)',
        'depth = PseudoDepth(smooth=1)',
        'mesh = DepthToMesh(resolution=16, format="glb")',
        'hist = ImageHistogram(bins=16)',
        'words = TextInput(text="hello little cat")',
        'voice = SpeakText(pitch=150)',
        'photo.image -> small.image',
        'small.image -> depth.image',
        'depth.depth -> mesh.depth',
        'small.image -> mesh.color',
        'small.image -> hist.image',
        'words.text -> voice.text',
      ].join('\n'),
    );
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
    await app.page.click('[data-testid=wf-run]');
    await app.waitForText('[data-testid=wf-run-note]', /Done in/);
    const audio = await app.page.$eval('[data-testid=wf-output-voice-audio] audio', async (el) => {
      const a = el as HTMLAudioElement;
      if (a.readyState < 1) await new Promise((r) => a.addEventListener('loadedmetadata', r, { once: true }));
      return a.duration;
    });
    expect(audio).toBeGreaterThan(0.5);
    const chart = await app.page.$eval('[data-testid=wf-output-hist-plot] img', async (el) => {
      const img = el as HTMLImageElement;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    });
    expect(chart).toEqual([480, 300]);
    expect(await app.text('[data-testid=wf-output-mesh-mesh]')).toContain('Mesh 256 vertices, 450 triangles');
    expect(await app.page.$('[data-testid=wf-output-mesh-mesh] canvas[data-testid=wf-mesh-viewer]')).not.toBeNull();
    expect(await app.page.$eval('[data-testid=wf-output-mesh-mesh] a', (a) => a.getAttribute('download'))).toBe('mesh-mesh.glb');
    await app.screenshot('workflow-gallery');
  });

  test('a failing node is shown on the node and port with its inputs; run-to-node runs only its ancestors', async () => {
    await typeProgram(
      app,
      'img = LoadImage(source="cat.jpg")\ncrop = CropImage(x=200, y=0, width=100, height=50)\nimg.image -> crop.image',
    );
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
    await app.page.click('[data-testid=wf-run]');
    const errs = await app.waitForText('[data-testid=wf-run-errors]', 'crop');
    expect(errs).toContain('crop (CropImage), port image: crop 100×50 at (200, 0) reaches outside the 256×256 image');
    expect(errs).toContain('inputs: image = Image 256×256');
    expect(await app.text('[data-testid=wf-node-error-crop]')).toContain('image: crop 100×50');
    await app.screenshot('workflow-node-error');

    await app.page.select('[data-testid=wf-target]', 'img');
    await app.page.click('[data-testid=wf-run-to]');
    await app.waitForText('[data-testid=wf-run-note]', /Done in/);
    expect(await statusOf(app, 'img')).toBe('cached');
    expect(await statusOf(app, 'crop')).toBe('idle');
    expect(await app.text('[data-testid=wf-output-img-image]')).toContain('Image 256×256');
  });

  test('independent CPU branches run at the same time, in node workers', async () => {
    await typeProgram(
      app,
      [
        'img = LoadImage(source="cat.jpg")',
        'left = ResizeImage(width=512, height=512)',
        'right = ResizeImage(width=500, height=500)',
        'img.image -> left.image',
        'img.image -> right.image',
      ].join('\n'),
    );
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
    await app.page.click('[data-testid=wf-run]');
    await app.waitForText('[data-testid=wf-run-note]', /Done in/);
    // Both were dispatched at once to different node workers (threads), so they ran in parallel.
    const left = await app.text('[data-testid=wf-status-left]');
    const right = await app.text('[data-testid=wf-status-right]');
    const worker = (row: string) => /in node worker (\d+) of (\d+)/.exec(row)?.[1];
    expect(worker(left)).toBeDefined();
    expect(worker(right)).toBeDefined();
    expect(worker(left)).not.toBe(worker(right));
    expect(await statusOf(app, 'left')).toBe('done');
    expect(await app.text('[data-testid=wf-output-right-image]')).toContain('Image 500×500');
  });

  test('a broken program shows an inline diagnostic with line:column and is not run', async () => {
    await typeProgram(app, 'img = LoadImage(source="cat.jpg")\ntoon = Cartoonise(levels=6)\nimg.image -> toon.image');
    const diags = await app.waitForText('[data-testid=wf-diagnostics]', 'error');
    expect(diags).toMatch(/2:8\s*error: .*Cartoonise/);
    await app.page.waitForSelector('[data-testid=wf-editor] .cm-lintRange-error');
    await app.page.click('[data-testid=wf-run]');
    expect(await app.waitForText('[data-testid=wf-run-note]', 'Fix')).toMatch(/2:8/);
    await app.screenshot('workflow-diagnostic');
  });

  test('the program survives a reload (autosave)', async () => {
    const program = 'greeting = TextInput(text="autosaved program")\nloud = Case(mode="upper")\ngreeting.text -> loud.text';
    await typeProgram(app, program);
    await app.waitForText('[data-testid=wf-diagnostics]', 'No problems');
    await app.page.reload({ waitUntil: 'load' });
    await app.page.waitForSelector('[data-testid=wf-editor] .cm-content');
    expect(await editorText(app)).toBe(program);
    await app.page.click('[data-testid=wf-run]');
    await app.waitForText('[data-testid=wf-output-loud-text]', 'AUTOSAVED PROGRAM');
  });

  test('no uncaught errors on the page', () => {
    expect(app.errors.filter((e) => !/WebGPU|GPU device|destroyed/i.test(e))).toEqual([]);
  });
});
