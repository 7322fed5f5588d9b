/**
 * click-tab (MiniWob `click-tab`): two or three tabs "Tab #1" … over a panel of text.
 * "Click on Tab #2." The named tab → +1 (time-proportional); another tab → −1.
 *
 * Example:
 *   const env = makeEnv('click-tab'); env.reset(2);
 *   // utterance 'Click on Tab #3.'; click that tab header → reward 1
 */
import { Scene } from '../env/scene';
import { failure, success, type TaskDefinition } from '../env/task';
import { buildTabs } from './tabs';

export const clickTab: TaskDefinition = {
  name: 'click-tab',
  family: 'click-tab',
  description: 'Click the numbered tab (MiniWob click-tab).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const set = buildTabs(rng, scene, rng.int(2, 4), 0, new Set());
    const target = rng.int(0, set.tabs.length);
    return {
      utterance: `Click on Tab #${target + 1}.`,
      fields: { target: String(target + 1) },
      scene,
      onEvent(e) {
        if (e.type !== 'click' || e.target?.kind !== 'tab') return;
        set.select(e.target);
        return e.target === set.tabs[target] ? success() : failure();
      },
    };
  },
};
