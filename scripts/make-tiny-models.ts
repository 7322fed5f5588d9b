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
import protobuf from 'protobufjs';
import { mulberry32 } from '../src/util/random';

export const TINY_CHAT_MODEL_ID = 'tiny-random-chat';

// --- a subset of onnx.proto (field numbers as in github.com/onnx/onnx/blob/main/onnx/onnx.proto) ---
const ONNX_PROTO = `
syntax = "proto3";
package onnx;
message AttributeProto {
  string name = 1; float f = 2; int64 i = 3; bytes s = 4; TensorProto t = 5;
  repeated float floats = 7; repeated int64 ints = 8; int32 type = 20;
}
message ValueInfoProto { string name = 1; TypeProto type = 2; }
message NodeProto {
  repeated string input = 1; repeated string output = 2; string name = 3; string op_type = 4;
  repeated AttributeProto attribute = 5; string domain = 7;
}
message ModelProto {
  int64 ir_version = 1; string producer_name = 2; string producer_version = 3; GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
}
message GraphProto {
  repeated NodeProto node = 1; string name = 2; repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12;
}
message TensorProto { repeated int64 dims = 1; int32 data_type = 2; string name = 8; bytes raw_data = 9; }
message TensorShapeProto {
  message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
  oneof value { Tensor tensor_type = 1; }
}
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
`;

const FLOAT = 1;
const INT64 = 7;
const ATTR = { FLOAT: 1, INT: 2, INTS: 7 } as const;

type Dim = number | string;
type Attr = { name: string; i?: number; f?: number; ints?: number[] };

/** Collects nodes, initializers and graph inputs/outputs; `encode()` returns the .onnx bytes. */
class GraphBuilder {
  private nodes: object[] = [];
  private initializers: object[] = [];
  private inputs: object[] = [];
  private outputs: object[] = [];
  private counter = 0;

  input(name: string, elemType: number, shape: Dim[]): string {
    this.inputs.push(valueInfo(name, elemType, shape));
    return name;
  }

  output(name: string, elemType: number, shape: Dim[]): void {
    this.outputs.push(valueInfo(name, elemType, shape));
  }

  floats(name: string, dims: number[], data: Float32Array): string {
    this.initializers.push({ name, dims, data_type: FLOAT, raw_data: new Uint8Array(data.buffer.slice(0)) });
    return name;
  }

  ints(name: string, data: number[]): string {
    const raw = new BigInt64Array(data.map((v) => BigInt(v)));
    this.initializers.push({ name, dims: [data.length], data_type: INT64, raw_data: new Uint8Array(raw.buffer) });
    return name;
  }

  scalarFloat(name: string, v: number): string {
    this.initializers.push({ name, dims: [], data_type: FLOAT, raw_data: new Uint8Array(new Float32Array([v]).buffer) });
    return name;
  }

  scalarInt(name: string, v: number): string {
    this.initializers.push({ name, dims: [], data_type: INT64, raw_data: new Uint8Array(new BigInt64Array([BigInt(v)]).buffer) });
    return name;
  }

  /** Adds a node; returns its output names (`outputs` fixes them, e.g. graph outputs). */
  op(opType: string, inputs: string[], attrs: Attr[] = [], outputs?: string[]): string {
    const outs = outputs ?? [`${opType.toLowerCase()}_${this.counter++}`];
    const attribute = attrs.map((a) =>
      a.ints ? { name: a.name, ints: a.ints, type: ATTR.INTS } : a.f !== undefined ? { name: a.name, f: a.f, type: ATTR.FLOAT } : { name: a.name, i: a.i, type: ATTR.INT },
    );
    this.nodes.push({ op_type: opType, input: inputs, output: outs, name: `n${this.nodes.length}_${opType}`, attribute });
    return outs[0];
  }

