import { expect, test } from 'vitest';
import { labSeries } from '../../../src/lm/ui/lab-series';
import type { LabResult } from '../../../src/lm/lab';

const row = (
  phase: LabResult['phase'],
  method: string,
  compression: number,
  length: number,
  accuracy: number,
  density: number,
): LabResult => ({
  phase,
  method,
  compression,
  length,
  accuracy,
  density,
  samples: 8,
});

test('one accuracy and one cost line per sparse method and length, from the dense run at 1×, sorted, for the asked phase only', () => {
  const results = [
    row('prefill', 'block-topk', 4, 512, 0.5, 0.3),
    row('prefill', 'dense', 1, 512, 0.9, 1),
    row('prefill', 'block-topk', 2, 512, 0.7, 0.6),
    row('decode', 'quest', 2, 512, 0.8, 0.5),
    row('prefill', 'block-topk', 2, 256, 1, 0.6),
  ];
  const prefill = labSeries(results, 'prefill');
  expect(prefill.map((s) => [s.label, s.kind])).toEqual([
    ['block-topk · 512', 'accuracy'],
    ['block-topk · 512 (blocks computed)', 'cost'],
    ['block-topk · 256', 'accuracy'],
    ['block-topk · 256 (blocks computed)', 'cost'],
  ]);
  expect(prefill[0].points).toEqual([
    { x: 1, y: 0.9 },
    { x: 2, y: 0.7 },
    { x: 4, y: 0.5 },
  ]);
  expect(prefill[1].points).toEqual([
    { x: 1, y: 1 },
    { x: 2, y: 0.6 },
    { x: 4, y: 0.3 },
  ]);
  expect(prefill[2].points).toEqual([{ x: 2, y: 1 }]); // no dense run at 256: no baseline invented
  expect(labSeries(results, 'decode').map((s) => s.label)).toEqual(['quest · 512', 'quest · 512 (pages read)']);
});
