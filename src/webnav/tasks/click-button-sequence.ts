/**
 * click-button-sequence (MiniWob `click-button-sequence`): two buttons, ONE and TWO, at random places.
 * "Click button ONE, then click button TWO." ONE then TWO → +1 (time-proportional); TWO first → −1.
 *
 * Example:
 *   const env = makeEnv('click-button-sequence'); env.reset(3);
 *   // click ONE (reward 0, episode goes on), then TWO → reward 1
 */
import { textWidth } from '../env/font';
import { Scene } from '../env/scene';
import { failure, scatter, success, type TaskDefinition } from '../env/task';

export const clickButtonSequence: TaskDefinition = {
  name: 'click-button-sequence',
  family: 'click-button',
  description: 'Click button ONE, then button TWO (MiniWob click-button-sequence).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const [b1, b2] = scatter(rng, [
      { w: textWidth('ONE') + 8, h: 15 },
      { w: textWidth('TWO') + 8, h: 15 },
    ]);
    const one = scene.add('button', b1.x, b1.y, b1.w, b1.h, { text: 'ONE' });
    const two = scene.add('button', b2.x, b2.y, b2.w, b2.h, { text: 'TWO' });
    let clickedOne = false;
    return {
      utterance: 'Click button ONE, then click button TWO.',
      fields: { first: 'ONE', second: 'TWO' },
      scene,
      onEvent(e) {
        if (e.type !== 'click') return;
        if (e.target === one) clickedOne = true;
        if (e.target === two) return clickedOne ? success() : failure('clicked TWO before ONE');
      },
    };
  },
};
