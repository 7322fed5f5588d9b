// The example programs that need no media APIs, run end to end (parse → check → the runtime's executor),
// with results a user would check by hand.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyse, type Value, type ValueOf } from '../../../src/workflow/lang';
import { getRegistry } from '../../../src/workflow/functions/implementations';
import { runProgram } from '../../../src/workflow/runtime/executor';

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
});
