/**
 * click-color (MiniWob `click-color`): a row or grid of colour swatches, each a different colour.
 * "Click on the "red" color." That swatch → +1 (time-proportional); another swatch → −1.
 *
 * Example:
 *   const env = makeEnv('click-color'); env.reset(18);
 *   // click the swatch of the named colour → reward 1
 */
import { AREA, Scene } from '../env/scene';
import { NAMED_COLORS, failure, success, type TaskDefinition } from '../env/task';

export const clickColor: TaskDefinition = {
  name: 'click-color',
  family: 'click-color',
  description: 'Click the swatch of the named colour (MiniWob click-color).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const names = rng.sample(Object.keys(NAMED_COLORS), rng.int(3, 9));
    const perRow = rng.int(3, 6);
    const x0 = AREA.x + 4 + rng.int(0, 20),
      y0 = AREA.y + 4 + rng.int(0, 60);
    const swatches = names.map((name, i) =>
      scene.add('swatch', x0 + (i % perRow) * 26, y0 + Math.floor(i / perRow) * 26, 22, 22, {
        color: NAMED_COLORS[name],
        tags: { color: name },
      }),
    );
    const target = rng.pick(names);
    return {
      utterance: `Click on the "${target}" color.`,
      fields: { target },
      scene,
      onEvent(e) {
        if (e.type !== 'click' || e.target?.kind !== 'swatch') return;
        return swatches[names.indexOf(target)] === e.target ? success() : failure();
      },
    };
  },
};
