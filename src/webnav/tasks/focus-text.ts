/**
 * focus-text (MiniWob `focus-text`): one text field at a random place. "Focus into the textbox."
 * Focusing the field (a click on it) → +1 (time-proportional); other clicks change nothing.
 *
 * Example:
 *   const env = makeEnv('focus-text'); env.reset(12);
 *   // click inside the field → reward 1
 */
import { AREA, Scene } from '../env/scene';
import { success, type TaskDefinition } from '../env/task';

export const focusText: TaskDefinition = {
  name: 'focus-text',
  family: 'enter-text',
  description: 'Focus the text field (MiniWob focus-text).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const w = 60 + rng.int(0, 40);
    const field = scene.add('input', AREA.x + 2 + rng.int(0, AREA.w - w - 4), AREA.y + 2 + rng.int(0, AREA.h - 19), w, 15);
    return {
      utterance: 'Focus into the textbox.',
      fields: {},
      scene,
      onEvent(e) {
        if (e.type === 'click' && scene.focused === field) return success();
      },
    };
  },
};
