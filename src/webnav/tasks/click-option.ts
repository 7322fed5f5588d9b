/**
 * click-option (MiniWob `click-option`): a column of radio buttons with random labels.
 * "Select X and click Submit." Submit with X chosen → +1 (time-proportional); otherwise −1.
 *
 * Example:
 *   const env = makeEnv('click-option'); env.reset(8);
 *   // click the radio labelled X, then Submit → reward 1
 */
import { textWidth } from '../env/font';
import { AREA, Scene } from '../env/scene';
import { WORDS, failure, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

export const clickOption: TaskDefinition = {
  name: 'click-option',
  family: 'click-checkboxes',
  description: 'Choose the named radio button, then Submit (MiniWob click-option).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const labels = rng.sample(WORDS, rng.int(2, 6));
    const target = rng.pick(labels);
    const x = AREA.x + 4 + rng.int(0, 60);
    let y = AREA.y + 4 + rng.int(0, 30);
    const radios = labels.map((text) => {
      const r = scene.add('radio', x, y, 13 + textWidth(text), 13, { text, group: 'options' });
      y += 16;
      return r;
    });
    const submit = addSubmit(scene, x, y + 4);
    return {
      utterance: `Select ${target} and click Submit.`,
      fields: { target },
      scene,
      onEvent(e) {
        if (e.type !== 'click' || e.target !== submit) return;
        return radios.find((r) => r.checked)?.text === target ? success() : failure();
      },
    };
  },
};
