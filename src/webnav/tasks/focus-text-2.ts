/**
 * focus-text-2 (MiniWob `focus-text-2`): three text fields in a column. "Focus into the 2nd input textbox."
 * Focusing that field → +1 (time-proportional); focusing another → −1.
 *
 * Example:
 *   const env = makeEnv('focus-text-2'); env.reset(20);
 *   // click inside the named field → reward 1
 */
import { AREA, Scene } from '../env/scene';
import { failure, success, type TaskDefinition } from '../env/task';

const ORDINALS = ['1st', '2nd', '3rd'];

export const focusText2: TaskDefinition = {
  name: 'focus-text-2',
  family: 'enter-text',
  description: 'Focus the n-th of three text fields (MiniWob focus-text-2).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const x = AREA.x + 4 + rng.int(0, 60),
      y = AREA.y + 4 + rng.int(0, 90);
    const fields = [0, 1, 2].map((i) => scene.add('input', x, y + i * 22, 80, 15));
    const target = rng.int(0, 3);
    return {
      utterance: `Focus into the ${ORDINALS[target]} input textbox.`,
      fields: { target: String(target + 1) },
      scene,
      onEvent(e) {
        if (e.type !== 'click' || e.target?.kind !== 'input') return;
        return e.target === fields[target] ? success() : failure();
      },
    };
  },
};
