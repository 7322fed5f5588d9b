// The example programs that need no media APIs, run end to end (parse → check → the runtime's executor),
// with results a user would check by hand.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyse, type Value, type ValueOf } from '../../../src/workflow/lang';
import { getRegistry } from '../../../src/workflow/functions/implementations';
import { runProgram } from '../../../src/workflow/runtime/executor';
import { drawSampleCat } from '../../../src/workflow/functions/image/sample-cat';
import { resizeBilinear } from '../../../src/workflow/functions/image/pixels';
import { oilPaintCpu } from '../../../src/workflow/functions/gpu/oil-paint';
import { watercolorCpu } from '../../../src/workflow/functions/gpu/watercolor';

async function runExample(name: string) {
  const text = readFileSync(new URL(`../../../examples/workflows/${name}`, import.meta.url), 'utf8');
  const { program, diagnostics } = analyse(text, getRegistry());
  expect(diagnostics).toEqual([]);
  const result = await runProgram(program, { functions: (fn) => getRegistry().get(fn) });
  expect(result.errors).toEqual([]);
  expect(result.ok).toBe(true);
  return (node: string, port: string): Value => result.outputs.get(node)![port];
}

describe('examples/workflows', () => {
  test('number-arithmetic: 6 × 7', async () => {
    const out = await runExample('number-arithmetic.alang');
    expect(out('answer', 'text')).toEqual({ type: 'Text', text: 'the answer is 42' });
  });

  test('caption-template: a prompt from parts, upper-cased and counted', async () => {
    const out = await runExample('caption-template.alang');
    expect(out('loud', 'text')).toEqual({ type: 'Text', text: 'A CAT ON A SOFA, DRAWN IN BRIGHT CARTOON COLOURS' });
    expect(out('label', 'text')).toEqual({ type: 'Text', text: 'prompt length: 10 words' });
  });

  test('random-histogram: 1,024 samples binned, with their statistics', async () => {
    const out = await runExample('random-histogram.alang');
    const plot = out('hist', 'plot') as ValueOf<'Plot'>;
    expect(plot.series[0].y).toHaveLength(24);
    expect(plot.series[0].y.reduce((a, b) => a + b, 0)).toBe(1024);
    expect((out('stats', 'mean') as ValueOf<'Number'>).value).toBeCloseTo(0, 0);
  });

  test('attention-weights: each query’s weights sum to 1', async () => {
    const out = await runExample('attention-weights.alang');
    const plot = out('plot', 'plot') as ValueOf<'Plot'>;
    expect(plot.series).toHaveLength(4);
    for (const s of plot.series) {
      expect(s.y).toHaveLength(16);
      expect(s.y.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });

  test('painted-cat-card: oil paint and watercolour side by side, the photo inset at (8, 8)', async () => {
    const out = await runExample('painted-cat-card.alang');
    const cat = drawSampleCat(256);
    const card = out('card', 'image') as ValueOf<'Image'>;
    expect([card.width, card.height]).toEqual([512, 256]);
    const at = (img: ValueOf<'Image'>, x: number, y: number) =>
      Array.from(img.pixels.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
    // Left half: the oil paint; right half: the watercolour (their CPU references, as no GPU is set here).
    expect(at(card, 100, 200)).toEqual(at(oilPaintCpu(cat, { radius: 3, levels: 12 }), 100, 200));
    expect(at(card, 356, 200)).toEqual(at(watercolorCpu(cat, { radius: 3, edges: 0.6, grain: 0.5 }), 100, 200));
    // The inset: the photo scaled to 64×64, at 90 % over the painting.
    const photo = at(resizeBilinear(cat, 64, 64), 32, 32);
    const under = at(oilPaintCpu(cat, { radius: 3, levels: 12 }), 40, 40);
    expect(at(card, 40, 40).slice(0, 3)).toEqual([0, 1, 2].map((c) => Math.round(photo[c] * 0.9 + under[c] * 0.1)));
  });

  test('music-under-narration: as long as the longer input, faded to silence at both ends, ducked under the voice', async () => {
    const out = await runExample('music-under-narration.alang');
    const tune = out('tune', 'audio') as ValueOf<'Audio'>;
    const voice = out('voice', 'audio') as ValueOf<'Audio'>;
    const final = out('final', 'audio') as ValueOf<'Audio'>;
    const seconds = (a: ValueOf<'Audio'>) => a.channels[0].length / a.sampleRate;
    expect(final.sampleRate).toBe(tune.sampleRate);
    expect(seconds(final)).toBeCloseTo(Math.max(seconds(tune), seconds(voice)), 2);
    const ch = final.channels[0];
    expect(ch[0]).toBe(0);
    expect(ch[ch.length - 1]).toBeCloseTo(0, 6);
    const narrated = out('narrated', 'audio') as ValueOf<'Audio'>;
    // The music inside the mix (mix − voice) is much quieter than the tune while the voice speaks, and back
    // to full level from 0.3 s after the voice ends.
    const rms = (f: (i: number) => number, from: number, to: number) => {
      let sum = 0;
      for (let i = from; i < to; i++) sum += f(i) ** 2;
      return Math.sqrt(sum / (to - from));
    };
    const musicIn = (i: number) => narrated.channels[0][i] - (voice.channels[0][i] ?? 0);
    const rate = tune.sampleRate,
      speechEnd = voice.channels[0].length;
    const during = [Math.round(0.5 * rate), speechEnd - Math.round(0.5 * rate)] as const;
    const after = [speechEnd + Math.round(0.3 * rate), tune.channels[0].length] as const;
    expect(after[1] - after[0]).toBeGreaterThan(rate / 2);
    expect(rms(musicIn, ...during) / rms((i) => tune.channels[0][i], ...during)).toBeLessThan(0.5);
    expect(rms(musicIn, ...after) / rms((i) => tune.channels[0][i], ...after)).toBeCloseTo(1, 5);
    // −3 dB after the fades: a sample in the middle is the narrated one × 0.708.
    const mid = Math.floor(ch.length / 2);
    expect(ch[mid]).toBeCloseTo(narrated.channels[0][mid] * 0.70795, 5);
  });
});
