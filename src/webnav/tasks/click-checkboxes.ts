/**
 * click-checkboxes (MiniWob `click-checkboxes`): three to six labelled checkboxes in a column.
 * "Select a, b and c and click Submit." (or "Select nothing …"). Submit with exactly those boxes checked → +1
 * (time-proportional); any other selection → −1.
 *
 * Example:
 *   const env = makeEnv('click-checkboxes'); env.reset(6);
 *   // click each named checkbox, then Submit → reward 1
 */
import { textWidth } from '../env/font';
import { AREA, Scene } from '../env/scene';
import { WORDS, failure, listPhrase, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

export const clickCheckboxes: TaskDefinition = {
  name: 'click-checkboxes',
  family: 'click-checkboxes',
  description: 'Check exactly the named boxes, then Submit (MiniWob click-checkboxes).',
  maxSteps: 12,
  generate(rng) {
    const scene = new Scene();
    const labels = rng.sample(WORDS, rng.int(3, 7));
    const targets = rng.sample(labels, rng.int(0, Math.min(4, labels.length + 1)));
    const x = AREA.x + 4 + rng.int(0, 60);
    let y = AREA.y + 4 + rng.int(0, 20);
    const boxes = labels.map((text) => {
      const box = scene.add('checkbox', x, y, 13 + textWidth(text), 13, { text });
      y += 16;
      return box;
    });
    const submit = addSubmit(scene, x, y + 4);
    const wanted = new Set<string>(targets);
    return {
      utterance: targets.length ? `Select ${listPhrase(targets)} and click Submit.` : 'Select nothing and click Submit.',
      fields: { targets: targets.join(',') },
      scene,
      onEvent(e) {
        if (e.type !== 'click' || e.target !== submit) return;
        return boxes.every((b) => b.checked === wanted.has(b.text)) ? success() : failure();
      },
    };
  },
};
