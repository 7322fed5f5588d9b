/**
 * Tiny ONNX models for the generative workflow functions (UpscaleImage, TextToImage, InpaintImage / RemoveObject /
 * OutpaintImage, TextToSpeech), written in the layout the real ones have, so tests run the real loading code and
 * the real pre- and post-processing with no network. Weights are seeded random or fixed; what they prove is the
 * mechanics (files found, tokenizer/processor applied, sessions created, shapes and value ranges handled).
 *
 * A tiny model of the same architecture is out of reach for these (Swin transformer, LaMa's Fourier convolutions,
 * a diffusion UNet, VITS flows), so each is a tiny ONNX with the SAME inputs and outputs (names, dtypes, ranks,
 * value ranges) as the real export, doing a small honest version of the job:
 *
 *   tiny-swin2sr (Xenova/swin2SR-classical-sr-x2-64):  pixel_values f32 [B,3,H,W] in 0..1
 *       → reconstruction f32 [B,3,2H,2W]: bilinear ×2 + a random 3×3 conv and pixel shuffle (Swin2SR's upsampler)
 *   tiny-lama (Carve/LaMa-ONNX lama_fp32.onnx):  image f32 [1,3,S,S] in 0..1, mask f32 [1,1,S,S] (1 = fill)
 *       → output f32 [1,3,S,S] in 0..255: the hole filled by normalised convolution (mean of the known pixels
 *       around it, 9×9 then 33×33 windows), S = 64 (the real one is fixed at 512)
 *   tiny-sd-turbo (schmuell/sd-turbo-ort-web):  text_encoder/model.onnx  input_ids i32 [B,S] → last_hidden_state
 *       f32 [B,S,8]; unet/model.onnx  sample f32 [B,4,h,w], timestep i64 [1], encoder_hidden_states f32 [B,S,8]
 *       → out_sample f32 [B,4,h,w] (a noise prediction: a conv of the sample plus a prompt- and time-dependent
 *       bias); vae_decoder/model.onnx  latent_sample f32 [B,4,h,w] → sample f32 [B,3,8h,8w] in about −1..1
 *       (conv + pixel shuffle ×8); a byte-level BPE tokenizer stands in for CLIP's
 *   tiny-mms-tts (Xenova/mms-tts-eng):  input_ids i64 [B,T], attention_mask i64 [B,T] → waveform f32 [B,T·64]:
 *       64 samples of a per-token tone; a character-level VitsTokenizer with MMS's blank between characters
 *
 *   tiny-detr (Xenova/detr-resnet-50, for RemoveObject):  pixel_values f32 [B,3,32,32], pixel_mask i64 [B,64,64]
 *       → logits f32 [B,1,3], pred_boxes f32 [B,1,4] (cx, cy, w, h in 0..1): ONE query that boxes the dark region
 *       (the weighted mean and spread of the pixels darker than 0.15) and always calls it a "cup" — the box is
 *       computed from the picture, the label is fixed
 *
 *   tiny-whisper (onnx-community/whisper-tiny.en):  encoder_model.onnx  input_features f32 [B,80,3000] (log-mel)
 *       → last_hidden_state f32 [B,1500,16] (Whisper's stride-2 conv stem); decoder_model_merged.onnx  input_ids i64
 *       [B,S], encoder_hidden_states, use_cache_branch bool [1], past_key_values.{0,1}.{decoder,encoder}.{key,value}
 *       → logits [B,S,V], present.* (the decoder cache grows by S; the encoder cache is the projected encoder
 *       states): logits = token embedding + a projection of the mean encoder state, biased towards letters, with
 *       the end token after a full stop; byte-level BPE with Whisper's special tokens (<|notimestamps|> last)
 *
 *   node scripts/run-ts.mjs scripts/make-tiny-models.ts [outDir]     # writes these too
 */
import fs from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../src/util/random';
import { bytesToUnicode, FLOAT, GraphBuilder, INT64, tokenizerJson, vocabulary, SPECIALS } from './tiny-model-parts';

export const TINY_MEDIA_MODELS = {
  upscale: 'tiny-swin2sr',
  inpaint: 'tiny-lama',
  textToImage: 'tiny-sd-turbo',
  tts: 'tiny-mms-tts',
  detect: 'tiny-detr',
  asr: 'tiny-whisper',
} as const;

const INT32 = 6;
/** LaMa's fixed input size in the tiny model (the real one: 512). */
export const TINY_LAMA_SIZE = 64;

