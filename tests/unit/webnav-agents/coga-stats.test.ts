// The numbers bench:rl reports: mean and 95 % interval over seeds, the saturation fit for an arm that never
// reached 90 %, ratios (measured, lower bound, extrapolated), the ordinal feature's parsing, and --seed-base.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { fitSaturation, meanCi95, ratioOf, summariseArm, type ArmSummary } from '../../../src/webnav/experiment/coga';
import { ordinalOf } from '../../../src/webnav/agent/features';
import type { TrainResult } from '../../../src/webnav/agent/train';
import { main } from '../../../src/webnav/bench-cli';

const run = (stepsTo90: number | null, curve: [number, number][], meanCandidates = 3): TrainResult => ({
  task: 't',
  arm: 'affordance',
  seed: 1,
  steps: 1000,
  curve: curve.map(([step, success]) => ({ step, success })),
  stepsTo90,
  finalSuccess: curve.at(-1)![1],
  episodes: 0,
  fallbackSteps: 0,
  meanCandidates,
  stoppedAt: null,
  ms: { candidates: 0, features: 0, env: 0, learn: 0, evaluate: 0 },
});

describe('statistics over seeds', () => {
  test('mean and Student-t 95 % interval', () => {
    const ci = meanCi95([100, 200, 300])!;
    expect(ci.mean).toBe(200);
    // sd 100, t(2) = 4.303 → half-width 4.303 · 100 / √3
    expect(ci.hi - ci.mean).toBeCloseTo((4.303 * 100) / Math.sqrt(3), 6);
    expect(meanCi95([50])).toEqual({ mean: 50, lo: 50, hi: 50, n: 1 });
    expect(meanCi95([])).toBeNull();
  });

  test('a seed that never reached 90 % counts with the budget and marks the mean a lower bound', () => {
    const s = summariseArm(
      [
        run(100, [
          [100, 0.9],
          [1000, 1],
        ]),
        run(null, [
          [100, 0.2],
          [1000, 0.5],
        ]),
      ],
      1000,
    );
    expect(s.perSeed).toEqual([100, null]);
    expect(s.ci).toMatchObject({ mean: 550, censored: 1, n: 2 });
    expect(s.curve).toEqual([
      { step: 100, success: 0.55 },
      { step: 1000, success: 0.75 },
    ]);
  });

  test('the saturation fit recovers τ from an exact curve, and refuses a flat one', () => {
    const tau = 2000;
    const curve = [100, 300, 600, 1000].map((step) => ({ step, success: 1 - Math.exp(-step / tau) }));
    const fit = fitSaturation(curve)!;
    expect(fit.tau).toBeGreaterThan(tau * 0.995);
    expect(fit.tau).toBeLessThan(tau * 1.005);
    expect(fit.stepsTo90).toBeCloseTo(fit.tau * Math.LN10, 6);
    expect(
      fitSaturation([
        { step: 100, success: 0 },
        { step: 1000, success: 0 },
      ]),
    ).toBeNull();
  });

  test('ratios: measured, or a lower bound with the fitted value beside it', () => {
    const arm = (stepsTo90: number | null, curve: [number, number][]): ArmSummary => summariseArm([run(stepsTo90, curve)], 1000);
    const aff = arm(100, [
      [100, 0.9],
      [1000, 1],
    ]);
    expect(
      ratioOf(
        arm(400, [
          [400, 0.9],
          [1000, 1],
        ]),
        aff,
        1000,
      ),
    ).toMatchObject({ ratio: 4, ratioIsLowerBound: false, ratioExtrapolated: null });
    const slow = ratioOf(
      arm(null, [
        [500, 1 - Math.exp(-0.25)],
        [1000, 1 - Math.exp(-0.5)],
      ]),
      aff,
      1000,
    );
    expect(slow.ratio).toBe(10);
    expect(slow.ratioIsLowerBound).toBe(true);
    expect(slow.ratioExtrapolated!).toBeCloseTo((2000 * Math.LN10) / 100, 0);
    expect(ratioOf(arm(null, [[1000, 0]]), aff, 1000)).toMatchObject({
      ratio: 10,
      ratioIsLowerBound: true,
      ratioExtrapolated: null,
    });
  });
});

test('ordinals named in an utterance', () => {
  expect(ordinalOf('Focus into the 2nd input textbox.')).toBe(2);
  expect(ordinalOf('Click the third link.')).toBe(3);
  expect(ordinalOf('Click on the "OK" button.')).toBe(0);
});

describe('npm run bench:rl', () => {
  test('--seed-base N runs seeds N+1…N+k and echoes them in the JSON', async () => {
    const out = path.join(os.tmpdir(), `bench-rl-${process.pid}.json`);
    const log = console.log;
    console.log = () => {};
    try {
      expect(
        await main([
          '--tasks',
          'click-button',
          '--seeds',
          '2',
          '--seed-base',
          '40',
          '--steps',
          '20',
          '--eval-episodes',
          '1',
          '--json',
          out,
        ]),
      ).toBe(0);
    } finally {
      console.log = log;
    }
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    fs.rmSync(out);
    expect(json.seeds).toEqual([41, 42]);
    expect(json.tasks[0].full.perSeed).toHaveLength(2);
    expect(json.tasks[0].affordance.ci.n).toBe(2);
    expect(typeof json.tasks[0].policy).toBe('boolean');
  }, 180_000);

  test('bad --seed-base or --full-steps is refused with exit code 2', async () => {
    const err = console.error;
    const said: string[] = [];
    console.error = (m: string) => said.push(m);
    try {
      expect(await main(['--seed-base', '-3'])).toBe(2);
      expect(await main(['--steps', '100', '--full-steps', '50'])).toBe(2);
    } finally {
      console.error = err;
    }
    expect(said.join('\n')).toMatch(/--seed-base must be an integer ≥ 0/);
    expect(said.join('\n')).toMatch(/--full-steps an integer ≥ --steps/);
  });
});
