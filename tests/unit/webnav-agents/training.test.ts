// A short training run of the affordance arm beats a random policy over the same affordance set
// (and the random full-space policy), both measured here on the same evaluation seeds.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeSandbox } from '../../../src/webnav/affordance/node-sandbox';
import type { AffordanceSandbox } from '../../../src/webnav/affordance/sandbox';
import { synthesise } from '../../../src/webnav/affordance/synthesiser';
import { readTextFromPixels } from '../../../src/webnav/affordance/lib';
import { evaluate, trainArm, type TrainSpec } from '../../../src/webnav/agent/train';
import { Rng } from '../../../src/util/random';
import type { Observation } from '../../../src/webnav/env/types';

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
    const spec: TrainSpec = {
      task,
      arm: 'affordance',
      seed: 1,
      steps: 200,
      readText: readTextFromPixels,
      affordances: async (obs: Observation) => {
        const [r] = await sandbox.run(source, [obs]);
        return r.ok ? r.actions : [];
      },
      evalEpisodes: 30,
      evalAt: [200],
    };
    const randomAffordance = await evaluate(spec, null, 30, undefined, new Rng(9));
    const randomFull = await evaluate({ ...spec, arm: 'full' }, null, 30, undefined, new Rng(9));
    const t0 = performance.now();
    const trained = await trainArm(spec);
    console.log({ randomAffordance, randomFull, trained: trained.finalSuccess, ms: performance.now() - t0, curve: trained.curve });
    expect(trained.finalSuccess).toBeGreaterThanOrEqual(randomAffordance + 0.3);
    expect(trained.finalSuccess).toBeGreaterThan(randomFull + 0.3);
  });
});
