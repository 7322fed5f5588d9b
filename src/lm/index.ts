/**
 * A decoder-only transformer on our WebGPU kernels (GPT-2 and Llama families): the public surface.
 * See src/lm/README.md.
 */
export { parseConfig, parameterCount, type LmConfig, type LmArch } from './config';
export { parseSafetensors, writeSafetensors, ModelFormatError, MAX_HEADER_BYTES, type Safetensors } from './safetensors';
export { loadWeights, type LmWeights } from './weights';
export { lmTokenizer, type LmTokenizer } from './tokenizer';
export { loadModelFiles, MODEL_FILES, type ModelFiles, type LoadedModel } from './load';
export { LmModel, LmInputError, checkFits, gpuFootprint, type PrefillMethod, type DecodeMethod, type LoadOptions } from './model';
export { generateGreedy, argmax, maxRelErr, type Generation, type GenerateOptions } from './generate';
export { referenceLogits } from './reference';
export { downloadModel, DownloadError, type DownloadProgress } from './hub';
export type { LmInfo, LmGenerateRequest, LmGeneration } from './worker-api';
