/**
 * form-sequence (MiniWob `form-sequence`, `multi-layouts`): a form over two pages. Page 1 asks for a name
 * (a text field and Next); page 2 offers sizes as radio buttons, Back and Submit. "Enter "kira", press Next,
 * choose large and press Submit." Submit with both right → +1 (time-proportional); otherwise −1.
 *
 * Example:
 *   const env = makeEnv('form-sequence'); env.reset(4);
 *   // click the field, type the name, Next, click the size, Submit → reward 1
 */
import { textWidth } from '../env/font';
import { AREA, Scene, type Widget } from '../env/scene';
import { NAMES, failure, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

const SIZES = ['small', 'medium', 'large', 'huge'];

export const formSequence: TaskDefinition = {
  name: 'form-sequence',
  family: 'enter-text',
  description: 'Fill a two-page form: a name, Next, a choice, Submit (MiniWob form-sequence).',
  maxSteps: 12,
  generate(rng) {
    const scene = new Scene();
    const name = rng.pick(NAMES);
    const size = rng.pick(SIZES);
    const x = AREA.x + 6 + rng.int(0, 40);
    const y = AREA.y + 6 + rng.int(0, 40);
    const page1: Widget[] = [
      scene.add('text', x, y, textWidth('Name (page 1 of 2)'), 11, { text: 'Name (page 1 of 2)' }),
      scene.add('input', x, y + 14, 90, 15),
    ];
    const next = addSubmit(scene, x, y + 36, 'Next');
    page1.push(next);
    const page2: Widget[] = [scene.add('text', x, y, textWidth('Size (page 2 of 2)'), 11, { text: 'Size (page 2 of 2)', visible: false })];
    const radios = SIZES.map((text, i) =>
      scene.add('radio', x, y + 14 + i * 15, 13 + textWidth(text), 13, { text, group: 'size', visible: false }),
    );
    const back = addSubmit(scene, x, y + 14 + SIZES.length * 15 + 6, 'Back');
    const submit = addSubmit(scene, x + back.w + 8, back.y);
    page2.push(...radios, back, submit);
    for (const w of [back, submit]) w.visible = false;
    const show = (page: 1 | 2) => {
      for (const w of page1) w.visible = page === 1;
      for (const w of page2) w.visible = page === 2;
      scene.focus(null);
    };
    const field = page1[1];
    return {
      utterance: `Enter "${name}", press Next, choose ${size} and press Submit.`,
      fields: { name, size },
      scene,
      onEvent(e) {
        if (e.type !== 'click') return;
        if (e.target === next) show(2);
        else if (e.target === back) show(1);
        else if (e.target === submit) return field.value === name && radios.find((r) => r.checked)?.text === size ? success() : failure();
      },
    };
  },
};
