// The offline synthesiser finds, for each click task, a verified program whose few actions include the target.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeSandbox } from '../../../src/webnav/affordance/node-sandbox';
import type { AffordanceSandbox } from '../../../src/webnav/affordance/sandbox';
import { synthesise } from '../../../src/webnav/affordance/synthesiser';
import { verifyProgram } from '../../../src/webnav/affordance/verify';
import { makeEnv } from '../../../src/webnav/tasks/index';

let sandbox: AffordanceSandbox;
beforeAll(async () => {
  sandbox = await nodeSandbox({ timeLimitMs: 2000 });
}, 60_000);
afterAll(() => sandbox?.dispose());

/** Whether one of the actions clicks inside the element the task's own scene marks as the target. */
function hitsTarget(task: string, seed: number, actions: { type: string; x?: number; y?: number }[]): boolean {
  for (const a of actions) {
    if (a.type !== 'click') continue;
    const env = makeEnv(task);
    env.reset(seed);
    if (env.step({ type: 'click', x: a.x!, y: a.y! }).reward > 0) return true;
  }
  return false;
}

describe('verification', () => {
  test('rejects errors, empty sets, actions that change nothing, and sets that cannot succeed', async () => {
    const prog = (body: string) => `function affordances(screen, utterance, lib) {\n${body}\n}`;
    const broken = await verifyProgram(sandbox, prog('return lib.nothing();'), 'click-button', [1]);
    expect(broken.failures[0]).toMatch(/seed 1: affordance\.js:2:\d+: runtime error: TypeError/);
    const empty = await verifyProgram(sandbox, prog('return [];'), 'click-button', [1]);
    expect(empty.failures[0]).toBe('seed 1: returned no actions');
    // Clicks on the bare page corners: the screen does not change.
    const inert = await verifyProgram(sandbox, prog('return [lib.click(1, 208), lib.click(158, 208)];'), 'click-button', [1]);
    expect(inert.failures[0]).toMatch(/click\(1, 208\), click\(158, 208\) of its 2 actions change nothing/);
    // Every button except the target: effective, but no path to success.
    const wrong = await verifyProgram(
      sandbox,
      prog('return lib.textBoxes(screen).filter((b) => !lib.mentions(utterance, b.text)).map(lib.clickBox);'),
      'click-button',
      [1],
    );
    expect(wrong.ok).toBe(false);
    expect(wrong.failures[0]).toMatch(/no path through its \d+ actions/);
  });
});

describe('synthesiser', () => {
  test.each(['click-button', 'click-link', 'click-tab', 'click-color', 'click-shape'])(
    '%s: the smallest verified program returns the target among a few actions on unseen screens',
    async (task) => {
      const r = await synthesise(sandbox, task, { seeds: [1, 2, 3], budget: 200 });
      expect(r.program, `no program verified; last rejections: ${JSON.stringify(r.rejected.slice(-3))}`).not.toBeNull();
      expect(r.report!.ok).toBe(true);
      // Fresh seeds the search never saw: the program's actions still contain the target, and there are few.
      for (const seed of [11, 12, 13, 14]) {
        const obs = makeEnv(task).reset(seed);
        const [run] = await sandbox.run(r.program!.source, [obs]);
        expect(run.ok).toBe(true);
        if (!run.ok) continue;
        expect(run.actions.length).toBeGreaterThan(0);
        expect(run.actions.length).toBeLessThanOrEqual(12);
        expect(hitsTarget(task, seed, run.actions)).toBe(true);
      }
    },
  );
});

describe('synthesiser: composite actions', () => {
  test.each([
    ['enter-password', /click-type-quoted/, 'macro'],
    ['use-slider', /drag-to-number/, 'drag'],
  ])(
    '%s: a verified program built on %s, whose actions solve unseen screens',
    async (task, clause, kind) => {
      const r = await synthesise(sandbox, task, { seeds: [1, 2, 3], budget: 200 });
      expect(r.program, `no program verified; last rejections: ${JSON.stringify(r.rejected.slice(-3))}`).not.toBeNull();
      expect(r.clauses.join(' + ')).toMatch(clause);
      const report = await verifyProgram(sandbox, r.program!.source, task, [21, 22, 23]);
      expect(report.ok, report.failures.join('; ')).toBe(true);
      expect(report.samples.some((s) => s.actions.some((a) => a.type === kind))).toBe(true);
      // A choice is left to the agent: more than one action per screen.
      expect(report.meanActions).toBeGreaterThanOrEqual(2);
    },
    120_000,
  );
});
