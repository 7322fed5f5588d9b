/**
 * click-link (MiniWob `click-link`): a paragraph of random words, some of them links (blue, underlined).
 * "Click on the link "X"." The target link → +1 (time-proportional); another link → −1; plain words
 * change nothing.
 *
 * Example:
 *   const env = makeEnv('click-link'); env.reset(5);
 *   // utterance 'Click on the link "moon".'; click on that blue word → reward 1
 */
import { ADVANCE, textWidth } from '../env/font';
import { AREA, Scene, type Widget } from '../env/scene';
import { WORDS, failure, success, type TaskDefinition } from '../env/task';

export const clickLink: TaskDefinition = {
  name: 'click-link',
  family: 'click-link',
  description: 'Click the link with the named text inside a paragraph (MiniWob click-link).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const words = rng.sample(WORDS, rng.int(10, 16));
    const linkIndices = new Set(rng.sample([...words.keys()], rng.int(2, 5)));
    const links: Widget[] = [];
    // Flow the paragraph left to right, 14 px per line (room for the underline).
    let x = AREA.x + 4 + rng.int(0, 12);
    let y = AREA.y + 4 + rng.int(0, 30);
    const right = AREA.x + AREA.w - 4;
    words.forEach((word, i) => {
      const w = textWidth(word);
      if (x + w > right) ((x = AREA.x + 4), (y += 14));
      const kind = linkIndices.has(i) ? 'link' : 'text';
      const widget = scene.add(kind, x, y, w, 11, { text: word });
      if (kind === 'link') links.push(widget);
      x += w + ADVANCE;
    });
    const target = rng.pick(links).text;
    return {
      utterance: `Click on the link "${target}".`,
      fields: { target },
      scene,
      onEvent(e) {
        if (e.type !== 'click' || e.target?.kind !== 'link') return;
        return e.target.text === target ? success() : failure();
      },
    };
  },
};