function randomWeights(seed: number, n: number, scale: number): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length: n }, () => (rand() * 2 - 1) * scale);
}

function writeJson(dir: string, file: string, value: object): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
}

function writeOnnx(dir: string, file: string, g: GraphBuilder): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), g.encode());
}

/**
 * transformers.js task models: the fp32 graph also under the q8 name (`model_quantized.onnx`), which cpu/wasm
 * ask for — the same graph, as in make-tiny-models.ts's writeTinyDtypeFiles: delivery is tested, not quantisation.
 */
function writeTaskOnnx(dir: string, g: GraphBuilder): void {
  writeOnnx(dir, 'onnx/model.onnx', g);
  fs.copyFileSync(path.join(dir, 'onnx/model.onnx'), path.join(dir, 'onnx/model_quantized.onnx'));
}

/** Pixel shuffle: [B, C·r², H, W] → [B, C, H·r, W·r] (DepthToSpace, CRD order as PyTorch's PixelShuffle). */
function pixelShuffle(g: GraphBuilder, x: string, r: number, outputs?: string[]): string {
  return g.op(
    'DepthToSpace',
    [x],
    [
      { name: 'blocksize', i: r },
      { name: 'mode', s: 'CRD' },
    ],
    outputs,
  );
}

function conv(g: GraphBuilder, name: string, x: string, cin: number, cout: number, k: number, seed: number, scale: number): string {
  const w = g.floats(`${name}.w`, [cout, cin, k, k], randomWeights(seed, cout * cin * k * k, scale));
  const pad = (k - 1) / 2;
  return g.op('Conv', [x, w], [{ name: 'pads', ints: [pad, pad, pad, pad] }]);
}

function writeSwin2sr(outDir: string): string {
  const dir = path.join(outDir, TINY_MEDIA_MODELS.upscale);
  const g = new GraphBuilder();
  const x = g.input('pixel_values', FLOAT, ['batch_size', 3, 'height', 'width']);
  const up = g.op('Resize', [x, '', g.floats('scales', [4], Float32Array.from([1, 1, 2, 2]))], [{ name: 'mode', s: 'linear' }]);
  const detail = pixelShuffle(g, conv(g, 'upsample', x, 3, 12, 3, 7, 0.05), 2);
  g.op('Add', [up, detail], [], ['reconstruction']);
  g.output('reconstruction', FLOAT, ['batch_size', 3, 'height_x2', 'width_x2']);
  writeTaskOnnx(dir, g);
  writeJson(dir, 'config.json', {
    architectures: ['Swin2SRForImageSuperResolution'],
    model_type: 'swin2sr',
    upscale: 2,
    upsampler: 'pixelshuffle',
    num_channels: 3,
    img_range: 1.0,
    'transformers.js_config': { dtype: 'fp32' },
  });
  // As the real preprocessor_config.json: rescale to 0..1, pad to a multiple of the window (8).
  writeJson(dir, 'preprocessor_config.json', {
    do_pad: true,
    do_rescale: true,
    image_processor_type: 'Swin2SRImageProcessor',
    pad_size: 8,
    rescale_factor: 1 / 255,
  });
  return dir;
}

function writeLama(outDir: string): string {
  const dir = path.join(outDir, TINY_MEDIA_MODELS.inpaint);
  const S = TINY_LAMA_SIZE;
  const g = new GraphBuilder();
  const image = g.input('image', FLOAT, [1, 3, S, S]);
  const mask = g.input('mask', FLOAT, [1, 1, S, S]);
  const known = g.op('Sub', [g.scalarFloat('one', 1), mask]); // 1 where the pixel is kept
  const kept = g.op('Mul', [image, known]);
  // Normalised convolution: mean of the known pixels in a window (the hole's own pixels never count).
  const fill = (k: number) => {
    const pool = (t: string) =>
      g.op(
        'AveragePool',
        [t],
        [
          { name: 'kernel_shape', ints: [k, k] },
          { name: 'pads', ints: [k >> 1, k >> 1, k >> 1, k >> 1] },
          { name: 'count_include_pad', i: 1 },
        ],
      );
    const weight = pool(known);
    return { value: g.op('Div', [pool(kept), g.op('Max', [weight, g.scalarFloat(`eps${k}`, 1e-6)])]), weight };
  };
  const near = fill(9);
  const far = fill(33);
  // Where no known pixel lies within 9×9, the 33×33 mean.
  const hasNear = g.op('Cast', [g.op('Greater', [near.weight, g.scalarFloat('tiny', 1e-4)])], [{ name: 'to', i: FLOAT }]);
  const filled = g.op('Add', [
    g.op('Mul', [near.value, hasNear]),
    g.op('Mul', [far.value, g.op('Sub', [g.scalarFloat('one_b', 1), hasNear])]),
  ]);
  const merged = g.op('Add', [kept, g.op('Mul', [filled, mask])]);
  g.op('Mul', [merged, g.scalarFloat('to255', 255)], [], ['output']);
  g.output('output', FLOAT, [1, 3, S, S]);
  writeOnnx(dir, 'lama_fp32.onnx', g);
  return dir;
}

