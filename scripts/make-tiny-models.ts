/**
 * Writes a tiny random text-generation model in the layout transformers.js loads, so tests (Node and browser)
 * exercise the real loading and generation code with no network. The weights are random (seeded), so the text
 * is gibberish; what the model proves is the mechanics: files found, tokenizer + chat template applied,
 * ONNX session created, tokens generated with a key/value cache.
 *
 *   node scripts/run-ts.mjs scripts/make-tiny-models.ts [outDir]     # default outDir: tests/fixtures/models
 *
 * writes <outDir>/tiny-random-chat/{config.json, generation_config.json, tokenizer.json, tokenizer_config.json,
 * onnx/model.onnx}. The ONNX file is encoded here with protobufjs from a subset of onnx.proto (no Python needed).
 *
 * The network (shapes: B batch, S new tokens, P past tokens, T = P + S, H = 16 hidden, 2 heads × 8):
 *   x = tok_embed[input_ids] + 0.3 · sinusoid(position_ids)                 [B,S,H]
 *   2 × { x += Wo · softmax(q·kᵀ/√8 + mask) · v   (k, v concatenated after past_key_values.l.* → present.l.*)
 *         x += W2 · silu(W1 · layernorm(x)) }
 *   logits = layernorm(x) · Wout + bias                                     [B,S,V]
 * The bias favours lowercase letters and space and keeps the special tokens unlikely, so the random model
 * emits visible text; after a full stop it emits the end token, so each answer is one short sentence. The tokenizer is
 * byte-level BPE with ~300 merges learned here from a small built-in corpus.
 */
import fs from 'node:fs';
import path from 'node:path';

export const TINY_CHAT_MODEL_ID = 'tiny-random-chat';

import { mulberry32 } from '../src/util/random';
import {
  causalMask,
  FLOAT,
  GraphBuilder,
  INT64,
  tokenizerJson,
  vocabulary,
  bytesToUnicode,
  SPECIALS,
  type Vocabulary,
} from './tiny-model-parts';

const CHAT_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

export interface TinyModelSpec {
  hidden: number;
  heads: number;
  layers: number;
  /** Context length the config declares (positions are sinusoidal, so any length runs). */
  maxPositions: number;
  seed: number;
}

const DEFAULT_SPEC: TinyModelSpec = { hidden: 16, heads: 2, layers: 2, maxPositions: 32768, seed: 1234 };

const STOP_BIAS = 8;

