/**
 * Greedy generation over LmModel, and the error measure the checks use.
 *
 * Example:
 *   const { tokens, prefillMs, decodeMs } = await generateGreedy(model, promptIds, { maxNewTokens: 32, eos: [2] });
 */
import type { DecodeMethod, LmModel, PrefillMethod } from './model';

export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

/**
 * max |a − b| / max(|b|) over the whole tensor (relative to the reference's scale, so near-zero logits do not
 * blow it up), as llm.c's checks do per tensor.
 */
export function maxRelErr(a: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (a.length !== ref.length) throw new Error(`maxRelErr: lengths differ (${a.length} vs ${ref.length})`);
  let scale = 0;
  let err = 0;
  for (let i = 0; i < ref.length; i++) {
    scale = Math.max(scale, Math.abs(ref[i]));
    const d = Math.abs(a[i] - ref[i]);
    err = Number.isNaN(d) ? Infinity : Math.max(err, d);
  }
  return err / Math.max(scale, 1e-30);
}

export interface GenerateOptions {
  maxNewTokens: number;
  eos?: number[];
  prefill?: PrefillMethod;
  decode?: DecodeMethod;
  /** Called with each new token (streaming). */
  onToken?: (token: number) => void;
  /** Checked between steps. */
  signal?: AbortSignal;
}

export interface Generation {
  tokens: number[];
  /** logits [V] behind each generated token (the first from prefill). */
  logits: Float32Array[];
  prefillMs: number;
  decodeMs: number;
  /** Mean block-mask density of the prefill (1 when dense). */
  prefillDensity: number;
}

const now = () => performance.now();

export async function generateGreedy(model: LmModel, prompt: number[], opts: GenerateOptions): Promise<Generation> {
  model.reset();
  await model.setDecodeMethod(opts.decode ?? { kind: 'dense' });
  const t0 = now();
  const pre = await model.prefill(prompt, { method: opts.prefill });
  const prefillMs = now() - t0;
  const logits = [pre.logits];
  const tokens: number[] = [];
  let next = argmax(pre.logits);
  const t1 = now();
  for (let i = 0; i < opts.maxNewTokens; i++) {
    tokens.push(next);
    opts.onToken?.(next);
    if (opts.eos?.includes(next) || i === opts.maxNewTokens - 1 || opts.signal?.aborted) break;
    const l = await model.decode(next);
    logits.push(l);
    next = argmax(l);
  }
  return { tokens, logits, prefillMs, decodeMs: now() - t1, prefillDensity: pre.density };
}
