/**
 * click-scroll-list (MiniWob `click-scroll-list`): a list box showing four of its ten or so rows, with a
 * scrollbar; the wheel over it (or ArrowUp/ArrowDown once it has focus) scrolls it. "Select Nora from the
 * scroll list and click Submit." Submit with that row selected → +1 (time-proportional); otherwise −1.
 *
 * Example:
 *   const env = makeEnv('click-scroll-list'); env.reset(6);
 *   // scroll until the name shows, click it, click Submit → reward 1
 */
import { AREA, Scene } from '../env/scene';
import { NAMES, capitalize, failure, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

const ROWS = 4;
const ROW_H = 13;

export const clickScrollList: TaskDefinition = {
  name: 'click-scroll-list',
  family: 'choose-list',
  description: 'Scroll a list box to the named row, select it, then Submit (MiniWob click-scroll-list).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const items = rng.sample(NAMES, rng.int(8, 13)).map(capitalize);
    // Mostly a row out of view at first, so that scrolling is needed.
    const target = rng.next() < 0.8 ? rng.pick(items.slice(ROWS)) : rng.pick(items.slice(0, ROWS));
    const x = AREA.x + 6 + rng.int(0, 60);
    const y = AREA.y + 6 + rng.int(0, 60);
    const box = scene.add('scrollbox', x, y, 72, ROWS * ROW_H + 2, { value: '0', tags: { rows: String(ROWS), rowHeight: String(ROW_H) } });
    items.forEach((text, row) => scene.add('listitem', x + 1, y, 65, ROW_H, { text, owner: box.ref, tags: { row: String(row) } }));
    scene.scrollTo(box, 0);
    const submit = addSubmit(scene, x, y + box.h + 6);
    return {
      utterance: `Select ${target} from the scroll list and click Submit.`,
      fields: { target, row: String(items.indexOf(target)) },
      scene,
      onEvent(e) {
        if (e.type === 'click' && e.target === submit) return box.text === target ? success() : failure();
      },
    };
  },
};