function buildOnnx(spec: TinyModelSpec, v: Vocabulary): Uint8Array {
  const vocabSize = v.tokens.length;
  const { hidden: H, heads: NH, layers: L } = spec;
  const HD = H / NH;
  const rand = mulberry32(spec.seed);
  const weights = (n: number, scale: number) => Float32Array.from({ length: n }, () => (rand() * 2 - 1) * scale);
  const g = new GraphBuilder();

  const inputIds = g.input('input_ids', INT64, ['batch_size', 'sequence_length']);
  const attentionMask = g.input('attention_mask', INT64, ['batch_size', 'total_sequence_length']);
  const positionIds = g.input('position_ids', INT64, ['batch_size', 'sequence_length']);
  const past: { key: string; value: string }[] = [];
  for (let l = 0; l < L; l++) {
    past.push({
      key: g.input(`past_key_values.${l}.key`, FLOAT, ['batch_size', NH, 'past_sequence_length', HD]),
      value: g.input(`past_key_values.${l}.value`, FLOAT, ['batch_size', NH, 'past_sequence_length', HD]),
    });
  }

  // Embeddings: [B,S,H]
  const tok = g.op('Gather', [g.floats('tok_embed', [vocabSize, H], weights(vocabSize * H, 1)), inputIds], [{ name: 'axis', i: 0 }]);
  // Sinusoidal positions computed in the graph (no table, so no length limit): [sin(p·f), cos(p·f)], f_i = 10000^(-2i/H).
  const invFreq = Float32Array.from({ length: H / 2 }, (_, i) => Math.pow(10000, (-2 * i) / H));
  const angles = g.op('Mul', [
    g.op('Unsqueeze', [g.op('Cast', [positionIds], [{ name: 'to', i: FLOAT }]), g.ints('axes_2', [2])]),
    g.floats('inv_freq', [H / 2], invFreq),
  ]); // [B,S,H/2]
  const pos = g.op('Concat', [g.op('Sin', [angles]), g.op('Cos', [angles])], [{ name: 'axis', i: -1 }]); // [B,S,H]
  let x = g.op('Add', [tok, g.op('Mul', [pos, g.scalarFloat('pos_scale', 0.3)])]);

  const mask = causalMask(g, inputIds, attentionMask);

  const splitHeads = g.ints('split_heads', [0, 0, NH, HD]);
  const mergeHeads = g.ints('merge_heads', [0, 0, H]);
  const scale = g.scalarFloat('attn_scale', 1 / Math.sqrt(HD));
  const layerNorm = (name: string, input: string) =>
    g.op(
      'LayerNormalization',
      [
        input,
        g.floats(
          `${name}.gamma`,
          [H],
          Float32Array.from({ length: H }, () => 1),
        ),
        g.floats(`${name}.beta`, [H], new Float32Array(H)),
      ],
      [
        { name: 'axis', i: -1 },
        { name: 'epsilon', f: 1e-5 },
      ],
    );
  const proj = (name: string, input: string, rows: number, cols: number) =>
    g.op('MatMul', [input, g.floats(name, [rows, cols], weights(rows * cols, 1 / Math.sqrt(rows)))]);
  const toHeads = (t: string) => g.op('Transpose', [g.op('Reshape', [t, splitHeads])], [{ name: 'perm', ints: [0, 2, 1, 3] }]); // [B,NH,S,HD]

  for (let l = 0; l < L; l++) {
    const h = layerNorm(`layers.${l}.attn_norm`, x);
    const q = toHeads(proj(`layers.${l}.wq`, h, H, H));
    const k = g.op('Concat', [past[l].key, toHeads(proj(`layers.${l}.wk`, h, H, H))], [{ name: 'axis', i: 2 }], [`present.${l}.key`]);
    const v = g.op('Concat', [past[l].value, toHeads(proj(`layers.${l}.wv`, h, H, H))], [{ name: 'axis', i: 2 }], [`present.${l}.value`]);
    g.output(`present.${l}.key`, FLOAT, ['batch_size', NH, 'total_sequence_length', HD]);
    g.output(`present.${l}.value`, FLOAT, ['batch_size', NH, 'total_sequence_length', HD]);
    const kT = g.op('Transpose', [k], [{ name: 'perm', ints: [0, 1, 3, 2] }]);
    const scores = g.op('Add', [g.op('Mul', [g.op('MatMul', [q, kT]), scale]), mask]); // [B,NH,S,T]
    const probs = g.op('Softmax', [scores], [{ name: 'axis', i: -1 }]);
    const attn = g.op('Reshape', [g.op('Transpose', [g.op('MatMul', [probs, v])], [{ name: 'perm', ints: [0, 2, 1, 3] }]), mergeHeads]);
    x = g.op('Add', [x, proj(`layers.${l}.wo`, attn, H, H)]);

    const m = proj(`layers.${l}.w1`, layerNorm(`layers.${l}.mlp_norm`, x), H, 4 * H);
    const silu = g.op('Mul', [m, g.op('Sigmoid', [m])]);
    x = g.op('Add', [x, proj(`layers.${l}.w2`, silu, 4 * H, H)]);
  }

  // Bias: letters and spaces likely, other bytes less, the full stop a little; special tokens never, except that
  // right after a full stop the end token wins, so every answer is one short sentence (as tests need).
  const byteOf = new Map(bytesToUnicode().map((ch, b) => [ch, b]));
  const bias = new Float32Array(vocabSize);
  for (let t = 0; t < vocabSize; t++) {
    const bytes = t < v.bos ? [...v.tokens[t]].map((ch) => byteOf.get(ch) ?? 0) : [];
    const letters = bytes.length > 0 && bytes.every((b) => (b >= 97 && b <= 122) || b === 32);
    bias[t] = t >= v.bos ? -20 : t === v.stop ? STOP_BIAS : letters ? 2 : -4;
  }
  const logits = g.op('MatMul', [layerNorm('final_norm', x), g.floats('lm_head', [H, vocabSize], weights(H * vocabSize, 1))]);
  const afterStop = g.op('Unsqueeze', [
    g.op('Cast', [g.op('Equal', [inputIds, g.scalarInt('stop_id', v.stop)])], [{ name: 'to', i: FLOAT }]),
    g.ints('axes_last', [2]),
  ]); // [B,S,1]
  const endRow = new Float32Array(vocabSize);
  endRow[v.eos] = 60;
  const stop = g.op('Mul', [afterStop, g.floats('stop_row', [vocabSize], endRow)]); // [B,S,V]
  g.op('Add', [g.op('Add', [logits, g.floats('lm_bias', [vocabSize], bias)]), stop], [], ['logits']);
  g.output('logits', FLOAT, ['batch_size', 'sequence_length', vocabSize]);
  return g.encode();
}

