/**
 * choose-list (MiniWob `choose-list`): a drop-down list (click opens it, click an option to choose; with the
 * list focused, ArrowUp/ArrowDown also change it) and a Submit button. "Select X from the list and click Submit."
 * Submit with X chosen → +1 (time-proportional); otherwise −1.
 *
 * Example:
 *   const env = makeEnv('choose-list'); env.reset(10);
 *   // click the list, click the option X, click Submit → reward 1
 */
import { AREA, Scene } from '../env/scene';
import { NAMES, capitalize, failure, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

export const chooseList: TaskDefinition = {
  name: 'choose-list',
  family: 'choose-list',
  description: 'Choose the named item from a drop-down list, then Submit (MiniWob choose-list).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const items = rng.sample(NAMES, rng.int(3, 7)).map(capitalize);
    const target = rng.pick(items.slice(1));
    const x = AREA.x + 4 + rng.int(0, 34),
      y = AREA.y + 4 + rng.int(0, 70);
    const list = scene.add('select', x, y, 70, 14, { value: items[0] });
    const submit = addSubmit(scene, x + 76, y);
    // Options come last so that, once the list is open, they are drawn and hit on top of everything.
    items.forEach((text, i) => scene.add('option', x, y + 14 + i * 12, 70, 12, { text, owner: list.ref, visible: false }));
    return {
      utterance: `Select ${target} from the list and click Submit.`,
      fields: { target },
      scene,
      onEvent(e) {
        if (e.type !== 'click' || e.target !== submit) return;
        return list.value === target ? success() : failure();
      },
    };
  },
};
