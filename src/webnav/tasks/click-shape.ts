/**
 * click-shape (MiniWob `click-shape`, shapes only): four to seven coloured circles, triangles and squares.
 * "Click on a red triangle." Any shape of that colour and kind → +1 (time-proportional); another shape → −1.
 *
 * Example:
 *   const env = makeEnv('click-shape'); env.reset(17);
 *   // click inside a matching shape → reward 1
 */
import { Scene, type ShapeName } from '../env/scene';
import { NAMED_COLORS, failure, scatter, success, type TaskDefinition } from '../env/task';

const SHAPES: ShapeName[] = ['circle', 'triangle', 'square'];
const COLOR_NAMES = ['red', 'green', 'blue', 'yellow', 'orange', 'purple'];

export const clickShape: TaskDefinition = {
  name: 'click-shape',
  family: 'click-shape',
  description: 'Click a shape of the named colour and kind (MiniWob click-shape).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const n = rng.int(4, 8);
    const sizes = Array.from({ length: n }, () => {
      const s = rng.int(14, 22);
      return { w: s, h: s };
    });
    const shapes = scatter(rng, sizes, undefined, 4).map((b) => {
      const shape = rng.pick(SHAPES),
        color = rng.pick(COLOR_NAMES);
      return scene.add('shape', b.x, b.y, b.w, b.h, { shape, color: NAMED_COLORS[color], tags: { shape, color } });
    });
    const target = rng.pick(shapes).tags;
    const matches = (w: { tags: Record<string, string> }) => w.tags.shape === target.shape && w.tags.color === target.color;
    return {
      utterance: `Click on a ${target.color} ${target.shape}.`,
      fields: { color: target.color, shape: target.shape },
      scene,
      onEvent(e) {
        if (e.type !== 'click' || e.target?.kind !== 'shape') return;
        return matches(e.target) ? success() : failure();
      },
    };
  },
};