  encode(): Uint8Array {
    const root = protobuf.parse(ONNX_PROTO, { keepCase: true }).root;
    const Model = root.lookupType('onnx.ModelProto');
    const model = {
      ir_version: 8,
      producer_name: 'webgpu-playground make-tiny-models',
      producer_version: '1',
      opset_import: [{ domain: '', version: 17 }],
      graph: { name: 'tiny', node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    };
    const err = Model.verify(model);
    if (err) throw new Error(`invalid ONNX model: ${err}`);
    return Model.encode(Model.fromObject(model)).finish();
  }
}

function valueInfo(name: string, elemType: number, shape: Dim[]) {
  const dim = shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name, type: { tensor_type: { elem_type: elemType, shape: { dim } } } };
}


// --- tokenizer: byte-level BPE over the 256 bytes (GPT-2 byte→unicode map), no merges, 3 special tokens ---
const SPECIALS = ['<|im_start|>', '<|im_end|>', '<|pad|>'];

function bytesToUnicode(): string[] {
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  const map: string[] = new Array(256);
  bs.forEach((b, i) => (map[b] = String.fromCodePoint(cs[i])));
  return map;
}

/**
 * Text the merges are learned from: the kind of text the planner sends (instructions, program syntax, signatures),
 * so prompts compress to about a third of their bytes and the tests' prefill stays short.
 */
const CORPUS = `You plan workflows for a typed function graph. The available functions:
A program has node lines, then connection lines. Ids are lowercase names. Strings use double quotes.
A connection joins an output port to an input port of the same type (Text, Image, Audio, Video, Mesh, Number,
Tensor, Plot). Every input that is not optional must be connected. Use only the functions listed; use only their
parameters and ports. Instruction: turn this cat photo into a cartoon-style video. Analysis: PARADIGM FUNCTIONS.
Write only the node lines, one per line, no connections, no explanation. Write only the connection lines that make
the data flow from the inputs to the result. Connect every required input. Fix the errors. Answer with the
complete corrected program only. Reference programs: image to video, text to image, text to speech, image to 3d.
load_image = LoadImage(source="cat.jpg")
cartoonize = Cartoonize(levels=6)
animate_image = AnimateImage(frames=48, fps=24, motion="zoom-in")
load_image.image -> cartoonize.image
cartoonize.image -> animate_image.image
text_input = TextInput(text="hello world")
render_text = RenderText(width=320, height=160)
text_input.text -> render_text.text
in: image: Image  out: image: Image  in: text: Text  out: audio: Audio  out: video: Video  out: mesh: Mesh
integer number string choice default required optional parameter parameters input inputs output outputs
system user assistant message content role the and of to a in is that for with as on it this from
`;

// GPT-2's pre-tokenizer: words, numbers, punctuation runs and spaces, each with its leading space.
const PRETOKENIZE = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/** Byte-pair merges learned from CORPUS (deterministic: ties broken by the pair's text). */
function trainMerges(byteChars: string[], count: number): string[] {
  const words = new Map<string, number>();
  for (const m of CORPUS.matchAll(PRETOKENIZE)) {
    const key = [...new TextEncoder().encode(m[0])].map((b) => byteChars[b]).join(' ');
    words.set(key, (words.get(key) ?? 0) + 1);
  }
  let symbols = [...words].map(([k, n]) => ({ syms: k.split(' '), n }));
  const merges: string[] = [];
  while (merges.length < count) {
    const pairs = new Map<string, number>();
    for (const w of symbols) for (let i = 0; i + 1 < w.syms.length; i++) pairs.set(`${w.syms[i]} ${w.syms[i + 1]}`, (pairs.get(`${w.syms[i]} ${w.syms[i + 1]}`) ?? 0) + w.n);
    let best: [string, number] | undefined;
    for (const [p, n] of pairs) if (!p.includes('Ċ') && (!best || n > best[1] || (n === best[1] && p < best[0]))) best = [p, n];
    if (!best || best[1] < 2) break;
    merges.push(best[0]);
    const [a, b] = best[0].split(' ');
    symbols = symbols.map((w) => {
      const out: string[] = [];
      for (let i = 0; i < w.syms.length; i++) {
        if (i + 1 < w.syms.length && w.syms[i] === a && w.syms[i + 1] === b) (out.push(a + b), i++);
        else out.push(w.syms[i]);
      }
      return { syms: out, n: w.n };
    });
  }
  return merges;
}

