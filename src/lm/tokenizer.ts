/**
 * tokenizer.json (+ tokenizer_config.json) through transformers.js's tokenizer classes, checked against the
 * model: a tokenizer whose ids do not fit the model's vocabulary is refused with the numbers.
 *
 * Example:
 *   const tok = lmTokenizer(JSON.parse(tokenizerText), JSON.parse(configText), cfg.vocab);
 *   const ids = tok.encode('hello');  const text = tok.decode(ids);
 */
import { PreTrainedTokenizer } from '@huggingface/transformers';
import { ModelFormatError } from './safetensors';

export interface LmTokenizer {
  encode(text: string): number[];
  decode(ids: number[]): string;
  /** Ids that end generation (eos and the config's extra end tokens). */
  eos: number[];
  bos?: number;
  vocabSize: number;
  /** token → id */
  vocab: Map<string, number>;
}

export function lmTokenizer(tokenizerJson: unknown, tokenizerConfig: unknown, modelVocab: number, file = 'tokenizer.json'): LmTokenizer {
  if (!tokenizerJson || typeof tokenizerJson !== 'object' || !('model' in tokenizerJson))
    throw new ModelFormatError(`${file}: not a tokenizer.json (no "model" section)`);
  let tok: PreTrainedTokenizer;
  try {
    tok = new PreTrainedTokenizer(tokenizerJson, tokenizerConfig ?? {});
  } catch (e) {
    throw new ModelFormatError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const vocab = tok.get_vocab();
  let maxId = -1;
  for (const id of vocab.values()) maxId = Math.max(maxId, id);
  if (maxId >= modelVocab)
    throw new ModelFormatError(
      `${file}: token id ${maxId} does not fit the model's vocabulary of ${modelVocab} (tokenizer of another model?)`,
    );
  const eos = tok.eos_token_id != null ? [tok.eos_token_id] : [];
  return {
    encode: (text) => tok.encode(text, { add_special_tokens: false }),
    decode: (ids) => tok.decode(ids, { skip_special_tokens: false }),
    eos,
    bos: tok.bos_token_id ?? undefined,
    vocabSize: maxId + 1,
    vocab,
  };
}
