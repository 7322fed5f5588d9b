/**
 * copy-paste (MiniWob `copy-paste`): a line of text, a text field and Submit. "Copy the text below, paste it
 * into the field and press Submit." Select the text (drag across it, or Control+a in a field), Control+c
 * copies, Control+v pastes into the focused field (typing it works too). Submit with exactly that text → +1
 * (time-proportional); otherwise −1.
 *
 * Example:
 *   const env = makeEnv('copy-paste'); env.reset(3);
 *   // drag across the text, key Control+c, click the field, key Control+v, Submit → reward 1
 */
import { textWidth } from '../env/font';
import { AREA, Scene } from '../env/scene';
import { WORDS, failure, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

export const copyPaste: TaskDefinition = {
  name: 'copy-paste',
  family: 'enter-text',
  description: 'Copy a line of text into a field (select, Control+c, Control+v), then Submit (MiniWob copy-paste).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const text = rng.sample(WORDS, rng.int(2, 4)).join(' ');
    const x = AREA.x + 6 + rng.int(0, 40);
    const y = AREA.y + 6 + rng.int(0, 60);
    scene.add('text', x, y, textWidth(text), 11, { text });
    const field = scene.add('input', x, y + 20, 100, 15);
    const submit = addSubmit(scene, x, y + 42);
    return {
      utterance: 'Copy the text below, paste it into the field and press Submit.',
      fields: { text },
      scene,
      onEvent(e) {
        if (e.type === 'click' && e.target === submit) return field.value === text ? success() : failure();
      },
    };
  },
};
