// Media functions that need no model, run through the real registry and executor in Node (no WebGPU,
// no WebCodecs here: GPU functions use their CPU reference; video encoding is covered by the browser test).
import { describe, expect, test } from 'vitest';
import { parse, print } from '../../../src/workflow/lang';
import type { ProgramJson, ValueOf } from '../../../src/workflow/lang/types';
import { getRegistry } from '../../../src/workflow/functions/implementations';
import { runProgram } from '../../../src/workflow/runtime/executor';
import { decodeOwnPng, encodePng, encodeWav, readRecipe } from '../../../src/workflow/runtime/recipe';
import { readGlbRecipe } from '../../../src/workflow/functions/mesh/export';
import { motionFrame } from '../../../src/workflow/functions/video/motion';
import { setWorkflowGpu } from '../../../src/workflow/functions/gpu/device';
import { drawSampleCat } from '../../../src/workflow/functions/image/sample-cat';

setWorkflowGpu(async () => undefined);

function program(text: string): ProgramJson {
  const { program, diagnostics } = parse(text);
  expect(diagnostics).toEqual([]);
  return program;
}
const run = (text: string) => runProgram(program(text), { functions: (n) => getRegistry().get(n), recipeOf: print });

describe('recipes travel inside output files', () => {
  const recipe = 'img = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=6)\nimg.image -> toon.image  # ünïcödé';

  test('PNG: iTXt chunk; pixels decode back exactly', () => {
    const img = drawSampleCat(24);
    const png = encodePng(img, { alang: recipe });
    expect(readRecipe(png)).toBe(recipe);
    const back = decodeOwnPng(png)!;
    expect(back.width).toBe(24);
    expect(back.pixels).toEqual(img.pixels);
  });

  test('WAV: LIST/INFO/ICMT chunk; the header describes the samples', () => {
    const wav = encodeWav({ type: 'Audio', sampleRate: 8000, channels: [new Float32Array([0, 0.5, -0.5])] }, recipe);
    expect(readRecipe(wav)).toBe(recipe);
    const v = new DataView(wav.buffer);
    expect(String.fromCharCode(...wav.subarray(0, 4))).toBe('RIFF');
    expect(v.getUint32(4, true)).toBe(wav.length - 8);
    expect(v.getUint32(24, true)).toBe(8000);
    const dataAt = wav.length - 6;
    expect(v.getInt16(dataAt + 2, true)).toBe(Math.round(0.5 * 32767));
  });

  test('a file without a recipe says so (undefined), never throws', () => {
    expect(readRecipe(encodePng(drawSampleCat(8)))).toBeUndefined();
    expect(readRecipe(new TextEncoder().encode('v 0 0 0\n'))).toBeUndefined();
  });
});

