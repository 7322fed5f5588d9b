// The lab's generated retrieval samples: exact length, distinct keys, every queried pair present in the haystack
// before Q, seeded (same seed, same sample), in the shipped model's vocabulary.
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { Rng } from '../../../src/util/random';
import { recallSample, recallVocab } from '../../../src/lm/recall-task';

const vocab = recallVocab(JSON.parse(fs.readFileSync('public/models/recall-llama/tokenizer.json', 'utf8')).model.vocab);

it.each([
  [64, 1, 1],
  [256, 8, 4],
  [1024, 16, 4],
])('length %i with %i pairs and %i queries', (length, pairs, queries) => {
  const rng = new Rng(7);
  for (let n = 0; n < 20; n++) {
    const s = recallSample(rng, length, { pairs, queries }, vocab);
    expect(s.haystack.length + 2 * queries).toBe(length); // + (key, value) per query
    expect(s.haystack[0]).toBe(vocab.bos);
    expect(s.haystack.at(-1)).toBe(vocab.q);
    const keys = s.haystack.filter((t) => vocab.keys.includes(t));
    expect(new Set(keys).size).toBe(pairs);
    for (const q of s.queries) {
      const at = s.haystack.indexOf(q.key);
      expect(s.haystack[at + 1]).toBe(q.value);
    }
  }
  const a = recallSample(new Rng(3), length, { pairs, queries }, vocab);
  const b = recallSample(new Rng(3), length, { pairs, queries }, vocab);
  expect(a).toEqual(b);
});

it('a vocabulary without the recall words is refused', () => {
  expect(() => recallVocab({ '<s>': 0 })).toThrow('the model\'s vocabulary has no "Q": not a recall model');
});
