/**
 * drag-shape (MiniWob `drag-box` / `drag-single-shape`): two or three coloured shapes and an empty box.
 * "Drag the red circle into the box." A drag that starts on a shape moves it by the drag's distance; dropping
 * the named shape wholly inside the box → +1 (time-proportional), dropping another shape there → −1.
 *
 * Example:
 *   const env = makeEnv('drag-shape'); env.reset(2);
 *   // drag from the named shape's centre to the box's centre → reward 1
 */
import { AREA, Scene, type ShapeName } from '../env/scene';
import { NAMED_COLORS, failure, scatter, success, type TaskDefinition } from '../env/task';

const SHAPES: ShapeName[] = ['circle', 'square', 'triangle'];
const SIZE = 16;

export const dragShape: TaskDefinition = {
  name: 'drag-shape',
  family: 'drag',
  description: 'Drag the named shape into the box (MiniWob drag-box, drag-single-shape).',
  maxSteps: 8,
  generate(rng) {
    const scene = new Scene();
    const n = rng.int(2, 4);
    const colors = rng.sample(['red', 'green', 'blue', 'orange', 'purple'], n);
    const kinds = colors.map(() => rng.pick(SHAPES));
    const boxes = scatter(rng, [{ w: 44, h: 44 }, ...colors.map(() => ({ w: SIZE, h: SIZE }))], AREA, 6);
    const [b] = boxes;
    const target = scene.add('panel', b.x, b.y, b.w, b.h, { tags: { target: 'true' } });
    const shapes = colors.map((color, i) =>
      scene.add('shape', boxes[i + 1].x, boxes[i + 1].y, SIZE, SIZE, {
        shape: kinds[i],
        color: NAMED_COLORS[color],
        tags: { shape: kinds[i], color },
      }),
    );
    const goal = shapes[0];
    const inside = (w: typeof goal) =>
      w.x > target.x && w.y > target.y && w.x + w.w < target.x + target.w && w.y + w.h < target.y + target.h;
    return {
      utterance: `Drag the ${goal.tags.color} ${goal.tags.shape} into the box.`,
      fields: { color: goal.tags.color, shape: goal.tags.shape },
      scene,
      onEvent(e) {
        if (e.type !== 'drag' || e.target?.kind !== 'shape') return;
        const w = e.target;
        w.x = Math.max(AREA.x, Math.min(AREA.x + AREA.w - w.w, w.x + e.x2 - e.x));
        w.y = Math.max(AREA.y, Math.min(AREA.y + AREA.h - w.h, w.y + e.y2 - e.y));
        if (inside(w)) return w === goal ? success() : failure();
      },
    };
  },
};
