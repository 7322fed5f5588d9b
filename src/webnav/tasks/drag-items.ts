/**
 * drag-items (MiniWob `drag-items`): a vertical list of labelled items and a Submit button. "Drag Nora to
 * position 2 and press Submit." Pressing on an item and releasing elsewhere moves it to the slot nearest the
 * release (the others close up). Submit with the item at that position → +1 (time-proportional); otherwise −1.
 *
 * Example:
 *   const env = makeEnv('drag-items'); env.reset(3);
 *   // drag the named item to the row of the wanted position, then click Submit → reward 1
 */
import { AREA, Scene } from '../env/scene';
import { NAMES, capitalize, failure, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

const ITEM_H = 14;
const GAP = 2;

export const dragItems: TaskDefinition = {
  name: 'drag-items',
  family: 'drag',
  description: 'Drag the named item to a position in a list, then Submit (MiniWob drag-items).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const labels = rng.sample(NAMES, rng.int(3, 6)).map(capitalize);
    const target = rng.pick(labels);
    const from = labels.indexOf(target);
    let position = rng.int(1, labels.length + 1);
    if (position === from + 1) position = (position % labels.length) + 1;
    const x = AREA.x + 10 + rng.int(0, 60);
    const top = AREA.y + 6 + rng.int(0, 30);
    const order = labels.map((text) => scene.add('item', x, top, 60, ITEM_H, { text }));
    const layout = () => order.forEach((w, i) => (w.y = top + i * (ITEM_H + GAP)));
    layout();
    const submit = addSubmit(scene, x, top + labels.length * (ITEM_H + GAP) + 8);
    return {
      utterance: `Drag ${target} to position ${position} and press Submit.`,
      fields: { target, position: String(position) },
      scene,
      onEvent(e) {
        if (e.type === 'drag' && e.target?.kind === 'item') {
          const slot = Math.max(0, Math.min(order.length - 1, Math.round((e.y2 - top - ITEM_H / 2) / (ITEM_H + GAP))));
          order.splice(order.indexOf(e.target), 1);
          order.splice(slot, 0, e.target);
          layout();
        }
        if (e.type === 'click' && e.target === submit) return order[position - 1].text === target ? success() : failure();
      },
    };
  },
};
