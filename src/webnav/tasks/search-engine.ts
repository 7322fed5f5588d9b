/**
 * search-engine (MiniWob `search-engine`): a search field and a Search button. "Search for "moon" and click
 * the 3rd result." After a search for the named word, a list of result links appears (titles containing the
 * word); any other query shows "No results". The named result → +1 (time-proportional); another result → −1.
 *
 * Example:
 *   const env = makeEnv('search-engine'); env.reset(2);
 *   // click the field, type the word, click Search, click the third link → reward 1
 */
import { textWidth } from '../env/font';
import { AREA, Scene } from '../env/scene';
import { WORDS, failure, success, type TaskDefinition } from '../env/task';

const ORDINALS = ['1st', '2nd', '3rd', '4th', '5th'];

export const searchEngine: TaskDefinition = {
  name: 'search-engine',
  family: 'search',
  description: 'Search for a word, then click the n-th result (MiniWob search-engine).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const query = rng.pick(WORDS);
    const n = rng.int(3, 6);
    const rank = rng.int(1, n + 1);
    const others = rng.sample(
      WORDS.filter((w) => w !== query),
      n,
    );
    const titles = others.map((w, i) => (i % 2 ? `${w} ${query}` : `${query} ${w}`));
    const x = AREA.x + 2 + rng.int(0, 12);
    const y = AREA.y + 4 + rng.int(0, 20);
    const field = scene.add('input', x, y, 90, 15);
    const search = scene.add('button', x + 96, y, textWidth('Search') + 8, 15, { text: 'Search' });
    const none = scene.add('text', x, y + 22, textWidth('No results'), 11, { text: 'No results', visible: false });
    const links = titles.map((text, i) =>
      scene.add('link', x, y + 22 + i * 16, textWidth(text), 12, { text, visible: false, tags: { rank: String(i + 1) } }),
    );
    return {
      utterance: `Search for "${query}" and click the ${ORDINALS[rank - 1]} result.`,
      fields: { query, rank: String(rank), target: titles[rank - 1] },
      scene,
      onEvent(e) {
        // Search runs on the button or on Enter in the field.
        const searched = (e.type === 'click' && e.target === search) || (e.type === 'key' && e.name === 'Enter' && e.target === field);
        if (searched) {
          const found = field.value.trim().toLowerCase() === query;
          none.visible = !found;
          for (const l of links) l.visible = found;
        } else if (e.type === 'click' && e.target && links.includes(e.target)) return e.target === links[rank - 1] ? success() : failure();
      },
    };
  },
};