describe('media functions', () => {
  test('the seed program runs offline up to the video: cat → cartoon, and the video node explains what it needs', async () => {
    const r = await run(
      'img = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=4)\nclip = AnimateImage(frames=4, size=32)\nimg.image -> toon.image\ntoon.image -> clip.image',
    );
    const toon = r.outputs.get('toon')!.image as ValueOf<'Image'>;
    expect([toon.width, toon.height]).toEqual([256, 256]);
    // Quantised to 4 levels per channel (darkened only on outlines): far fewer colours than the photo-like cat.
    const colours = (img: ValueOf<'Image'>) =>
      new Set(
        Array.from(
          { length: img.width * img.height },
          (_, i) => img.pixels[i * 4] * 65536 + img.pixels[i * 4 + 1] * 256 + img.pixels[i * 4 + 2],
        ),
      ).size;
    expect(colours(toon)).toBeLessThan(colours(r.outputs.get('img')!.image as ValueOf<'Image'>) / 4);
    // Node has no WebCodecs: the error is pinned to the video node, not a crash.
    expect(r.errors).toEqual([expect.objectContaining({ node: 'clip', message: expect.stringContaining('needs WebCodecs') })]);
  });

  test('motion frames zoom in: the last frame shows a magnified centre', () => {
    const img = drawSampleCat(64);
    const spec = { frames: 5, motion: 'zoom-in' as const, width: 32, height: 32 };
    const first = motionFrame(img, spec, 0),
      last = motionFrame(img, spec, 4);
    expect(first.length).toBe(32 * 32 * 4);
    let diff = 0;
    for (let i = 0; i < first.length; i++) diff += Math.abs(first[i] - last[i]);
    expect(diff / first.length).toBeGreaterThan(2);
  });

  test('SpeakText and ComposeMusic make non-silent audio whose length follows the text', async () => {
    const r = await run(
      't = TextInput(text="hello little cat")\nlong = TextInput(text="hello little cat, how are you doing on this fine day")\nv = SpeakText()\nv2 = SpeakText()\nm = ComposeMusic(tempo=120)\nt.text -> v.text\nlong.text -> v2.text\nt.text -> m.text',
    );
    expect(r.errors).toEqual([]);
    const v = r.outputs.get('v')!.audio as ValueOf<'Audio'>,
      v2 = r.outputs.get('v2')!.audio as ValueOf<'Audio'>,
      m = r.outputs.get('m')!.audio as ValueOf<'Audio'>;
    const rms = (a: ValueOf<'Audio'>) => Math.sqrt(a.channels[0].reduce((s, x) => s + x * x, 0) / a.channels[0].length);
    for (const a of [v, m]) {
      expect(a.channels[0].length / a.sampleRate).toBeGreaterThan(0.5);
      expect(rms(a)).toBeGreaterThan(0.02);
      expect(a.channels[0].every((x) => Math.abs(x) <= 1)).toBe(true);
    }
    expect(v2.channels[0].length).toBeGreaterThan(v.channels[0].length * 2);
  });

  test('PseudoDepth → DepthToMesh: a grid mesh with colours; GLB and OBJ carry the recipe', async () => {
    const base =
      'img = LoadImage(source="cat.jpg")\nsmall = ResizeImage(width=32, height=32)\nd = PseudoDepth(smooth=1)\nimg.image -> small.image\nsmall.image -> d.image\nd.depth -> m.depth\nsmall.image -> m.color\n';
    const glb = await run(`${base}m = DepthToMesh(resolution=16, format="glb")`);
    expect(glb.errors).toEqual([]);
    const mesh = glb.outputs.get('m')!.mesh as ValueOf<'Mesh'>;
    expect(mesh.positions.length).toBe(16 * 16 * 3);
    expect(mesh.indices.length).toBe(15 * 15 * 6);
    expect(Math.max(...mesh.indices)).toBe(16 * 16 - 1);
    expect(mesh.colors!.length).toBe(mesh.positions.length);
    expect(readGlbRecipe(mesh.file!)).toContain('m = DepthToMesh(');
    const obj = await run(`${base}m = DepthToMesh(resolution=8, format="obj")`);
    const objMesh = obj.outputs.get('m')!.mesh as ValueOf<'Mesh'>;
    const text = new TextDecoder().decode(objMesh.file);
    expect(text.split('\n').filter((l) => l.startsWith('v ')).length).toBe(64);
    expect(text.split('\n').filter((l) => l.startsWith('f ')).length).toBe(7 * 7 * 2);
    expect(readRecipe(objMesh.file!)).toContain('d.depth -> m.depth');
  });

  test('image functions: resize, crop, grayscale, adjust, histogram and style filter give the expected pixels', async () => {
    const r = await run(`
img = LoadImage(source="cat")
s = ResizeImage(width=40, height=20)
c = CropImage(x=10, y=5, width=8, height=4)
g = Grayscale()
a = AdjustImage(brightness=1)
h = ImageHistogram(bins=4)
st = StyleFilter(style="sepia")
img.image -> s.image
s.image -> c.image
c.image -> g.image
c.image -> a.image
g.image -> h.image
c.image -> st.image
`);
    expect(r.errors).toEqual([]);
    const img = (n: string) => r.outputs.get(n)!.image as ValueOf<'Image'>;
    expect([img('s').width, img('s').height]).toEqual([40, 20]);
    expect([img('c').width, img('c').height]).toEqual([8, 4]);
    const g = img('g').pixels;
    for (let i = 0; i < g.length; i += 4) expect(g[i]).toBe(g[i + 2]);
    expect(Array.from(img('a').pixels.filter((_, i) => i % 4 !== 3)).every((v) => v === 255)).toBe(true);
    const h = r.outputs.get('h')!.plot as ValueOf<'Plot'>;
    expect(h.series.find((s) => s.name === 'luma')!.y.reduce((a, b) => a + b, 0)).toBe(32);
    const sepia = img('st').pixels;
    for (let i = 0; i < sepia.length; i += 4) expect(sepia[i]).toBeGreaterThanOrEqual(sepia[i + 2]);
  });

  test('every function of this runtime has ports, a doc and an example that parses', () => {
    const mine = [
      'LoadImage',
      'ResizeImage',
      'CropImage',
      'Grayscale',
      'BlurImage',
      'AdjustImage',
      'RenderText',
      'ImageHistogram',
      'PlotToImage',
      'Cartoonize',
      'StyleFilter',
      'AnimateImage',
      'SpeakText',
      'ComposeMusic',
      'AudioToPlot',
      'PseudoDepth',
      'DepthToMesh',
    ];
    for (const name of mine) {
      const def = getRegistry().get(name);
      expect(def, name).toBeDefined();
      expect(def!.doc.length).toBeGreaterThan(10);
      expect(parse(def!.example).diagnostics, name).toEqual([]);
    }
  });
});

test('a GLB made elsewhere: an oversized or malformed JSON chunk is a clear error, never a long parse', () => {
  const glb = (jsonLength: number, json: string) => {
    const body = new TextEncoder().encode(json);
    const bytes = new Uint8Array(20 + body.length);
    const v = new DataView(bytes.buffer);
    v.setUint32(0, 0x46546c67, true); // 'glTF'
    v.setUint32(4, 2, true);
    v.setUint32(8, bytes.length, true);
    v.setUint32(12, jsonLength, true);
    v.setUint32(16, 0x4e4f534a, true); // 'JSON'
    bytes.set(body, 20);
    return bytes;
  };
  expect(() => readGlbRecipe(glb(1 << 30, '{}'))).toThrow(/JSON chunk is 1073741824 bytes; at most 16777216 are read/);
  expect(() => readGlbRecipe(glb(5, '{"as'))).toThrow(/JSON chunk is not valid JSON/);
  const ok = '{"asset":{"extras":{"alang":"n = Number(value=2)"}}}';
  expect(readGlbRecipe(glb(ok.length, ok))).toBe('n = Number(value=2)');
});
