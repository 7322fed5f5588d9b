/**
 * The model catalogue: for every model-backed feature, which model it downloads, for which transformers.js task,
 * in which precision (dtype) on which device, how big that is, under which licence, and what else a user may pick.
 * Plain data and pure functions: the page, the workers and Node tests all read it; nothing here loads a model.
 *
 * Example:
 *   const m = modelFor('GenerateText');                                   // the default entry
 *   const { dtype, note } = chooseDtype(m.id, 'webgpu', { shaderF16: false }); // 'q4', "no shader-f16: …"
 *   describeSize(m.sizes[dtype]);                                          // '786 MB'
 *
 * Sizes are the ONNX weight files transformers.js fetches for that dtype (tokenizer and configs add a few MB),
 * in decimal megabytes as the Hugging Face hub's "Files and versions" listing shows them; each entry names the
 * listing it was read from. 'unknown' where no listing was read: the app then measures the real size before any
 * download (Range requests, `probeModel` in model-loader.ts) and shows that instead.
 */

export type Feature =
  | 'planner'
  | 'GenerateText'
  | 'Summarize'
  | 'CaptionImage'
  | 'ClassifyImage'
  | 'DetectObjects'
  | 'EstimateDepth'
  | 'RemoveBackground'
  | 'Transcribe'
  | 'TextToSpeech'
  | 'Translate'
  | 'UpscaleImage'
  | 'TextToImage'
  | 'InpaintImage';

export type ModelDevice = 'webgpu' | 'wasm' | 'cpu';

/** Which dtype to ask for per device. `webgpuF16` needs the adapter's `shader-f16` feature. */
export interface DtypePlan {
  webgpuF16: string;
  webgpu: string;
  wasm: string;
}

/** How a translation model is told its languages. */
export type TranslationFamily = 'opus-mt' | 'nllb' | 'm2m100';

export interface CatalogueModel {
  id: string;
  task: string;
  licence: string;
  goodFor: string;
  dtypes: DtypePlan;
  /** Megabytes of weights per dtype, or 'unknown'. */
  sizes: Partial<Record<string, number | 'unknown'>>;
  /** Where the sizes come from. */
  sizeSource: string;
  /** Translation models: how languages are chosen. */
  family?: TranslationFamily;
  /** SpeechT5-style TTS: needs a speaker embedding (and its vocoder). */
  speaker?: { embeddings: string; vocoder: string };
  /** Plain ONNX graphs run as sessions (no transformers.js task): their paths in the repository. */
  files?: string[];
  /** The tokenizer's model id, when the graphs need one from another repository. */
  tokenizer?: string;
  /** Float16 kernels only WebGPU with `shader-f16` runs: refused elsewhere, before any download. */
  needsShaderF16?: boolean;
  /** Why this model runs on wasm even where WebGPU exists (its WebGPU kernels fail). */
  wasmOnly?: string;
}

/** Decoder LLMs on onnx-community carry fp32/fp16/q8/q4/q4f16: 4-bit on WebGPU, 8-bit on wasm (its int8 kernels). */
const LLM_DTYPES: DtypePlan = { webgpuF16: 'q4f16', webgpu: 'q4', wasm: 'q8' };
/** Older Xenova exports (seq2seq, vision) carry fp32, fp16 and 'quantized' (q8) only: fp16 where the GPU has it,
 * else the 8-bit file (a quarter of fp32; onnxruntime runs the ops WebGPU lacks on the CPU). */
const XENOVA_DTYPES: DtypePlan = { webgpuF16: 'fp16', webgpu: 'q8', wasm: 'q8' };
/** Small vision/speech models whose fp32 file is small anyway. */
const SMALL_DTYPES: DtypePlan = { webgpuF16: 'fp16', webgpu: 'fp32', wasm: 'q8' };

const HUB = 'huggingface.co';

