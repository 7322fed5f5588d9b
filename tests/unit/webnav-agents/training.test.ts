// A short training run of the affordance arm beats a random policy over the same affordance set
// (and the random full-space policy), both measured here on the same evaluation seeds.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeSandbox } from '../../../src/webnav/affordance/node-sandbox';
import type { AffordanceSandbox } from '../../../src/webnav/affordance/sandbox';
import { synthesise } from '../../../src/webnav/affordance/synthesiser';
import { trainWithProgram } from '../../../src/webnav/experiment/train-program';

let sandbox: AffordanceSandbox;
beforeAll(async () => {
  sandbox = await nodeSandbox({ timeLimitMs: 2000 });
}, 60_000);
afterAll(() => sandbox?.dispose());

describe('DQN on affordances', () => {
  test('click-button: 200 training steps beat random by a wide margin', async () => {
    const task = 'click-button';
    const synth = await synthesise(sandbox, task, { seeds: [1, 2, 3] });
    expect(synth.program).not.toBeNull();
    const source = synth.program!.source;
    const spec = { task, arm: 'affordance' as const, seed: 1, steps: 200, source, evalEpisodes: 30, evalAt: [200] };
    // The random baselines: uniform over the same affordance set, and over the full action space.
    const randomFull = (await trainWithProgram({ ...spec, arm: 'full', steps: 0, randomBaseline: true }, null)).random!;
    const t0 = performance.now();
    const { result: trained, random: randomAffordance } = await trainWithProgram({ ...spec, randomBaseline: true }, sandbox);
    console.log({ randomAffordance, randomFull, trained: trained.finalSuccess, ms: performance.now() - t0, curve: trained.curve });
    expect(trained.finalSuccess).toBeGreaterThanOrEqual(randomAffordance! + 0.3);
    expect(trained.finalSuccess).toBeGreaterThan(randomFull + 0.3);
  });
});
