/**
 * use-slider (MiniWob `use-slider`): a horizontal slider with its value shown beside it, and a Submit button.
 * "Select 7 with the slider and hit Submit." A click on the track sets the value there; with the slider focused,
 * arrow keys move it by one. Submit with the target value → +1 (time-proportional); otherwise −1.
 *
 * Example:
 *   const env = makeEnv('use-slider'); env.reset(16);
 *   // click the track where the value is 7 (or press arrows), then Submit → reward 1
 */
import { AREA, Scene } from '../env/scene';
import { failure, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

export const useSlider: TaskDefinition = {
  name: 'use-slider',
  family: 'use-slider',
  description: 'Move a slider to the named value, then Submit (MiniWob use-slider).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const max = rng.pick([10, 20]);
    const target = rng.int(0, max + 1);
    let start = rng.int(0, max + 1);
    if (start === target) start = (start + 1 + rng.int(0, max)) % (max + 1);
    const x = AREA.x + 6 + rng.int(0, 20),
      y = AREA.y + 6 + rng.int(0, 100);
    const slider = scene.add('slider', x, y, 101, 11, { min: 0, max, value: String(start), tags: { min: '0', max: String(max) } });
    const readout = scene.add('text', x + 108, y + 1, 11, 11, { text: String(start) });
    const submit = addSubmit(scene, x, y + 22);
    return {
      utterance: `Select ${target} with the slider and hit Submit.`,
      fields: { target: String(target) },
      scene,
      onEvent(e) {
        readout.text = slider.value;
        if (e.type === 'click' && e.target === submit) return Number(slider.value) === target ? success() : failure();
      },
    };
  },
};
