// The hand-written affordance programs of the tasks the synthesiser's DSL cannot express: each verifies on
// sample screens (a path through its own actions reaches +1), offers a choice (≥ 2 actions per screen on
// average), and covers what a scripted player did, step by step, recorded as a demonstration.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeSandbox } from '../../../src/webnav/affordance/node-sandbox';
import type { AffordanceSandbox } from '../../../src/webnav/affordance/sandbox';
import { HANDWRITTEN_PROGRAMS, verifyHandwritten } from '../../../src/webnav/affordance/handwritten';
import { demoCoverage } from '../../../src/webnav/demo/coverage';
import { recordEpisode } from '../webnav-demo/record';

let sandbox: AffordanceSandbox;
beforeAll(async () => {
  sandbox = await nodeSandbox({ timeLimitMs: 2000 });
}, 60_000);
afterAll(() => sandbox?.dispose());

// enter-time takes up to six steps over six buttons: too deep for the path search, so it is checked by
// coverage alone (the scripted player's every step is among the program's actions).
const DEEP = Object.keys(HANDWRITTEN_PROGRAMS).filter((t) => t !== 'enter-time');

describe('hand-written affordance programs', () => {
  test.each(DEEP)('%s verifies on three screens and leaves a choice', async (task) => {
    const v = (await verifyHandwritten(sandbox, task, [1, 2, 3]))!;
    expect(v.failures).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.meanActions).toBeGreaterThanOrEqual(2);
  });

  // Where the scripted player takes two steps that the program offers as one macro (copy-paste: click the
  // field, then paste), or scrolls by another amount, the step is not covered: that is reported, not hidden.
  const FULL_COVERAGE = ['highlight-text', 'drag-shape', 'drag-items', 'choose-date', 'enter-time'];
  test.each(FULL_COVERAGE)("%s covers every step of the scripted player's episodes", async (task) => {
    for (const seed of [1, 2, 3, 4]) {
      const r = await demoCoverage(recordEpisode(task, seed), HANDWRITTEN_PROGRAMS[task], sandbox);
      expect(r.rate, `seed ${seed}: ${JSON.stringify(r.steps.filter((s) => !s.covered))}`).toBe(1);
    }
  });
});
