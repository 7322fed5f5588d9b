/**
 * enter-password (MiniWob `enter-password`): a Password and a Verify field (both show stars) and Submit.
 * "Enter the password "x" into both text fields and press Submit." Submit with both exact → +1
 * (time-proportional); otherwise −1.
 *
 * Example:
 *   const env = makeEnv('enter-password'); env.reset(21);
 *   // click the first field, type x, click the second, type x, click Submit → reward 1
 */
import { textWidth } from '../env/font';
import { AREA, Scene } from '../env/scene';
import { WORDS, failure, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

export const enterPassword: TaskDefinition = {
  name: 'enter-password',
  family: 'enter-text',
  description: 'Type the password into both fields, then Submit (MiniWob enter-password).',
  maxSteps: 12,
  generate(rng) {
    const scene = new Scene();
    const password = rng.pick(WORDS) + rng.int(10, 100);
    const x = AREA.x + 4 + rng.int(0, 50),
      y = AREA.y + 4 + rng.int(0, 80);
    scene.add('text', x, y, textWidth('Password'), 11, { text: 'Password' });
    const first = scene.add('input', x, y + 12, 90, 15, { password: true });
    scene.add('text', x, y + 32, textWidth('Verify password'), 11, { text: 'Verify password' });
    const second = scene.add('input', x, y + 44, 90, 15, { password: true });
    const submit = addSubmit(scene, x, y + 64);
    return {
      utterance: `Enter the password "${password}" into both text fields and press Submit.`,
      fields: { password },
      scene,
      onEvent(e) {
        if (e.type !== 'click' || e.target !== submit) return;
        return first.value === password && second.value === password ? success() : failure();
      },
    };
  },
};