const TEXT_DIM = 8;

function writeSdTurbo(outDir: string): string {
  const dir = path.join(outDir, TINY_MEDIA_MODELS.textToImage);
  const v = vocabulary();
  const V = v.tokens.length;

  // Text encoder: a token embedding (CLIP's first layer), no attention.
  const te = new GraphBuilder();
  const ids = te.input('input_ids', INT32, ['batch_size', 'sequence_length']);
  te.op(
    'Gather',
    [te.floats('token_embedding', [V, TEXT_DIM], randomWeights(11, V * TEXT_DIM, 1)), ids],
    [{ name: 'axis', i: 0 }],
    ['last_hidden_state'],
  );
  te.output('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', TEXT_DIM]);
  writeOnnx(dir, 'text_encoder/model.onnx', te);

  // UNet: ε̂ = conv3×3(sample) + W·mean_s(hidden) + 0.001·timestep, per channel.
  const un = new GraphBuilder();
  const sample = un.input('sample', FLOAT, ['batch_size', 4, 'height', 'width']);
  const t = un.input('timestep', INT64, [1]);
  const hidden = un.input('encoder_hidden_states', FLOAT, ['batch_size', 'sequence_length', TEXT_DIM]);
  const pooled = un.op(
    'ReduceMean',
    [hidden],
    [
      { name: 'axes', ints: [1] },
      { name: 'keepdims', i: 0 },
    ],
  ); // [B,8]
  const prompt = un.op('MatMul', [pooled, un.floats('text_proj', [TEXT_DIM, 4], randomWeights(12, TEXT_DIM * 4, 0.5))]); // [B,4]
  const bias = un.op('Unsqueeze', [prompt, un.ints('axes_hw', [2, 3])]); // [B,4,1,1]
  const time = un.op('Mul', [un.op('Cast', [t], [{ name: 'to', i: FLOAT }]), un.scalarFloat('time_scale', 0.001)]);
  un.op('Add', [un.op('Add', [conv(un, 'conv_in', sample, 4, 4, 3, 13, 0.3), bias]), time], [], ['out_sample']);
  un.output('out_sample', FLOAT, ['batch_size', 4, 'height', 'width']);
  writeOnnx(dir, 'unet/model.onnx', un);

  // VAE decoder: conv 4 → 3·64 channels, pixel shuffle ×8, tanh (images in −1..1).
  const va = new GraphBuilder();
  const latent = va.input('latent_sample', FLOAT, ['batch_size', 4, 'latent_height', 'latent_width']);
  const rgb = pixelShuffle(va, conv(va, 'conv_out', latent, 4, 3 * 64, 3, 14, 0.02), 8);
  va.op('Tanh', [rgb], [], ['sample']);
  va.output('sample', FLOAT, ['batch_size', 3, 'height', 'width']);
  writeOnnx(dir, 'vae_decoder/model.onnx', va);

  writeJson(dir, 'tokenizer.json', tokenizerJson(v));
  writeJson(dir, 'tokenizer_config.json', {
    tokenizer_class: 'GPT2Tokenizer',
    bos_token: SPECIALS[0],
    eos_token: SPECIALS[1],
    pad_token: SPECIALS[2],
    unk_token: null,
    model_max_length: 77,
  });
  return dir;
}

/** MMS-style character vocabulary: id 0 is the blank MMS puts between characters. */
const TTS_CHARS = ['_', ' ', "'", ...'abcdefghijklmnopqrstuvwxyz', '-', '.', ',', '?', '!'];
const HOP = 64;

