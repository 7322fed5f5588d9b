/**
 * The Sparse Frontier experiment on a real model: retrieval accuracy against compression, prefill patterns and
 * decode methods side by side (paper §3: prefill = block-sparse patterns over the prompt; decode = Quest over the
 * KV cache). Framework-free; runs wherever an LmModel runs (GPU worker, Node).
 *
 *   prefill: prompt = haystack + Q + key, prefilled with the pattern; correct when argmax = the value.
 *   decode:  haystack + Q prefilled densely, then each query key is decoded through the method; the true value
 *            is fed back before the next key.
 */
import { Rng } from '../util/random';
import { argmax } from './generate';
import type { DecodeMethod, LmModel, PrefillMethod } from './model';
import { recallSample, type RecallVocab } from './recall-task';

export type LabTask = 'niah' | 'mk-niah';

export interface LabResult {
  phase: 'prefill' | 'decode';
  method: string;
  compression: number;
  length: number;
  accuracy: number;
  samples: number;
  /** prefill: mean block density reached; decode: attended pages ÷ all pages. */
  density: number;
}

export interface LabOptions {
  task: LabTask;
  lengths: number[];
  samples: number;
  compressions: number[];
  patterns: Extract<PrefillMethod, { kind: 'block-sparse' }>['pattern'][];
  seed?: number;
  onProgress?: (done: number, total: number, last?: LabResult) => void;
  signal?: AbortSignal;
}

export async function runLab(model: LmModel, vocab: RecallVocab, opts: LabOptions): Promise<LabResult[]> {
  const results: LabResult[] = [];
  const pageSize = 16;
  const prefillMethods: { name: string; c: number; m: PrefillMethod }[] = [{ name: 'dense', c: 1, m: { kind: 'dense' } }];
  for (const pattern of opts.patterns)
    for (const c of opts.compressions)
      prefillMethods.push({ name: pattern, c, m: { kind: 'block-sparse', pattern, compression: c, blockSize: 16 } });
  const total = opts.lengths.length * (prefillMethods.length + 1 + opts.compressions.length);
  let done = 0;
  for (const length of opts.lengths) {
    const shape = opts.task === 'niah' ? { pairs: 1, queries: 1 } : { pairs: Math.min(16, Math.floor(length / 8)), queries: 4 };
    const rng = new Rng(opts.seed ?? 1);
    const samples = Array.from({ length: opts.samples }, () => recallSample(rng, length, shape, vocab));
    for (const pm of prefillMethods) {
      if (opts.signal?.aborted) return results;
      let good = 0;
      let density = 0;
      for (const s of samples) {
        model.reset();
        const r = await model.prefill([...s.haystack, s.queries[0].key], { method: pm.m });
        density += r.density;
        if (argmax(r.logits) === s.queries[0].value) good++;
      }
      const res = {
        phase: 'prefill' as const,
        method: pm.name,
        compression: pm.c,
        length,
        accuracy: good / samples.length,
        samples: samples.length,
        density: density / samples.length,
      };
      results.push(res);
      opts.onProgress?.(++done, total, res);
    }
    const pages = Math.ceil(length / pageSize);
    const decodeMethods: { name: string; c: number; m: DecodeMethod }[] = [
      { name: 'dense', c: 1, m: { kind: 'dense' } },
      ...opts.compressions.map((c) => ({
        name: 'quest',
        c,
        m: { kind: 'quest' as const, pageBudget: Math.max(1, Math.ceil(pages / c)), pageSize },
      })),
    ];
    for (const dm of decodeMethods) {
      if (opts.signal?.aborted) return results;
      await model.setDecodeMethod(dm.m);
      let good = 0;
      let asked = 0;
      for (const s of samples) {
        model.reset();
        await model.prefill(s.haystack);
        for (const [i, q] of s.queries.entries()) {
          if (argmax(await model.decode(q.key)) === q.value) good++;
          asked++;
          if (i + 1 < s.queries.length) await model.decode(q.value);
        }
      }
      const density = dm.m.kind === 'quest' ? Math.min(1, dm.m.pageBudget / pages) : 1;
      const res = {
        phase: 'decode' as const,
        method: dm.name,
        compression: dm.c,
        length,
        accuracy: good / asked,
        samples: samples.length,
        density,
      };
      results.push(res);
      opts.onProgress?.(++done, total, res);
    }
    await model.setDecodeMethod({ kind: 'dense' });
  }
  return results;
}
