/**
 * login-user (MiniWob `login-user`): Username and Password fields and a Login button. "Enter the username "u" and
 * the password "p" and press Login." Login with both fields exact → +1 (time-proportional); otherwise −1.
 * The password field shows stars, as in a browser.
 *
 * Example:
 *   const env = makeEnv('login-user'); env.reset(13);
 *   // click Username field, type u, click Password field, type p, click Login → reward 1
 */
import { textWidth } from '../env/font';
import { AREA, Scene } from '../env/scene';
import { NAMES, WORDS, failure, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

export const loginUser: TaskDefinition = {
  name: 'login-user',
  family: 'enter-text',
  description: 'Fill in a username and a password, then press Login (MiniWob login-user).',
  maxSteps: 12,
  generate(rng) {
    const scene = new Scene();
    const username = rng.pick(NAMES);
    const password = rng.pick(WORDS) + rng.int(10, 100);
    const x = AREA.x + 4 + rng.int(0, 50),
      y = AREA.y + 4 + rng.int(0, 80);
    scene.add('text', x, y, textWidth('Username'), 11, { text: 'Username' });
    const user = scene.add('input', x, y + 12, 90, 15);
    scene.add('text', x, y + 32, textWidth('Password'), 11, { text: 'Password' });
    const pass = scene.add('input', x, y + 44, 90, 15, { password: true });
    const login = addSubmit(scene, x, y + 64, 'Login');
    return {
      utterance: `Enter the username "${username}" and the password "${password}" and press Login.`,
      fields: { username, password },
      scene,
      onEvent(e) {
        if (e.type !== 'click' || e.target !== login) return;
        return user.value === username && pass.value === password ? success() : failure();
      },
    };
  },
};
