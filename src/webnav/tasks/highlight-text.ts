/**
 * highlight-text (MiniWob `highlight-text`): a line of words and a Submit button. "Highlight the word "moon"
 * and press Submit." A drag across text selects the characters between press and release (drawn on a light
 * blue background). Submit with exactly that word selected → +1 (time-proportional); otherwise −1.
 *
 * Example:
 *   const env = makeEnv('highlight-text'); env.reset(2);
 *   // drag from the word's first letter to the end of its last, then Submit → reward 1
 */
import { textWidth } from '../env/font';
import { AREA, Scene } from '../env/scene';
import { WORDS, failure, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

export const highlightText: TaskDefinition = {
  name: 'highlight-text',
  family: 'highlight',
  description: 'Select a named word by dragging across it, then Submit (MiniWob highlight-text).',
  maxSteps: 8,
  generate(rng) {
    const scene = new Scene();
    const words = rng.sample(WORDS, rng.int(3, 5));
    const target = rng.pick(words);
    const line = words.join(' ');
    const x = AREA.x + 4 + rng.int(0, Math.max(1, 150 - textWidth(line)));
    const y = AREA.y + 10 + rng.int(0, 80);
    scene.add('text', x, y, textWidth(line), 11, { text: line, tags: { start: String(line.indexOf(target)) } });
    const submit = addSubmit(scene, x, y + 24);
    return {
      utterance: `Highlight the word "${target}" and press Submit.`,
      fields: { target },
      scene,
      onEvent(e) {
        if (e.type === 'click' && e.target === submit) return scene.selectedText().trim() === target ? success() : failure();
      },
    };
  },
};