interface Vocabulary {
  /** token text (byte-level unicode) by id */
  tokens: string[];
  merges: string[];
  bos: number;
  eos: number;
  pad: number;
  /** id of the full stop, after which the model ends its answer */
  stop: number;
}

function vocabulary(): Vocabulary {
  const byteChars = bytesToUnicode();
  const merges = trainMerges(byteChars, 300);
  const tokens = [...byteChars, ...merges.map((m) => m.replace(' ', '')), ...SPECIALS];
  const first = 256 + merges.length;
  return { tokens, merges, bos: first, eos: first + 1, pad: first + 2, stop: 46 };
}

function tokenizerJson(v: Vocabulary): object {
  const vocab: Record<string, number> = {};
  v.tokens.forEach((t, id) => (vocab[t] = id));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((content, i) => ({
      id: v.bos + i,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges: v.merges,
    },
  };
}

// ChatML, as SmolLM2 and Qwen2.5 use.
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
  const angles = g.op('Mul', [g.op('Unsqueeze', [g.op('Cast', [positionIds], [{ name: 'to', i: FLOAT }]), g.ints('axes_2', [2])]), g.floats('inv_freq', [H / 2], invFreq)]); // [B,S,H/2]
  const pos = g.op('Concat', [g.op('Sin', [angles]), g.op('Cos', [angles])], [{ name: 'axis', i: -1 }]); // [B,S,H]
  let x = g.op('Add', [tok, g.op('Mul', [pos, g.scalarFloat('pos_scale', 0.3)])]);

  // Additive mask [B,1,S,T]: query i (absolute position T-S+i) sees key j when j ≤ T-S+i and attention_mask[j] = 1.
  const axes0 = g.ints('axes_0', [0]);
  const axes1 = g.ints('axes_1', [1]);
  const axes12 = g.ints('axes_1_2', [1, 2]);
  const totalLen = g.op('Squeeze', [g.op('Shape', [attentionMask], [{ name: 'start', i: 1 }, { name: 'end', i: 2 }]), axes0]);
  const newLen = g.op('Squeeze', [g.op('Shape', [inputIds], [{ name: 'start', i: 1 }, { name: 'end', i: 2 }]), axes0]);
  const zero = g.scalarInt('zero', 0);
  const one = g.scalarInt('one', 1);
  const keyPos = g.op('Unsqueeze', [g.op('Range', [zero, totalLen, one]), axes0]); // [1,T]
  const queryPos = g.op('Unsqueeze', [g.op('Range', [g.op('Sub', [totalLen, newLen]), totalLen, one]), axes1]); // [S,1]
  const causal = g.op('LessOrEqual', [keyPos, queryPos]); // [S,T]
  const padding = g.op('Unsqueeze', [g.op('Cast', [attentionMask], [{ name: 'to', i: 9 }]), axes12]); // [B,1,1,T]
  const allowed = g.op('And', [causal, padding]);
  const mask = g.op('Where', [allowed, g.scalarFloat('mask_keep', 0), g.scalarFloat('mask_drop', -1e9)]);

  const splitHeads = g.ints('split_heads', [0, 0, NH, HD]);
  const mergeHeads = g.ints('merge_heads', [0, 0, H]);
  const scale = g.scalarFloat('attn_scale', 1 / Math.sqrt(HD));
  const layerNorm = (name: string, input: string) =>
    g.op(
      'LayerNormalization',
      [input, g.floats(`${name}.gamma`, [H], Float32Array.from({ length: H }, () => 1)), g.floats(`${name}.beta`, [H], new Float32Array(H))],
      [{ name: 'axis', i: -1 }, { name: 'epsilon', f: 1e-5 }],
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
  const afterStop = g.op('Unsqueeze', [g.op('Cast', [g.op('Equal', [inputIds, g.scalarInt('stop_id', v.stop)])], [{ name: 'to', i: FLOAT }]), g.ints('axes_last', [2])]); // [B,S,1]
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
export const DTYPE_FILE_SUFFIX: Record<string, string> = { fp32: '', fp16: '_fp16', q8: '_quantized', int8: '_int8', uint8: '_uint8', q4: '_q4', q4f16: '_q4f16', bnb4: '_bnb4' };

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
  return 0;
}
