/**
 * Pieces shared by the tiny-model writers (scripts/make-tiny-models.ts, scripts/tiny-lm-models.ts): a small ONNX
 * graph builder (protobufjs over the ONNX schema subset we need), the causal mask subgraph, and a byte-level BPE
 * vocabulary with its tokenizer.json. No file writing here.
 */
import { bytesToUnicode } from '../src/llm/constrained-decoding';
import protobuf from 'protobufjs';

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

export const FLOAT = 1;
export const INT64 = 7;
const ATTR = { FLOAT: 1, INT: 2, STRING: 3, INTS: 7 } as const;

type Dim = number | string;
export type Attr = { name: string; i?: number; f?: number; ints?: number[]; s?: string };

/** Collects nodes, initializers and graph inputs/outputs; `encode()` returns the .onnx bytes. */
export class GraphBuilder {
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
      a.s !== undefined
        ? { name: a.name, s: new TextEncoder().encode(a.s), type: ATTR.STRING }
        : a.ints
          ? { name: a.name, ints: a.ints, type: ATTR.INTS }
          : a.f !== undefined
            ? { name: a.name, f: a.f, type: ATTR.FLOAT }
            : { name: a.name, i: a.i, type: ATTR.INT },
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

/**
 * Additive mask [B,1,S,T]: query i (absolute position T-S+i) sees key j when j ≤ T-S+i and attention_mask[j] = 1.
 * Adds the constants axes_0, axes_1, axes_1_2, zero, one to the graph.
 */
export function causalMask(g: GraphBuilder, inputIds: string, attentionMask: string): string {
  const axes0 = g.ints('axes_0', [0]);
  const axes1 = g.ints('axes_1', [1]);
  const axes12 = g.ints('axes_1_2', [1, 2]);
  const totalLen = g.op('Squeeze', [
    g.op(
      'Shape',
      [attentionMask],
      [
        { name: 'start', i: 1 },
        { name: 'end', i: 2 },
      ],
    ),
    axes0,
  ]);
  const newLen = g.op('Squeeze', [
    g.op(
      'Shape',
      [inputIds],
      [
        { name: 'start', i: 1 },
        { name: 'end', i: 2 },
      ],
    ),
    axes0,
  ]);
  const zero = g.scalarInt('zero', 0);
  const one = g.scalarInt('one', 1);
  const keyPos = g.op('Unsqueeze', [g.op('Range', [zero, totalLen, one]), axes0]); // [1,T]
  const queryPos = g.op('Unsqueeze', [g.op('Range', [g.op('Sub', [totalLen, newLen]), totalLen, one]), axes1]); // [S,1]
  const causal = g.op('LessOrEqual', [keyPos, queryPos]); // [S,T]
  const padding = g.op('Unsqueeze', [g.op('Cast', [attentionMask], [{ name: 'to', i: 9 }]), axes12]); // [B,1,1,T]
  return g.op('Where', [g.op('And', [causal, padding]), g.scalarFloat('mask_keep', 0), g.scalarFloat('mask_drop', -1e9)]);
}

// --- tokenizer: byte-level BPE over the 256 bytes (GPT-2 byte→unicode map), no merges, 3 special tokens ---
export const SPECIALS = ['<|im_start|>', '<|im_end|>', '<|pad|>'];

// The GPT-2 byte → character table: the one the LLM core reads vocabularies with.
export { bytesToUnicode };

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
    for (const w of symbols)
      for (let i = 0; i + 1 < w.syms.length; i++)
        pairs.set(`${w.syms[i]} ${w.syms[i + 1]}`, (pairs.get(`${w.syms[i]} ${w.syms[i + 1]}`) ?? 0) + w.n);
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

export interface Vocabulary {
  /** token text (byte-level unicode) by id */
  tokens: string[];
  merges: string[];
  bos: number;
  eos: number;
  pad: number;
  /** id of the full stop, after which the model ends its answer */
  stop: number;
}

export function vocabulary(): Vocabulary {
  const byteChars = bytesToUnicode();
  const merges = trainMerges(byteChars, 300);
  const tokens = [...byteChars, ...merges.map((m) => m.replace(' ', '')), ...SPECIALS];
  const first = 256 + merges.length;
  return { tokens, merges, bos: first, eos: first + 1, pad: first + 2, stop: 46 };
}

/** tokenizer.json for `v`; `specials` are the added tokens from id `v.bos` on (default: the ChatML ones). */
export function tokenizerJson(v: Vocabulary, specials: string[] = SPECIALS): object {
  const vocab: Record<string, number> = {};
  v.tokens.forEach((t, id) => (vocab[t] = id));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map((content, i) => ({
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