/** Writes the tiny chat model under `<outDir>/tiny-random-chat/`; returns that folder. */
export function writeTinyChatModel(outDir: string, spec: Partial<TinyModelSpec> = {}): string {
  const s = { ...DEFAULT_SPEC, ...spec };
  const v = vocabulary();
  const vocabSize = v.tokens.length;
  const { bos, eos, pad } = v;
  const dir = path.join(outDir, TINY_CHAT_MODEL_ID);
  fs.mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  const json = (file: string, value: object) => fs.writeFileSync(path.join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  json('config.json', {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    vocab_size: vocabSize,
    hidden_size: s.hidden,
    intermediate_size: 4 * s.hidden,
    num_hidden_layers: s.layers,
    num_attention_heads: s.heads,
    num_key_value_heads: s.heads,
    head_dim: s.hidden / s.heads,
    max_position_embeddings: s.maxPositions,
    bos_token_id: bos,
    eos_token_id: eos,
    pad_token_id: pad,
    'transformers.js_config': { dtype: 'fp32' },
  });
  json('generation_config.json', { bos_token_id: bos, eos_token_id: eos, pad_token_id: pad, do_sample: false });
  json('tokenizer.json', tokenizerJson(v));
  json('tokenizer_config.json', {
    tokenizer_class: 'GPT2Tokenizer',
    bos_token: SPECIALS[0],
    eos_token: SPECIALS[1],
    pad_token: SPECIALS[2],
    unk_token: null,
    add_bos_token: false,
    model_max_length: s.maxPositions,
    clean_up_tokenization_spaces: false,
    chat_template: CHAT_TEMPLATE,
  });
  fs.writeFileSync(path.join(dir, 'onnx', 'model.onnx'), buildOnnx(s, v));
  return dir;
}

/** transformers.js's file name for each dtype (`onnx/model{suffix}.onnx`), as in its utils/dtypes.js. */
export const DTYPE_FILE_SUFFIX: Record<string, string> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

/**
 * Gives a written tiny model one file per dtype, as hub repositories have (model_quantized.onnx, model_q4.onnx …),
 * so tests can check which file a device/dtype choice downloads. Each is the same fp32 graph under the dtype's
 * name — the tiny model tests delivery (which file, how big, from where), not quantisation. fp16/q4f16 are not
 * written: transformers.js would give them a float16 key/value cache this fp32 graph does not have.
 */
export function writeTinyDtypeFiles(modelDir: string, dtypes: string[] = ['q8', 'q4']): string[] {
  const src = path.join(modelDir, 'onnx', 'model.onnx');
  return dtypes.map((d) => {
    const file = path.join(modelDir, 'onnx', `model${DTYPE_FILE_SUFFIX[d]}.onnx`);
    if (file !== src) fs.copyFileSync(src, file);
    return file;
  });
}

export async function main(argv: string[]): Promise<number> {
  const outDir = path.resolve(argv[0] ?? 'tests/fixtures/models');
  const dir = writeTinyChatModel(outDir);
  for (const f of ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
    console.log(`${path.join(dir, f)}  ${fs.statSync(path.join(dir, f)).size} bytes`);
  }
  // The language-model runtime's fixtures: both families, safetensors and ONNX from the same weights.
  const { writeTinyLmModels } = await import('./tiny-lm-models');
  for (const d of writeTinyLmModels(outDir)) console.log(`${d}/  (config.json, model.safetensors, tokenizer.json, onnx/model.onnx)`);
  for (const d of (await import('./tiny-media-models')).writeTinyMediaModels(outDir)) console.log(`${d}/  (generative workflow functions)`);
  return 0;
}