function writeMmsTts(outDir: string): string {
  const dir = path.join(outDir, TINY_MEDIA_MODELS.tts);
  const V = TTS_CHARS.length;
  const g = new GraphBuilder();
  const ids = g.input('input_ids', INT64, ['batch_size', 'sequence_length']);
  g.input('attention_mask', INT64, ['batch_size', 'sequence_length']);
  // A short tone per token (the blank is silence): frequency grows with the token id.
  const table = new Float32Array(V * HOP);
  for (let c = 1; c < V; c++) for (let i = 0; i < HOP; i++) table[c * HOP + i] = 0.5 * Math.sin((2 * Math.PI * (2 + (c % 12)) * i) / HOP);
  const frames = g.op('Gather', [g.floats('tones', [V, HOP], table), ids], [{ name: 'axis', i: 0 }]); // [B,T,HOP]
  g.op('Reshape', [frames, g.ints('flat', [0, -1])], [], ['waveform']);
  g.output('waveform', FLOAT, ['batch_size', 'num_samples']);
  writeTaskOnnx(dir, g);
  writeJson(dir, 'config.json', {
    architectures: ['VitsModel'],
    model_type: 'vits',
    sampling_rate: 16000,
    vocab_size: V,
    'transformers.js_config': { dtype: 'fp32' },
  });
  const vocab = Object.fromEntries(TTS_CHARS.map((c, i) => [c, i]));
  // Lower-case, split into characters, a blank between and around them (MMS's add_blank), as the real tokenizer.json.
  writeJson(dir, 'tokenizer.json', {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: {
      type: 'Sequence',
      normalizers: [{ type: 'Lowercase' }, { type: 'Replace', pattern: { Regex: '' }, content: '_' }],
    },
    pre_tokenizer: { type: 'Split', pattern: { Regex: '' }, behavior: 'Isolated', invert: false },
    post_processor: null,
    decoder: null,
    model: { type: 'WordLevel', vocab, unk_token: '_' },
  });
  writeJson(dir, 'tokenizer_config.json', {
    tokenizer_class: 'VitsTokenizer',
    add_blank: true,
    normalize: true,
    pad_token: '_',
    unk_token: '_',
    model_max_length: 1000000000000000000,
  });
  return dir;
}

const DETR_SIZE = 32;

function writeDetr(outDir: string): string {
  const dir = path.join(outDir, TINY_MEDIA_MODELS.detect);
  const N = DETR_SIZE * DETR_SIZE;
  const g = new GraphBuilder();
  const x = g.input('pixel_values', FLOAT, ['batch_size', 3, DETR_SIZE, DETR_SIZE]);
  g.input('pixel_mask', INT64, ['batch_size', 64, 64]);
  const grey = g.op(
    'ReduceMean',
    [x],
    [
      { name: 'axes', ints: [1] },
      { name: 'keepdims', i: 1 },
    ],
  );
  const dark = g.op('Reshape', [g.op('Relu', [g.op('Sub', [g.scalarFloat('dark_below', 0.15), grey])]), g.ints('flat', [0, -1])]); // [B,N]
  const axes = g.ints('axes_pixels', [1]);
  const sum = (t: string) => g.op('ReduceSum', [t, axes], [{ name: 'keepdims', i: 1 }]); // [B,1]
  const total = g.op('Add', [sum(dark), g.scalarFloat('eps', 1e-6)]);
  const grid = (f: (i: number) => number, name: string) =>
    g.floats(
      name,
      [N],
      Float32Array.from({ length: N }, (_, i) => f(i)),
    );
  const gx = grid((i) => ((i % DETR_SIZE) + 0.5) / DETR_SIZE, 'grid_x');
  const gy = grid((i) => (Math.floor(i / DETR_SIZE) + 0.5) / DETR_SIZE, 'grid_y');
  const moments = (gridName: string) => {
    const mean = g.op('Div', [sum(g.op('Mul', [dark, gridName])), total]);
    const second = g.op('Div', [sum(g.op('Mul', [dark, g.op('Mul', [gridName, gridName])])), total]);
    // A uniform box of width w has variance w²/12.
    const width = g.op('Sqrt', [
      g.op('Max', [
        g.op('Mul', [g.op('Sub', [second, g.op('Mul', [mean, mean])]), g.scalarFloat(`twelve_${gridName}`, 12)]),
        g.scalarFloat(`min_${gridName}`, 1e-6),
      ]),
    ]);
    return { mean, width };
  };
  const mx = moments(gx);
  const my = moments(gy);
  const box = g.op('Concat', [mx.mean, my.mean, mx.width, my.width], [{ name: 'axis', i: 1 }]); // [B,4]
  g.op('Unsqueeze', [box, g.ints('axes_query', [1])], [], ['pred_boxes']);
  g.output('pred_boxes', FLOAT, ['batch_size', 1, 4]);
  // Logits [B,1,3]: "cup" wins over "dog" and "no object"; the batch dimension comes from the box.
  const zeros = g.op('Mul', [g.op('Unsqueeze', [mx.mean, g.ints('axes_q2', [2])]), g.scalarFloat('zero_f', 0)]); // [B,1,1]
  g.op('Add', [zeros, g.floats('class_logits', [1, 1, 3], Float32Array.from([8, -8, -8]))], [], ['logits']);
  g.output('logits', FLOAT, ['batch_size', 1, 3]);
  writeTaskOnnx(dir, g);
  writeJson(dir, 'config.json', {
    architectures: ['DetrForObjectDetection'],
    model_type: 'detr',
    id2label: { 0: 'cup', 1: 'dog' },
    label2id: { cup: 0, dog: 1 },
    'transformers.js_config': { dtype: 'fp32' },
  });
  writeJson(dir, 'preprocessor_config.json', {
    image_processor_type: 'DetrImageProcessor',
    do_resize: true,
    size: { height: DETR_SIZE, width: DETR_SIZE },
    do_rescale: true,
    rescale_factor: 1 / 255,
    do_normalize: false,
    do_pad: false,
  });
  return dir;
}

