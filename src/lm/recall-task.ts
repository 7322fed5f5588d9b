/**
 * The retrieval task the shipped model was trained on (scripts/train/train_recall.py), generated here seeded:
 *   <s> w12 w3 k17 v40 w9 ... k5 v2 ... Q k5 → v2
 * `pairs` distinct keys with random values among filler words; some pairs repeat later; after Q, queries.
 * NIAH single-key is pairs = 1; multi-key has several pairs and queries.
 *
 * Example:
 *   const s = recallSample(new Rng(1), 512, { pairs: 8, queries: 4 }, vocab);
 *   s.haystack;  // ids up to and including Q;  s.queries: [{ key, value }]
 */
import { Rng } from '../util/random';

export interface RecallVocab {
  bos: number;
  q: number;
  keys: number[];
  values: number[];
  filler: number[];
}

/** Ids of the shipped model's word-level vocabulary (tokenizer.json's `model.vocab`). */
export function recallVocab(vocab: Map<string, number> | Record<string, number>): RecallVocab {
  const get = (w: string) => {
    const id = vocab instanceof Map ? vocab.get(w) : vocab[w];
    if (id === undefined) throw new Error(`the model's vocabulary has no "${w}": not a recall model`);
    return id;
  };
  const range = (p: string) => Array.from({ length: 64 }, (_, i) => get(`${p}${i}`));
  return { bos: get('<s>'), q: get('Q'), keys: range('k'), values: range('v'), filler: range('w') };
}

export interface RecallSample {
  /** <s> … Q: every token before the first query key. */
  haystack: number[];
  queries: { key: number; value: number }[];
}

export function recallSample(rng: Rng, length: number, shape: { pairs: number; queries: number }, v: RecallVocab): RecallSample {
  const keys = rng.sample(v.keys, shape.pairs);
  const values = keys.map(() => rng.pick(v.values));
  const hayLen = length - 2 - 2 * shape.queries; // <s>, Q, (key value) per query
  const items: number[] = keys.map((_, i) => i);
  for (let i = 0; i < shape.pairs; i++) if (rng.next() < 0.4 && 2 * (items.length + 1) <= hayLen) items.push(i);
  const fill = hayLen - 2 * items.length;
  if (fill < 0) throw new Error(`length ${length} is too short for ${shape.pairs} pairs and ${shape.queries} queries`);
  // First occurrences in random order; each repeat after its first occurrence.
  const order = rng.shuffle(items.slice(0, shape.pairs));
  for (const r of items.slice(shape.pairs)) order.splice(rng.int(order.indexOf(r) + 1, order.length + 1), 0, r);
  const slots = new Set(
    rng.sample(
      Array.from({ length: fill + order.length }, (_, i) => i),
      order.length,
    ),
  );
  const haystack = [v.bos];
  let next = 0;
  for (let s = 0; s < fill + order.length; s++) {
    if (slots.has(s)) {
      const p = order[next++];
      haystack.push(keys[p], values[p]);
    } else haystack.push(rng.pick(v.filler));
  }
  haystack.push(v.q);
  const asked = rng.sample(
    keys.map((_, i) => i),
    shape.queries,
  );
  return { haystack, queries: asked.map((i) => ({ key: keys[i], value: values[i] })) };
}

/**
 * A recall prompt as text in the shipped model's vocabulary ("<s> k3 v7 w12 … Q k3"): what the LM panel offers and
 * what SparseGenerate's test asks. Token ids follow scripts/train/train_recall.py: <s>, Q, then 64 keys, values, fillers.
 */
export function recallPrompt(seed: number, length: number): string {
  const names = ['<s>', 'Q', ...[0, 1, 2].flatMap((p) => Array.from({ length: 64 }, (_, i) => `${'kvw'[p]}${i}`))];
  const range = (from: number) => Array.from({ length: 64 }, (_, i) => from + i);
  const ids: RecallVocab = { bos: 0, q: 1, keys: range(2), values: range(66), filler: range(130) };
  const s = recallSample(new Rng(seed), length, { pairs: 8, queries: 1 }, ids);
  return [...s.haystack, s.queries[0].key].map((i) => names[i]).join(' ');
}