export const MODELS: Record<string, CatalogueModel> = {
  'onnx-community/Qwen2.5-0.5B-Instruct': {
    id: 'onnx-community/Qwen2.5-0.5B-Instruct',
    task: 'text-generation',
    licence: 'apache-2.0',
    goodFor: 'planning programs and short answers; 0.5 B parameters, 32k context, follows formats well for its size',
    dtypes: LLM_DTYPES,
    sizes: { q4f16: 483, q4: 786, q8: 512, fp16: 997, fp32: 1990 },
    sizeSource: `${HUB}/onnx-community/Qwen2.5-0.5B-Instruct/tree/main/onnx (model_*.onnx)`,
  },
  'HuggingFaceTB/SmolLM2-135M-Instruct': {
    id: 'HuggingFaceTB/SmolLM2-135M-Instruct',
    task: 'text-generation',
    licence: 'apache-2.0',
    goodFor: 'the smallest chat model: fast and cheap to download, weak at following a program format',
    dtypes: LLM_DTYPES,
    sizes: { fp16: 270, q4f16: 'unknown', q4: 'unknown', q8: 'unknown' },
    sizeSource: 'fp16 ≈ 270 MB: shared/reference/models-and-paper2code.md; others not read',
  },
  'onnx-community/Qwen2.5-Coder-0.5B-Instruct': {
    id: 'onnx-community/Qwen2.5-Coder-0.5B-Instruct',
    task: 'text-generation',
    licence: 'apache-2.0',
    goodFor: 'code-flavoured answers (paper → code drafts); same size class as the default',
    dtypes: LLM_DTYPES,
    sizes: { q4f16: 555, q4: 862, q8: 639, fp16: 1260 },
    sizeSource: `${HUB}/onnx-community/Qwen2.5-Coder-0.5B-Instruct/tree/main/onnx`,
  },
  'Xenova/distilbart-cnn-6-6': {
    id: 'Xenova/distilbart-cnn-6-6',
    task: 'summarization',
    licence: 'apache-2.0',
    goodFor: 'news-style summaries of English text',
    dtypes: XENOVA_DTYPES,
    // encoder_model + decoder_model_merged
    sizes: { q8: 129 + 155, fp32: 513 + 614, fp16: 'unknown' },
    sizeSource: `${HUB}/webml/models/tree/…/transformer.js/distilbart-cnn-6-6 (a mirror of the same files)`,
  },
  'Xenova/vit-gpt2-image-captioning': {
    id: 'Xenova/vit-gpt2-image-captioning',
    task: 'image-to-text',
    licence: 'apache-2.0',
    goodFor: 'one-line English captions of photos',
    dtypes: XENOVA_DTYPES,
    sizes: { q8: 87.5 + 159, fp16: 172 + 310, fp32: 343 + 615 },
    sizeSource: `${HUB}/Xenova/vit-gpt2-image-captioning/tree/main/onnx (encoder_model + decoder_model_merged)`,
  },
  'Xenova/vit-base-patch16-224': {
    id: 'Xenova/vit-base-patch16-224',
    task: 'image-classification',
    licence: 'apache-2.0',
    goodFor: 'ImageNet-1k labels for a photo',
    dtypes: XENOVA_DTYPES,
    sizes: { q8: 'unknown', fp16: 'unknown', fp32: 'unknown' },
    sizeSource: 'not read',
  },
  'Xenova/detr-resnet-50': {
    id: 'Xenova/detr-resnet-50',
    task: 'object-detection',
    licence: 'apache-2.0',
    goodFor: 'boxes around COCO objects (people, animals, vehicles, furniture)',
    dtypes: XENOVA_DTYPES,
    sizes: { q8: 'unknown', fp16: 'unknown', fp32: 'unknown' },
    sizeSource: 'not read',
  },
  'onnx-community/depth-anything-v2-small': {
    id: 'onnx-community/depth-anything-v2-small',
    task: 'depth-estimation',
    licence: 'apache-2.0',
    goodFor: 'relative depth of a single photo',
    dtypes: SMALL_DTYPES,
    sizes: { fp32: 'unknown', fp16: 'unknown', q8: 'unknown' },
    sizeSource: 'not read',
  },
  'Xenova/modnet': {
    id: 'Xenova/modnet',
    task: 'background-removal',
    licence: 'apache-2.0',
    goodFor: 'portrait matting: cuts a person out of the background',
    dtypes: SMALL_DTYPES,
    sizes: { fp32: 'unknown', fp16: 'unknown', q8: 'unknown' },
    sizeSource: 'not read',
  },
  'onnx-community/whisper-tiny.en': {
    id: 'onnx-community/whisper-tiny.en',
    task: 'automatic-speech-recognition',
    licence: 'mit',
    goodFor: 'English speech to text (39 M parameters)',
    dtypes: SMALL_DTYPES,
    sizes: { fp32: 'unknown', fp16: 'unknown', q8: 'unknown' },
    sizeSource: 'not read',
  },
  'Xenova/mms-tts-eng': {
    id: 'Xenova/mms-tts-eng',
    task: 'text-to-speech',
    licence: 'cc-by-nc-4.0 (Meta MMS: non-commercial)',
    goodFor: 'an English voice (VITS), no extra inputs',
    dtypes: SMALL_DTYPES,
    sizes: { fp32: 'unknown', q8: 'unknown' },
    sizeSource: 'not read',
  },
  'Xenova/speecht5_tts': {
    id: 'Xenova/speecht5_tts',
    task: 'text-to-speech',
    licence: 'mit',
    goodFor: 'an English voice chosen by a speaker embedding (needs the embedding and the HiFi-GAN vocoder)',
    dtypes: SMALL_DTYPES,
    sizes: { fp32: 'unknown', q8: 'unknown' },
    sizeSource: 'not read',
    // The embedding transformers.js's own examples use (one x-vector, 512 float32 values).
    speaker: {
      embeddings: 'https://huggingface.co/datasets/Xenova/transformers.js-docs/resolve/main/speaker_embeddings.bin',
      vocoder: 'Xenova/speecht5_hifigan',
    },
  },
  'Xenova/opus-mt-en-fr': {
    id: 'Xenova/opus-mt-en-fr',
    task: 'translation',
    licence: 'see the Helsinki-NLP model card of the pair (apache-2.0 or cc-by-4.0)',
    goodFor: 'one language pair per model, small and fast (Marian)',
    dtypes: XENOVA_DTYPES,
    sizes: { q8: 50.1 + 57.4, fp16: 99.4 + 113, fp32: 199 + 225 },
    sizeSource: `${HUB}/Xenova/opus-mt-en-fr/tree/main/onnx (encoder_model + decoder_model_merged); other pairs are within ±1 MB (en-de, fr-de, de-fr read)`,
    family: 'opus-mt',
  },
  'Xenova/nllb-200-distilled-600M': {
    id: 'Xenova/nllb-200-distilled-600M',
    task: 'translation',
    licence: 'cc-by-nc-4.0 (non-commercial)',
    goodFor: '200 languages in one model; codes like eng_Latn, fra_Latn',
    dtypes: XENOVA_DTYPES,
    sizes: { q8: 'unknown', fp16: 'unknown', fp32: 'unknown' },
    sizeSource: 'not read',
    family: 'nllb',
  },
  'Xenova/m2m100_418M': {
    id: 'Xenova/m2m100_418M',
    task: 'translation',
    licence: 'mit',
    goodFor: '100 languages in one model; ISO 639-1 codes (en, fr, ja)',
    dtypes: XENOVA_DTYPES,
    sizes: { q8: 'unknown', fp16: 'unknown', fp32: 'unknown' },
    sizeSource: 'not read',
    family: 'm2m100',
  },
  'Xenova/swin2SR-classical-sr-x2-64': {
    id: 'Xenova/swin2SR-classical-sr-x2-64',
    task: 'image-to-image',
    licence: 'apache-2.0',
    goodFor: 'super-resolution ×2 of clean photos (Swin2SR, classical degradation); cost grows with the pixels',
    dtypes: SMALL_DTYPES,
    sizes: { fp32: 54.4, fp16: 32.4, q8: 21.5 },
    sizeSource: `${HUB}/Xenova/swin2SR-classical-sr-x2-64/tree/main/onnx (model.onnx, model_fp16.onnx, model_quantized.onnx)`,
  },
  'Xenova/swin2SR-classical-sr-x4-64': {
    id: 'Xenova/swin2SR-classical-sr-x4-64',
    task: 'image-to-image',
    licence: 'apache-2.0',
    goodFor: 'super-resolution ×4 (Swin2SR); 4× the output pixels of ×2, so keep inputs small',
    dtypes: SMALL_DTYPES,
    sizes: { fp32: 55, fp16: 32.7, q8: 21.6 },
    sizeSource: `${HUB}/Xenova/swin2SR-classical-sr-x4-64/tree/main/onnx`,
  },
  'Carve/LaMa-ONNX': {
    id: 'Carve/LaMa-ONNX',
    task: 'image-inpainting',
    licence: 'apache-2.0 (LaMa, advimman/lama; ONNX export by Carve)',
    goodFor: 'filling masked regions (object removal, outpainting) at 512×512; large masks, plausible texture',
    dtypes: { webgpuF16: 'fp32', webgpu: 'fp32', wasm: 'fp32' },
    sizes: { fp32: 208 },
    sizeSource: `${HUB}/Carve/LaMa-ONNX/tree/main (lama_fp32.onnx); inputs image [1,3,512,512] 0..1, mask [1,1,512,512] 1 = fill, output 0..255 (its model card, and the edgetools/lama mirror's)`,
    files: ['lama_fp32.onnx'],
    // toolsmonk/lama-webgpu's card: every run of this export fails in the Fourier unit on onnxruntime-web's WebGPU
    // provider; it publishes a rewritten graph for WebGPU (file name not read here, so not listed).
    wasmOnly: "this LaMa export's Fourier units fail on onnxruntime-web's WebGPU kernels",
  },
  'schmuell/sd-turbo-ort-web': {
    id: 'schmuell/sd-turbo-ort-web',
    task: 'text-to-image',
    licence: 'Stability AI non-commercial research community licence (SD-Turbo)',
    goodFor: 'text to a 512×512 image in 1–4 denoising steps (SD-Turbo, adversarial diffusion distillation)',
    dtypes: { webgpuF16: 'fp16', webgpu: 'fp16', wasm: 'fp16' },
    sizes: { fp16: 'unknown' },
    sizeSource: `${HUB}/schmuell/sd-turbo-ort-web/tree/main: text_encoder/model.onnx 681 MB, vae_decoder/model.onnx 99.1 MB read; unet/model.onnx not read (ONNX Runtime's sd-turbo example lists ≈1.7 GB): measured before download`,
    files: ['text_encoder/model.onnx', 'unet/model.onnx', 'vae_decoder/model.onnx'],
    // ONNX Runtime's sd-turbo example tokenizes with this (CLIP BPE, pad id 0 as SD 2.x's "!").
    tokenizer: 'Xenova/clip-vit-base-patch16',
    needsShaderF16: true,
  },
};

