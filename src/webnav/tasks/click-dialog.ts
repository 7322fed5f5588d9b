/**
 * click-dialog (MiniWob `click-dialog`, with the OK/Cancel buttons of `click-dialog-2` as distractors): a dialog
 * box with a title, a line of text, an "x" close button in its title bar and OK/Cancel buttons.
 * "Close the dialog box by clicking the "x"." The x → +1 (time-proportional); OK or Cancel → −1.
 *
 * Example:
 *   const env = makeEnv('click-dialog'); env.reset(9);
 *   // click the small x at the right of the blue title bar → reward 1
 */
import { textWidth } from '../env/font';
import { AREA, Scene } from '../env/scene';
import { WORDS, capitalize, failure, success, type TaskDefinition } from '../env/task';

export const clickDialog: TaskDefinition = {
  name: 'click-dialog',
  family: 'click-dialog',
  description: 'Close a dialog box with its "x" button (MiniWob click-dialog).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const w = 110 + rng.int(0, 30),
      h = 70;
    const x = AREA.x + 2 + rng.int(0, AREA.w - w - 4),
      y = AREA.y + 2 + rng.int(0, AREA.h - h - 4);
    const [title, a, b, c] = rng.sample(WORDS, 4);
    scene.add('dialog', x, y, w, h, { text: capitalize(title) });
    const close = scene.add('close', x + w - 14, y + 2, 12, 12, { text: 'x' });
    scene.add('text', x + 5, y + 22, textWidth(`${a} ${b} ${c}`), 11, { text: `${a} ${b} ${c}` });
    const labels = rng.shuffle(['OK', 'Cancel']);
    let bx = x + w - 6;
    const buttons = labels.map((text) => {
      const bw = textWidth(text) + 8;
      bx -= bw;
      const button = scene.add('button', bx, y + h - 20, bw, 15, { text });
      bx -= 4;
      return button;
    });
    return {
      utterance: 'Close the dialog box by clicking the "x".',
      fields: {},
      scene,
      onEvent(e) {
        if (e.type !== 'click') return;
        if (e.target === close) return success();
        if (e.target && buttons.includes(e.target)) return failure();
      },
    };
  },
};
