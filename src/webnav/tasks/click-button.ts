/**
 * click-button (MiniWob `click-button`): a few buttons with random labels at random places, plus a stray word or
 * two of plain text. "Click on the "X" button." The target button → +1 (time-proportional); any other button
 * → −1; clicks on text or the bare page change nothing.
 *
 * Example:
 *   const env = makeEnv('click-button'); env.reset(1);
 *   // utterance 'Click on the "lamp" button.'; click inside that button → reward 1
 */
import { textWidth } from '../env/font';
import { Scene } from '../env/scene';
import { WORDS, failure, scatter, success, type TaskDefinition } from '../env/task';

export const clickButton: TaskDefinition = {
  name: 'click-button',
  family: 'click-button',
  description: 'Click the button whose label the instruction names (MiniWob click-button).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const labels = rng.sample(WORDS, rng.int(2, 6));
    const distractors = rng.sample(
      WORDS.filter((w) => !labels.includes(w)),
      rng.int(0, 3),
    );
    const target = rng.pick(labels);
    const boxes = scatter(rng, [
      ...labels.map((l) => ({ w: textWidth(l) + 8, h: 15 })),
      ...distractors.map((d) => ({ w: textWidth(d), h: 11 })),
    ]);
    const buttons = labels.map((text, i) => scene.add('button', boxes[i].x, boxes[i].y, boxes[i].w, boxes[i].h, { text }));
    distractors.forEach((text, i) =>
      scene.add('text', boxes[labels.length + i].x, boxes[labels.length + i].y, boxes[labels.length + i].w, 11, { text }),
    );
    return {
      utterance: `Click on the "${target}" button.`,
      fields: { target },
      scene,
      onEvent(e) {
        if (e.type !== 'click' || e.target?.kind !== 'button') return;
        return buttons.indexOf(e.target) === labels.indexOf(target) ? success() : failure();
      },
    };
  },
};