/** Each feature's default model and a short list of alternatives (any other id can be typed). */
export const FEATURES: Record<Feature, { task: string; model: string; alternatives: string[] }> = {
  planner: {
    task: 'text-generation',
    model: 'onnx-community/Qwen2.5-0.5B-Instruct',
    alternatives: ['HuggingFaceTB/SmolLM2-135M-Instruct', 'onnx-community/Qwen2.5-Coder-0.5B-Instruct'],
  },
  GenerateText: {
    task: 'text-generation',
    model: 'onnx-community/Qwen2.5-0.5B-Instruct',
    alternatives: ['HuggingFaceTB/SmolLM2-135M-Instruct', 'onnx-community/Qwen2.5-Coder-0.5B-Instruct'],
  },
  Summarize: { task: 'summarization', model: 'Xenova/distilbart-cnn-6-6', alternatives: [] },
  CaptionImage: { task: 'image-to-text', model: 'Xenova/vit-gpt2-image-captioning', alternatives: [] },
  ClassifyImage: { task: 'image-classification', model: 'Xenova/vit-base-patch16-224', alternatives: [] },
  DetectObjects: { task: 'object-detection', model: 'Xenova/detr-resnet-50', alternatives: [] },
  EstimateDepth: {
    task: 'depth-estimation',
    model: 'onnx-community/depth-anything-v2-small',
    alternatives: [],
  },
  RemoveBackground: { task: 'background-removal', model: 'Xenova/modnet', alternatives: [] },
  Transcribe: {
    task: 'automatic-speech-recognition',
    model: 'onnx-community/whisper-tiny.en',
    alternatives: [],
  },
  TextToSpeech: {
    task: 'text-to-speech',
    model: 'Xenova/mms-tts-eng',
    alternatives: ['Xenova/speecht5_tts'],
  },
  Translate: {
    task: 'translation',
    model: 'Xenova/opus-mt-en-fr',
    alternatives: ['Xenova/nllb-200-distilled-600M', 'Xenova/m2m100_418M'],
  },
  UpscaleImage: { task: 'image-to-image', model: 'Xenova/swin2SR-classical-sr-x2-64', alternatives: ['Xenova/swin2SR-classical-sr-x4-64'] },
  TextToImage: { task: 'text-to-image', model: 'schmuell/sd-turbo-ort-web', alternatives: [] },
  InpaintImage: { task: 'image-inpainting', model: 'Carve/LaMa-ONNX', alternatives: [] },
};

