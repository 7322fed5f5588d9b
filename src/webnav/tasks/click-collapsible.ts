/**
 * click-collapsible (MiniWob `click-collapsible`): a collapsed section header; opening it reveals a paragraph
 * and a Submit button. "Expand the section below and click Submit." Submit → +1 (time-proportional); the header
 * toggles the section.
 *
 * Example:
 *   const env = makeEnv('click-collapsible'); env.reset(15);
 *   // click the header, then the Submit that appears → reward 1
 */
import { textWidth } from '../env/font';
import { AREA, Scene } from '../env/scene';
import { WORDS, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

export const clickCollapsible: TaskDefinition = {
  name: 'click-collapsible',
  family: 'click-collapsible',
  description: 'Open a collapsed section and click the Submit button inside it (MiniWob click-collapsible).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const x = AREA.x + 4 + rng.int(0, 20),
      y = AREA.y + 4 + rng.int(0, 80);
    const header = scene.add('collapsible', x, y, 130, 15, { text: `Section #${rng.int(1, 10)}` });
    const panel = scene.add('panel', x, y + 15, 130, 50, { visible: false });
    const words = rng.sample(WORDS, 3).join(' ');
    const body = scene.add('text', x + 5, y + 20, textWidth(words), 11, { text: words, visible: false });
    const submit = addSubmit(scene, x + 5, y + 40);
    submit.visible = false;
    return {
      utterance: 'Expand the section below and click Submit.',
      fields: {},
      scene,
      onEvent(e) {
        if (e.type !== 'click') return;
        if (e.target === submit) return success();
        if (e.target === header) {
          header.checked = !header.checked;
          for (const w of [panel, body, submit]) w.visible = header.checked;
        }
      },
    };
  },
};
