/**
 * enter-text (MiniWob `enter-text`): a text field and a Submit button. "Enter "X" into the text field and press
 * Submit." Submit with the field's value exactly X → +1 (time-proportional); anything else → −1.
 *
 * Example:
 *   const env = makeEnv('enter-text'); env.reset(11);
 *   // click the field, type X, click Submit → reward 1
 */
import { AREA, Scene } from '../env/scene';
import { NAMES, WORDS, capitalize, failure, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

export const enterText: TaskDefinition = {
  name: 'enter-text',
  family: 'enter-text',
  description: 'Type the given word into the field, then Submit (MiniWob enter-text).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const word = rng.pick([...WORDS, ...NAMES]);
    const target = rng.next() < 0.5 ? capitalize(word) : word;
    const x = AREA.x + 4 + rng.int(0, 50),
      y = AREA.y + 4 + rng.int(0, 110);
    const field = scene.add('input', x, y, 90, 15);
    const submit = addSubmit(scene, x, y + 22);
    return {
      utterance: `Enter "${target}" into the text field and press Submit.`,
      fields: { target },
      scene,
      onEvent(e) {
        if (e.type !== 'click' || e.target !== submit) return;
        return field.value === target ? success() : failure();
      },
    };
  },
};