/** The catalogue entry of a feature's default model. */
export function modelFor(feature: Feature): CatalogueModel {
  return MODELS[FEATURES[feature].model];
}

/** A catalogue entry, or a generic one for a typed id (LLM-style dtypes, sizes unknown until measured). */
export function describeModel(id: string, task: string): CatalogueModel {
  const known = MODELS[id];
  if (known) return known;
  const opus = /^Xenova\/opus-mt-[a-z]+-[a-z]+$/.test(id);
  return {
    id,
    task,
    licence: 'unknown: see the model card',
    goodFor: 'a model you chose',
    dtypes: opus || !/^text-generation$/.test(task) ? XENOVA_DTYPES : LLM_DTYPES,
    sizes: {},
    sizeSource: 'not in the catalogue: measured before download',
    ...(opus
      ? { family: 'opus-mt' as const }
      : /nllb/i.test(id)
        ? { family: 'nllb' as const }
        : /m2m100/i.test(id)
          ? { family: 'm2m100' as const }
          : {}),
    ...(/speecht5/i.test(id) ? { speaker: MODELS['Xenova/speecht5_tts'].speaker } : {}),
  };
}

export interface DtypeChoice {
  device: ModelDevice;
  dtype: string;
  /** Why, when the plan was bent (no shader-f16, a requested dtype the device cannot run). */
  note?: string;
}

