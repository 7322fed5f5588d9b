// Every task's reward logic from seeded episodes: the right actions → +1, a wrong one → −1, timeout → −1
// (truncated); determinism per seed. The right/wrong actions come from the ground-truth scene (debug API).
import { describe, expect, test } from 'vitest';
import { makeEnv, TASK_NAMES, type StepResult, type WebNavEnv } from '../../../src/webnav';
import { wrapText } from '../../../src/webnav/env/font';
import { solve, spoil } from './oracle';

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);

function play(env: WebNavEnv, seed: number, policy: typeof solve): StepResult {
  env.reset(seed);
  for (let i = 0; i < env.maxSteps; i++) {
    const action = policy(env.debugScene());
    if (!action) throw new Error('policy gave up');
    const r = env.step(action);
    if (r.terminated || r.truncated) return r;
  }
  throw new Error('episode did not end');
}

test('at least 15 tasks, each with a unique name', () => {
  expect(TASK_NAMES.length).toBeGreaterThanOrEqual(15);
  expect(new Set(TASK_NAMES).size).toBe(TASK_NAMES.length);
});

describe.each(TASK_NAMES)('%s', (task) => {
  test('the right actions end the episode with +1', () => {
    const env = makeEnv(task);
    for (const seed of SEEDS) {
      const r = play(env, seed, solve);
      expect(r, `seed ${seed}`).toMatchObject({ reward: 1, terminated: true, truncated: false, info: { reason: 'success' } });
    }
  });

  test('a wrong action ends it with −1 (where the task has one)', () => {
    const env = makeEnv(task);
    env.reset(1);
    if (spoil(env.debugScene()) === null && task !== 'click-shape') return; // focus-text, click-collapsible: no wrong ending in MiniWob either
    for (const seed of SEEDS) {
      env.reset(seed);
      if (spoil(env.debugScene()) === null) continue; // click-shape: every shape matched
      const r = play(env, seed, (s) => spoil(s)!);
      expect(r, `seed ${seed}`).toMatchObject({ reward: -1, terminated: true, truncated: false });
      expect(r.info.reason).not.toBe('success');
    }
  });

  test('doing nothing useful runs into the step limit: −1, truncated', () => {
    const env = makeEnv(task, { maxSteps: 4 });
    env.reset(3);
    let r: StepResult | undefined;
    for (let i = 0; i < 4; i++) {
      r = env.step({ type: 'click', x: 5, y: 5 }); // the instruction bar does nothing
      if (i < 3) expect(r).toMatchObject({ reward: 0, terminated: false, truncated: false });
    }
    expect(r).toMatchObject({ reward: -1, terminated: false, truncated: true, info: { reason: 'timeout', steps: 4 } });
    expect(() => env.step({ type: 'click', x: 5, y: 5 })).toThrow(/ended/);
  });

  test('same seed → same screen and utterance; other seeds differ', () => {
    const a = makeEnv(task).reset(42),
      b = makeEnv(task).reset(42);
    expect(a.utterance).toBe(b.utterance);
    expect(Buffer.from(a.pixels).equals(Buffer.from(b.pixels))).toBe(true);
    const distinct = new Set(SEEDS.map((s) => Buffer.from(makeEnv(task).reset(s).pixels).toString('base64')));
    expect(distinct.size).toBeGreaterThan(SEEDS.length / 2);
  });

  test('over 100 seeds: the utterance fits the four-line bar and every element lies inside the task area', () => {
    const env = makeEnv(task);
    for (let seed = 0; seed < 100; seed++) {
      const obs = env.reset(seed);
      expect(wrapText(obs.utterance, 26).length, `seed ${seed}`).toBeLessThanOrEqual(4);
      for (const e of env.debugScene().elements) {
        expect(
          e.left >= 0 && e.top >= 45 && e.left + e.width <= 160 && e.top + e.height <= 210,
          `seed ${seed}: ${e.kind} "${e.text}" at ${e.left},${e.top} ${e.width}×${e.height}`,
        ).toBe(true);
      }
    }
  });
});

test('the time discount scales a success by the steps already taken', () => {
  const env = makeEnv('enter-text', { timeDiscount: true, maxSteps: 10 });
  const r = play(env, 5, solve); // click field, type, click Submit: success on step 3
  expect(r.info).toMatchObject({ steps: 3, rawReward: 1 });
  expect(r.reward).toBeCloseTo(1 - 2 / 10);
});

test('bad actions and unknown tasks are refused with a clear error', () => {
  expect(() => makeEnv('click-nothing')).toThrow(/Unknown web-navigation task "click-nothing".*click-button/);
  const env = makeEnv('click-button');
  expect(() => env.step({ type: 'click', x: 1, y: 1 })).toThrow(/reset/);
  env.reset(1);
  expect(() => env.step({ type: 'key', name: 'F13' })).toThrow(/unknown key "F13"/);
  expect(() => env.step({ type: 'click', x: NaN, y: 3 })).toThrow(/finite/);
  expect(() => env.step({ type: 'scroll', x: 3, y: 60, dy: 0.5 })).toThrow(
    /scroll needs .* a whole dy from -10 to 10, got \(3, 60\) by 0.5/,
  );
  expect(() => makeEnv('click-button', { maxSteps: 0 })).toThrow(/maxSteps/);
});
