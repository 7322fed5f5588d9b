/**
 * click-tab-2 (MiniWob `click-tab-2`): two or three tabs, each page a paragraph with links. "Switch between the
 * tabs to find and click on the link "X"." Tabs switch pages (no reward); the target link → +1
 * (time-proportional); any other link → −1.
 *
 * Example:
 *   const env = makeEnv('click-tab-2'); env.reset(4);
 *   // click the tab whose page holds the link, then the link → reward 1
 */
import { Scene } from '../env/scene';
import { failure, success, type TaskDefinition } from '../env/task';
import { buildTabs } from './tabs';

export const clickTab2: TaskDefinition = {
  name: 'click-tab-2',
  family: 'click-tab',
  description: 'Find the named link on one of several tab pages and click it (MiniWob click-tab-2).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const set = buildTabs(rng, scene, rng.int(2, 4), 2, new Set());
    const page = rng.int(0, set.tabs.length);
    const target = rng.pick(set.pages[page].filter((w) => w.kind === 'link')).text;
    return {
      utterance: `Switch between the tabs to find and click on the link "${target}".`,
      fields: { target, tab: String(page + 1) },
      scene,
      onEvent(e) {
        if (e.type !== 'click') return;
        if (e.target?.kind === 'tab') set.select(e.target);
        if (e.target?.kind === 'link') return e.target.text === target ? success() : failure();
      },
    };
  },
};