/**
 * The dtype for a model on a device. `requested` (a user's setting) wins unless it needs f16 shaders the
 * adapter lacks; then the plan's non-f16 WebGPU dtype is used, and the note says why.
 */
export function chooseDtype(model: CatalogueModel, device: ModelDevice, features: { shaderF16: boolean }, requested?: string): DtypeChoice {
  const needsF16 = (d: string) => d === 'fp16' || d === 'q4f16';
  if (requested) {
    if (device === 'webgpu' && needsF16(requested) && !features.shaderF16)
      return {
        device,
        dtype: model.dtypes.webgpu,
        note: `${requested} needs the GPU's shader-f16 feature, which this adapter lacks: using ${model.dtypes.webgpu}`,
      };
    if (device !== 'webgpu' && needsF16(requested) && requested === 'q4f16')
      return {
        device,
        dtype: model.dtypes.wasm,
        note: `q4f16 runs on WebGPU only: using ${model.dtypes.wasm} on ${device}`,
      };
    return { device, dtype: requested };
  }
  if (device === 'webgpu') {
    return features.shaderF16
      ? { device, dtype: model.dtypes.webgpuF16 }
      : {
          device,
          dtype: model.dtypes.webgpu,
          note:
            model.dtypes.webgpuF16 !== model.dtypes.webgpu
              ? `no shader-f16 on this GPU: ${model.dtypes.webgpu} instead of ${model.dtypes.webgpuF16}`
              : undefined,
        };
  }
  return { device, dtype: model.dtypes.wasm };
}

/** '483 MB', '1.99 GB', 'unknown'. */
export function describeSize(mb: number | 'unknown' | undefined): string {
  if (mb === undefined || mb === 'unknown') return 'unknown';
  return mb >= 1000 ? `${(mb / 1000).toFixed(2)} GB` : `${Math.round(mb)} MB`;
}

/** Bytes for people: '812 B', '12.3 kB', '483 MB', '1.99 GB'. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(n < 1e7 ? 2 : 1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

/**
 * Checkpoints for the transformer on our own kernels (src/lm: safetensors + config.json + tokenizer.json, one file of
 * weights). Sizes are parameter count × bytes per weight of the file's dtype; the app measures the real size with a
 * HEAD request before any download (src/lm/hub.ts) and asks above the user's limit, as for the models above.
 */
export interface LmCatalogueModel {
  id: string;
  family: 'llama' | 'gpt2' | 'qwen2';
  /** Megabytes of model.safetensors. */
  sizeMB: number;
  licence: string;
  goodFor: string;
  sizeSource: string;
}

export const LM_MODELS: LmCatalogueModel[] = [
  {
    id: 'HuggingFaceTB/SmolLM2-135M-Instruct',
    family: 'llama',
    sizeMB: 269,
    licence: 'Apache-2.0',
    goodFor: 'the smallest chat model that answers sensibly; GQA (9 query, 3 key/value heads)',
    sizeSource: '134.5 M parameters × 2 bytes (bf16 file)',
  },
  {
    id: 'HuggingFaceTB/SmolLM2-360M-Instruct',
    family: 'llama',
    sizeMB: 724,
    licence: 'Apache-2.0',
    goodFor: 'better answers at 2.7× the size of the 135M model',
    sizeSource: '362 M parameters × 2 bytes (bf16 file)',
  },
  {
    id: 'Qwen/Qwen2.5-0.5B-Instruct',
    family: 'qwen2',
    sizeMB: 988,
    licence: 'Apache-2.0',
    goodFor: 'Llama family with q/k/v bias and tied embeddings; long context (32k)',
    sizeSource: '494 M parameters × 2 bytes (bf16 file)',
  },
  {
    id: 'openai-community/gpt2',
    family: 'gpt2',
    sizeMB: 548,
    licence: 'MIT',
    goodFor: 'the GPT-2 family (learned positions, LayerNorm, GELU); text continuation, not chat',
    sizeSource: '124 M parameters × 4 bytes (f32 file)',
  },
];
