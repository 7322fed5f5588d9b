/**
 * Test helper: plays an episode with the scripted solver (tests/unit/webnav-env/oracle.ts), or with `script`'s
 * actions while they last, and records it as a demonstration — what a person would record in the tab.
 */
import { makeEnv } from '../../../src/webnav/tasks/index';
import type { Action } from '../../../src/webnav/env/types';
import { addDemoStep, finishDemo, startDemo, type Demonstration } from '../../../src/webnav/demo/demonstration';
import { solve } from '../webnav-env/oracle';

export function recordEpisode(task: string, seed: number, script: Action[] = [], maxSteps?: number): Demonstration {
  const env = makeEnv(task, maxSteps ? { maxSteps } : {});
  let obs = env.reset(seed);
  const demo = startDemo({ task, seed, maxSteps: env.maxSteps }, obs);
  for (let i = 0; i < env.maxSteps; i++) {
    const action = script[i] ?? solve(env.debugScene());
    addDemoStep(demo, action, obs.pixels);
    const r = env.step(action);
    obs = r.observation;
    if (r.terminated || r.truncated) {
      finishDemo(demo, obs.pixels, r.reward, r.info.reason);
      break;
    }
  }
  return demo;
}
