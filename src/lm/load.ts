/**
 * A model folder's files (config.json, model.safetensors, tokenizer.json, tokenizer_config.json) → parsed
 * config, weights and tokenizer, every file checked first. Where the bytes come from (hub download, picked
 * files, the shipped model, a folder in Node) is the caller's business.
 */
import { parseConfig, type LmConfig } from './config';
import { parseSafetensors, ModelFormatError } from './safetensors';
import { loadWeights, type LmWeights } from './weights';
import { lmTokenizer, type LmTokenizer } from './tokenizer';

export const MODEL_FILES = ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'] as const;
export type ModelFiles = Partial<Record<(typeof MODEL_FILES)[number], ArrayBuffer | Uint8Array>>;

export interface LoadedModel {
  config: LmConfig;
  weights: LmWeights;
  tokenizer?: LmTokenizer;
}

const text = (b: ArrayBuffer | Uint8Array) => new TextDecoder().decode(b);

function json(files: ModelFiles, name: keyof ModelFiles): unknown {
  const b = files[name];
  if (!b) return undefined;
  try {
    return JSON.parse(text(b));
  } catch (e) {
    throw new ModelFormatError(`${name}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

export function loadModelFiles(files: ModelFiles): LoadedModel {
  if (!files['config.json']) throw new ModelFormatError('config.json is missing');
  if (!files['model.safetensors']) throw new ModelFormatError('model.safetensors is missing');
  const config = parseConfig(json(files, 'config.json'));
  const weights = loadWeights(config, parseSafetensors(files['model.safetensors']));
  const tj = json(files, 'tokenizer.json');
  const tokenizer = tj ? lmTokenizer(tj, json(files, 'tokenizer_config.json'), config.vocab) : undefined;
  return { config, weights, tokenizer };
}