const WHISPER_SPECIALS = ['<|endoftext|>', '<|startoftranscript|>', '<|en|>', '<|transcribe|>', '<|translate|>', '<|notimestamps|>'];
const W_DIM = 16;
const W_HEADS = 2;
const W_LAYERS = 2;

function writeWhisper(outDir: string): string {
  const dir = path.join(outDir, TINY_MEDIA_MODELS.asr);
  const v = vocabulary();
  const tokens = [...v.tokens.slice(0, v.bos), ...WHISPER_SPECIALS];
  const V = tokens.length;
  const id = (t: string) => tokens.indexOf(t);
  const [EOT, SOT, , , , NOTS] = WHISPER_SPECIALS.map(id);
  const HD = W_DIM / W_HEADS;

  // Encoder: Conv1d(80 → 16, k 3, stride 2, pad 1) + GELU-free tanh, transposed to [B,1500,16].
  const en = new GraphBuilder();
  const feats = en.input('input_features', FLOAT, ['batch_size', 80, 3000]);
  const c = en.op(
    'Conv',
    [feats, en.floats('conv.w', [W_DIM, 80, 3], randomWeights(21, W_DIM * 80 * 3, 0.1))],
    [
      { name: 'pads', ints: [1, 1] },
      { name: 'strides', ints: [2] },
    ],
  );
  en.op('Transpose', [en.op('Tanh', [c])], [{ name: 'perm', ints: [0, 2, 1] }], ['last_hidden_state']);
  en.output('last_hidden_state', FLOAT, ['batch_size', 1500, W_DIM]);
  writeOnnx(dir, 'onnx/encoder_model.onnx', en);

  // Decoder (merged): logits from the token and the mean encoder state; caches kept in the real layout.
  const de = new GraphBuilder();
  const ids = de.input('input_ids', INT64, ['batch_size', 'decoder_sequence_length']);
  const enc = de.input('encoder_hidden_states', FLOAT, ['batch_size', 'encoder_sequence_length', W_DIM]);
  de.input('use_cache_branch', 9, [1]);
  const x = de.op('Gather', [de.floats('embed', [V, W_DIM], randomWeights(22, V * W_DIM, 1)), ids], [{ name: 'axis', i: 0 }]); // [B,S,D]
  const heads = de.ints('heads', [0, 0, W_HEADS, HD]);
  const toHeads = (t: string) => de.op('Transpose', [de.op('Reshape', [t, heads])], [{ name: 'perm', ints: [0, 2, 1, 3] }]);
  for (let l = 0; l < W_LAYERS; l++) {
    for (const kind of ['key', 'value']) {
      const past = de.input(`past_key_values.${l}.decoder.${kind}`, FLOAT, ['batch_size', W_HEADS, 'past_decoder_sequence_length', HD]);
      de.input(`past_key_values.${l}.encoder.${kind}`, FLOAT, ['batch_size', W_HEADS, 'encoder_sequence_length_out', HD]);
      de.op('Concat', [past, toHeads(x)], [{ name: 'axis', i: 2 }], [`present.${l}.decoder.${kind}`]);
      de.op('Identity', [toHeads(enc)], [], [`present.${l}.encoder.${kind}`]);
      de.output(`present.${l}.decoder.${kind}`, FLOAT, ['batch_size', W_HEADS, 'total_decoder_sequence_length', HD]);
      de.output(`present.${l}.encoder.${kind}`, FLOAT, ['batch_size', W_HEADS, 'encoder_sequence_length_out', HD]);
    }
  }
  const audio = de.op(
    'ReduceMean',
    [enc],
    [
      { name: 'axes', ints: [1] },
      { name: 'keepdims', i: 1 },
    ],
  ); // [B,1,D]
  const h = de.op('Add', [x, de.op('Mul', [audio, de.scalarFloat('audio_gain', 4)])]);
  const byteOf = new Map(bytesToUnicode().map((ch, b) => [ch, b]));
  const bias = new Float32Array(V);
  for (let t = 0; t < V; t++) {
    const bytes = t < v.bos ? [...tokens[t]].map((ch) => byteOf.get(ch) ?? 0) : [];
    const letters = bytes.length > 0 && bytes.every((b) => (b >= 97 && b <= 122) || b === 32);
    bias[t] = t >= v.bos ? -30 : t === v.stop ? 5 : letters ? 2 : -4;
  }
  const logits = de.op('MatMul', [h, de.floats('lm_head', [W_DIM, V], randomWeights(23, W_DIM * V, 0.3))]);
  const afterStop = de.op('Unsqueeze', [
    de.op('Cast', [de.op('Equal', [ids, de.scalarInt('stop_id', v.stop)])], [{ name: 'to', i: FLOAT }]),
    de.ints('axes_last', [2]),
  ]);
  const endRow = new Float32Array(V);
  endRow[EOT] = 80;
  de.op(
    'Add',
    [de.op('Add', [logits, de.floats('bias', [V], bias)]), de.op('Mul', [afterStop, de.floats('end_row', [V], endRow)])],
    [],
    ['logits'],
  );
  de.output('logits', FLOAT, ['batch_size', 'decoder_sequence_length', V]);
  writeOnnx(dir, 'onnx/decoder_model_merged.onnx', de);
  for (const f of ['encoder_model', 'decoder_model_merged'])
    fs.copyFileSync(path.join(dir, `onnx/${f}.onnx`), path.join(dir, `onnx/${f}_quantized.onnx`));

  writeJson(dir, 'config.json', {
    architectures: ['WhisperForConditionalGeneration'],
    model_type: 'whisper',
    vocab_size: V,
    num_mel_bins: 80,
    d_model: W_DIM,
    encoder_layers: W_LAYERS,
    decoder_layers: W_LAYERS,
    encoder_attention_heads: W_HEADS,
    decoder_attention_heads: W_HEADS,
    max_source_positions: 1500,
    max_target_positions: 448,
    decoder_start_token_id: SOT,
    eos_token_id: EOT,
    pad_token_id: EOT,
    bos_token_id: EOT,
    is_encoder_decoder: true,
    'transformers.js_config': { dtype: 'fp32' },
  });
  writeJson(dir, 'generation_config.json', {
    decoder_start_token_id: SOT,
    eos_token_id: EOT,
    pad_token_id: EOT,
    bos_token_id: EOT,
    no_timestamps_token_id: NOTS,
    is_multilingual: false,
    max_length: 448,
    suppress_tokens: [],
    begin_suppress_tokens: [EOT],
  });
  writeJson(dir, 'preprocessor_config.json', {
    feature_extractor_type: 'WhisperFeatureExtractor',
    feature_size: 80,
    sampling_rate: 16000,
    hop_length: 160,
    chunk_length: 30,
    n_fft: 400,
    n_samples: 480000,
    nb_max_frames: 3000,
    padding_side: 'right',
    padding_value: 0.0,
    return_attention_mask: false,
  });
  writeJson(dir, 'tokenizer.json', tokenizerJson({ ...v, tokens }, WHISPER_SPECIALS));
  writeJson(dir, 'tokenizer_config.json', {
    tokenizer_class: 'WhisperTokenizer',
    bos_token: '<|endoftext|>',
    eos_token: '<|endoftext|>',
    unk_token: '<|endoftext|>',
    pad_token: '<|endoftext|>',
    model_max_length: 1024,
  });
  return dir;
}

/** Writes every tiny media model under `outDir`; returns their folders. */
export function writeTinyMediaModels(outDir: string): string[] {
  return [writeSwin2sr(outDir), writeLama(outDir), writeSdTurbo(outDir), writeMmsTts(outDir), writeDetr(outDir), writeWhisper(outDir)];
}
