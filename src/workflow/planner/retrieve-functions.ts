/**
 * Which functions to show the model: a lexical score of the instruction against each function's name (split at
 * capitals), doc, parameter and port names and choices (TF-IDF weighted, the name counting three times), the top k,
 * then for every required input type none of them produces, the best-scoring function that produces it (so the
 * prompt can always show a complete program). Small models have short contexts; the grammar still allows every
 * registered function (./constrained), the prompt only points at the likely ones.
 *
 * Example:
 *   relevantFunctions('blur this photo and make it sepia', getRegistry(), 4)
 *   // [..., "LoadImage"]: the top 6 by score, then LoadImage (a source of the Image they all need)
 */
import type { FunctionSignature, Registry } from '../lang/types';
import { words } from './references';

const NAME_WEIGHT = 3;

/** A crude stem, so "cartoon" finds Cartoonize and "videos" finds video: common suffixes off, at least 4 letters kept. */
function stem(w: string): string {
  const m = /^(.{4,}?)(?:izes?|ized|ises?|ised|ing|ed|es|s)$/.exec(w);
  return m ? m[1] : w;
}

function bagOf(sig: FunctionSignature): Map<string, number> {
  const bag = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const w of words(text).map(stem)) bag.set(w, (bag.get(w) ?? 0) + weight);
  };
  add(sig.name.replace(/([a-z0-9])([A-Z])/g, '$1 $2'), NAME_WEIGHT);
  add(sig.doc, 1);
  for (const p of sig.params) add(`${p.name} ${p.doc ?? ''} ${p.type === 'choice' ? p.choices.join(' ') : ''}`, 1);
  for (const p of [...sig.inputs, ...sig.outputs]) add(`${p.name} ${p.type}`, 1);
  return bag;
}

const bags = new WeakMap<Registry, Map<string, Map<string, number>>>();

/** Scores of every function for `instruction` (higher = more relevant). */
export function functionScores(instruction: string, registry: Registry): Map<string, number> {
  let byName = bags.get(registry);
  if (!byName) bags.set(registry, (byName = new Map([...registry.values()].map((s) => [s.name, bagOf(s)]))));
  const df = new Map<string, number>();
  for (const bag of byName.values()) for (const w of bag.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const query = new Set(words(instruction).map(stem));
  const scores = new Map<string, number>();
  for (const [name, bag] of byName) {
    let score = 0;
    for (const w of query) {
      const tf = bag.get(w);
      if (tf) score += Math.log(1 + tf) * Math.log(1 + byName.size / df.get(w)!);
    }
    scores.set(name, score);
  }
  return scores;
}

/** The k most relevant functions, plus producers for any required input type they leave unfed. */
export function relevantFunctions(instruction: string, registry: Registry, k = 6): string[] {
  const scores = functionScores(instruction, registry);
  const ranked = [...registry.keys()].sort((a, b) => scores.get(b)! - scores.get(a)! || a.localeCompare(b));
  const chosen = ranked.slice(0, k).filter((n, i) => i === 0 || scores.get(n)! > 0);
  const needs = (name: string) => registry.get(name)!.inputs.filter((p) => !p.optional);
  // Types the chosen functions can produce starting from nothing (a fixpoint over sources and what they feed).
  const reachable = () => {
    const types = new Set<string>();
    for (let grew = true; grew;) {
      grew = false;
      for (const n of chosen)
        if (needs(n).every((p) => types.has(p.type)))
          for (const o of registry.get(n)!.outputs) if (!types.has(o.type)) (types.add(o.type), (grew = true));
    }
    return types;
  };
  // A producer for each type the chosen ones need but cannot reach: a source first (no required inputs: a loader),
  // one already chosen before a new one, then by score; then the same for what that producer needs.
  const ensure = (type: string, depth: number) => {
    if (depth > 4 || reachable().has(type)) return;
    const rank = (n: string) => (needs(n).length ? 2 : 0) + (chosen.includes(n) ? 0 : 1);
    const producer = ranked
      .filter((n) => registry.get(n)!.outputs.some((o) => o.type === type) && !needs(n).some((p) => p.type === type))
      .sort((a, b) => rank(a) - rank(b))[0];
    if (!producer) return;
    if (!chosen.includes(producer)) chosen.push(producer);
    for (const p of needs(producer)) ensure(p.type, depth + 1);
  };
  for (const n of [...chosen]) for (const p of needs(n)) ensure(p.type, 0);
  return chosen;
}
