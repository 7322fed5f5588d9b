/**
 * Benchmark of constrained decoding's per-token overhead (the mask before each token), in Node, with a vocabulary
 * of real size: a synthetic byte-level vocabulary of 151,643 tokens (Qwen2.5's count) shaped like a BPE one — all
 * 256 bytes, then words with and without a leading space, code and punctuation runs, numbers, whitespace runs and
 * multi-byte UTF-8 pieces — plus the tiny test model's own vocabulary. Programs are decoded under the planner's
 * grammar over the whole registry with random logits (a random model: the worst case, it wanders everywhere the
 * grammar allows, long strings included), until each program ends.
 *
 *   node scripts/run-ts.mjs src/workflow/planner/constrained/bench-constrained.ts [programs=20] [maxTokens=640]
 *   (npm run bench:constrained)
 */
import { ConstrainedRun, TokenTrie, tokenBytes } from '../../../llm/constrained-decoding';
import { mulberry32 } from '../../../util/random';
import { median, quantile } from '../../../util/stats';
import { getRegistry } from '../../functions';
import { analyse } from '../../lang';
import { PLANNER_GRAMMARS, programGrammar } from './index';

const QWEN_VOCAB = 151_643;

function syntheticVocabulary(size: number, seed = 7): Uint8Array[] {
  const rand = mulberry32(seed);
  const pick = (s: string) => s[Math.floor(rand() * s.length)];
  const seen = new Set<string>();
  const out: Uint8Array[] = [];
  const enc = new TextEncoder();
  const add = (bytes: Uint8Array) => {
    const key = bytes.join(',');
    if (!seen.has(key)) (seen.add(key), out.push(bytes));
  };
  for (let b = 0; b < 256; b++) add(Uint8Array.of(b));
  const lower = 'etaoinshrdlcumwfgypbvkjxqz';
  const cjk =
    '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴宋';
  const punct = '()[]{}<>=+-*/%.,;:!?"\'`~@#$^&|\\_';
  while (out.length < size) {
    const r = rand();
    let text: string;
    if (r < 0.55) {
      // a word piece, often with its leading space, sometimes capitalised
      const len = 1 + Math.floor(rand() * rand() * 12);
      text = Array.from({ length: len }, () => pick(lower)).join('');
      if (rand() < 0.3) text = text[0].toUpperCase() + text.slice(1);
      if (rand() < 0.55) text = ` ${text}`;
    } else if (r < 0.7) {
      text = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(punct)).join('');
      if (rand() < 0.3) text = ` ${text}`;
    } else if (r < 0.78) {
      text = String(Math.floor(rand() * 1000));
    } else if (r < 0.82) {
      text = (rand() < 0.5 ? ' ' : '\t').repeat(1 + Math.floor(rand() * 30)) + (rand() < 0.3 ? '\n' : '');
    } else {
      text = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(cjk)).join('');
    }
    add(enc.encode(text));
  }
  return out;
}

function bench(name: string, tokens: (Uint8Array | null)[], eos: number, programs: number, maxTokens: number) {
  const t0 = performance.now();
  const trie = TokenTrie.build(tokens);
  const buildMs = performance.now() - t0;
  const grammar = programGrammar(getRegistry());
  const make = PLANNER_GRAMMARS[grammar.kind];
  const rand = mulberry32(1);
  const logits = new Float32Array(tokens.length);
  const stepMs: number[] = [];
  const visits: number[] = [];
  const lengths: number[] = [];
  let failures = 0;
  for (let p = 0; p < programs; p++) {
    const run = new ConstrainedRun(trie, make(grammar.data), { eosIds: [eos], maxTokens });
    let steps = 0;
    for (; steps < maxTokens; steps++) {
      for (let i = 0; i < logits.length; i++) logits[i] = rand() * 4;
      logits[eos] = 0; // never ends by itself (as the tiny model): every program runs to its forced closing
      const s = performance.now();
      run.mask(logits);
      stepMs.push(performance.now() - s);
      let best = 0;
      for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
      if (best === eos) break;
      run.accept(best);
    }
    visits.push(...run.visits);
    lengths.push(steps);
    const text = run.text();
    if (analyse(text, getRegistry()).diagnostics.some((d) => d.severity === 'error')) failures++;
  }
  const f = (x: number) => x.toFixed(2);
  console.log(
    `${name}: ${tokens.length} tokens, trie ${trie.nodes} nodes built in ${buildMs.toFixed(0)} ms; ${programs} programs, ` +
      `${median(lengths)} tokens median (max ${Math.max(...lengths)}); mask per token: median ${f(median(stepMs))} ms, ` +
      `p95 ${f(quantile(stepMs, 0.95))} ms, max ${f(Math.max(...stepMs))} ms; trie nodes visited per token: median ` +
      `${median(visits)}, p95 ${quantile(visits, 0.95)}, max ${Math.max(...visits)}; programs with check errors: ${failures}`,
  );
}

export async function main(argv: string[]): Promise<void> {
  const [programs = 20, maxTokens = 640] = argv.map(Number);
  const vocab = syntheticVocabulary(QWEN_VOCAB - 1);
  bench('synthetic Qwen-size vocabulary', [...vocab, null], QWEN_VOCAB - 1, programs, maxTokens);

  // The tiny test model's vocabulary (byte-level BPE, 436 tokens), written to a temporary folder.
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { writeTinyChatModel, TINY_CHAT_MODEL_ID } = await import('../../../../scripts/make-tiny-models');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-constrained-'));
  try {
    writeTinyChatModel(dir);
    const json = JSON.parse(fs.readFileSync(path.join(dir, TINY_CHAT_MODEL_ID, 'tokenizer.json'), 'utf8'));
    const entries: [string, number][] = [
      ...Object.entries(json.model.vocab as Record<string, number>),
      ...json.added_tokens.map((t: { content: string; id: number }) => [t.content, t.id]),
    ];
    const special = json.added_tokens.map((t: { id: number }) => t.id);
    const size = Math.max(...entries.map(([, id]) => id)) + 1;
    const eos = json.added_tokens.find((t: { content: string }) => t.content === '<|im_end|>').id;
    bench('tiny-random-chat vocabulary', tokenBytes(entries, size, special, true), eos, programs, maxTokens);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
