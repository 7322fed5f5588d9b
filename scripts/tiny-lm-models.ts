/**
 * Tiny random GPT-2 and Llama checkpoints for the language-model runtime's tests: for each family one folder with
 * config.json + model.safetensors (what our runtime loads) and onnx/model.onnx (what transformers.js loads), built
 * from the same weights, plus the byte-level BPE tokenizer of make-tiny-models.ts.
 *
 *   writeTinyLmModels(outDir)  → [<outDir>/tiny-random-gpt2, <outDir>/tiny-random-llama]
 *
 * The ONNX graphs follow the Hugging Face modelling code (shapes: B batch, S new tokens, P past, T = P + S):
 *   gpt2:  x = wte[ids] + wpe[pos]; per layer x += c_proj(attn(LN1 x)); x += c_proj(gelu_tanh(c_fc(LN2 x)));
 *          logits = LN_f(x) · wteᵀ
 *   llama: x = embed[ids]; per layer x += o(attn(rope(q), rope(k), v) over KVH heads); x += down(silu(gate)·up)
 *          on RMSNorm'd inputs; logits = norm(x) · lm_headᵀ. GQA by reshaping q to [B, KVH, G, S, D].
 * Causal + padding mask as in make-tiny-models.ts; past/present key values [B, KVH, P|T, D].
 */
import fs from 'node:fs';
import path from 'node:path';
import { causalMask, FLOAT, GraphBuilder, INT64, tokenizerJson, vocabulary } from './tiny-model-parts';
import { tinyCheckpoint, type TinyCheckpoint, type TinySpec } from '../src/lm/tiny';
import { parseSafetensors, writeSafetensors } from '../src/lm/safetensors';
import { parseConfig } from '../src/lm/config';
import type { LmArch } from '../src/lm/config';

export const TINY_LM_IDS = { gpt2: 'tiny-random-gpt2', llama: 'tiny-random-llama' } as const;

/** gpt2: C 32, 4 heads × 8, MLP 128; llama: C 32, 4 query heads over 2 KV heads × 8, q/k/v bias, MLP 64, untied. */
export function tinyLmSpec(arch: LmArch, vocab: number): TinySpec {
  return arch === 'gpt2'
    ? { vocab, hidden: 32, layers: 2, heads: 4, kvHeads: 4, intermediate: 128, maxPositions: 256, seed: 21 }
    : { vocab, hidden: 32, layers: 2, heads: 4, kvHeads: 2, intermediate: 64, maxPositions: 256, qkvBias: true, seed: 22 };
}

function transposed(t: { shape: number[]; data: Float32Array }): Float32Array {
  const [rows, cols] = t.shape;
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = t.data[r * cols + c];
  return out;
}

/** The ONNX graph transformers.js runs, from a checkpoint's config and tensors (Hugging Face names). */
export function buildOnnx(
  arch: LmArch,
  ck: TinyCheckpoint,
  spec: TinySpec,
  norm = { eps: arch === 'gpt2' ? 1e-5 : 1e-6, theta: 10000 },
): Uint8Array {
  const T = ck.tensors;
  const { hidden: C, heads: H, layers: L, vocab: V } = spec;
  const KVH = arch === 'gpt2' ? H : spec.kvHeads;
  const D = C / H;
  const G = H / KVH;
  const g = new GraphBuilder();
  const inputIds = g.input('input_ids', INT64, ['batch_size', 'sequence_length']);
  const attentionMask = g.input('attention_mask', INT64, ['batch_size', 'total_sequence_length']);
  const positionIds = g.input('position_ids', INT64, ['batch_size', 'sequence_length']);
  const past = Array.from({ length: L }, (_, l) => ({
    key: g.input(`past_key_values.${l}.key`, FLOAT, ['batch_size', KVH, 'past_sequence_length', D]),
    value: g.input(`past_key_values.${l}.value`, FLOAT, ['batch_size', KVH, 'past_sequence_length', D]),
  }));
  // Linear: x · Wᵀ (+ b), W given as nn.Linear [out, in] (transposed here) or Conv1D [in, out] (as is).
  const linear = (x: string, name: string, conv1d = false, bias?: string) => {
    const w = T[name];
    const y = g.op('MatMul', [x, g.floats(name, conv1d ? w.shape : [w.shape[1], w.shape[0]], conv1d ? w.data : transposed(w))]);
    return bias ? g.op('Add', [y, g.floats(bias, T[bias].shape, T[bias].data)]) : y;
  };
  const axes1 = g.ints('unsqueeze_1', [1]);
  const axes2 = g.ints('unsqueeze_2', [2]);
  const mask = g.op('Unsqueeze', [causalMask(g, inputIds, attentionMask), axes1]); // [B,1,1,S,T]

  const splits = { [H]: g.ints('split_q', [0, 0, H, D]), [KVH]: g.ints('split_kv', [0, 0, KVH, D]) };
  const toHeads = (t: string, n: number) => g.op('Transpose', [g.op('Reshape', [t, splits[n]])], [{ name: 'perm', ints: [0, 2, 1, 3] }]);
  let x: string;
  let rope: ((t: string) => string) | undefined;
  if (arch === 'gpt2') {
    x = g.op('Add', [
      g.op('Gather', [g.floats('wte', T['wte.weight'].shape, T['wte.weight'].data), inputIds], [{ name: 'axis', i: 0 }]),
      g.op('Gather', [g.floats('wpe', T['wpe.weight'].shape, T['wpe.weight'].data), positionIds], [{ name: 'axis', i: 0 }]),
    ]);
  } else {
    x = g.op(
      'Gather',
      [g.floats('embed', T['model.embed_tokens.weight'].shape, T['model.embed_tokens.weight'].data), inputIds],
      [{ name: 'axis', i: 0 }],
    );
    const invFreq = Float32Array.from({ length: D / 2 }, (_, i) => Math.pow(norm.theta, (-2 * i) / D));
    const angles = g.op('Mul', [
      g.op('Unsqueeze', [g.op('Cast', [positionIds], [{ name: 'to', i: FLOAT }]), axes2]),
      g.floats('inv_freq', [D / 2], invFreq),
    ]); // [B,S,D/2]
    const emb = g.op('Unsqueeze', [g.op('Concat', [angles, angles], [{ name: 'axis', i: -1 }]), axes1]); // [B,1,S,D]
    const cos = g.op('Cos', [emb]);
    const sin = g.op('Sin', [emb]);
    const half = g.ints('half', [D / 2]);
    const full = g.ints('full', [D]);
    const start = g.ints('start0', [0]);
    const axis3 = g.ints('axis3', [3]);
    rope = (t) => {
      const x1 = g.op('Slice', [t, start, half, axis3]);
      const x2 = g.op('Slice', [t, half, full, axis3]);
      const rotated = g.op('Concat', [g.op('Neg', [x2]), x1], [{ name: 'axis', i: 3 }]);
      return g.op('Add', [g.op('Mul', [t, cos]), g.op('Mul', [rotated, sin])]);
    };
  }
  const eps = g.scalarFloat('eps', norm.eps);
  const normalize = (input: string, w: string, b?: string) =>
    b
      ? g.op(
          'LayerNormalization',
          [input, g.floats(w, T[w].shape, T[w].data), g.floats(b, T[b].shape, T[b].data)],
          [
            { name: 'axis', i: -1 },
            { name: 'epsilon', f: norm.eps },
          ],
        )
      : g.op('Mul', [
          g.op('Div', [
            input,
            g.op('Sqrt', [
              g.op('Add', [
                g.op(
                  'ReduceMean',
                  [g.op('Mul', [input, input])],
                  [
                    { name: 'axes', ints: [-1] },
                    { name: 'keepdims', i: 1 },
                  ],
                ),
                eps,
              ]),
            ]),
          ]),
          g.floats(w, T[w].shape, T[w].data),
        ]);
  const scale = g.scalarFloat('attn_scale', 1 / Math.sqrt(D));
  const groupQ = g.ints('group_q', [0, KVH, G, -1, D]);
  const mergeQ = g.ints('merge_q', [0, H, -1, D]);
  const mergeHeads = g.ints('merge_heads', [0, 0, H * D]);
  for (let l = 0; l < L; l++) {
    let q: string, k: string, v: string, h: string;
    if (arch === 'gpt2') {
      const p = `h.${l}.`;
      h = normalize(x, p + 'ln_1.weight', p + 'ln_1.bias');
      // c_attn [C, 3C] split into q, k, v columns.
      const w = T[p + 'attn.c_attn.weight'];
      const b = T[p + 'attn.c_attn.bias'];
      const part = (j: number) => {
        const wj = new Float32Array(C * C);
        for (let r = 0; r < C; r++) wj.set(w.data.subarray(r * 3 * C + j * C, r * 3 * C + (j + 1) * C), r * C);
        const y = g.op('MatMul', [h, g.floats(`${p}c_attn.${j}`, [C, C], wj)]);
        return g.op('Add', [y, g.floats(`${p}c_attn.bias.${j}`, [C], b.data.slice(j * C, (j + 1) * C))]);
      };
      q = toHeads(part(0), H);
      k = toHeads(part(1), H);
      v = toHeads(part(2), H);
    } else {
      const p = `model.layers.${l}.`;
      h = normalize(x, p + 'input_layernorm.weight');
      const bias = (n: string) => (T[p + `self_attn.${n}.bias`] ? p + `self_attn.${n}.bias` : undefined);
      q = rope!(toHeads(linear(h, p + 'self_attn.q_proj.weight', false, bias('q_proj')), H));
      k = rope!(toHeads(linear(h, p + 'self_attn.k_proj.weight', false, bias('k_proj')), KVH));
      v = toHeads(linear(h, p + 'self_attn.v_proj.weight', false, bias('v_proj')), KVH);
    }
    const kAll = g.op('Concat', [past[l].key, k], [{ name: 'axis', i: 2 }], [`present.${l}.key`]);
    const vAll = g.op('Concat', [past[l].value, v], [{ name: 'axis', i: 2 }], [`present.${l}.value`]);
    g.output(`present.${l}.key`, FLOAT, ['batch_size', KVH, 'total_sequence_length', D]);
    g.output(`present.${l}.value`, FLOAT, ['batch_size', KVH, 'total_sequence_length', D]);
    const qg = g.op('Reshape', [q, groupQ]); // [B,KVH,G,S,D]
    const kT = g.op('Unsqueeze', [g.op('Transpose', [kAll], [{ name: 'perm', ints: [0, 1, 3, 2] }]), axes2]); // [B,KVH,1,D,T]
    const scores = g.op('Add', [g.op('Mul', [g.op('MatMul', [qg, kT]), scale]), mask]);
    const probs = g.op('Softmax', [scores], [{ name: 'axis', i: -1 }]);
    const o = g.op('Reshape', [g.op('MatMul', [probs, g.op('Unsqueeze', [vAll, axes2])]), mergeQ]); // [B,H,S,D]
    const attn = g.op('Reshape', [g.op('Transpose', [o], [{ name: 'perm', ints: [0, 2, 1, 3] }]), mergeHeads]);
    if (arch === 'gpt2') {
      const p = `h.${l}.`;
      x = g.op('Add', [x, linear(attn, p + 'attn.c_proj.weight', true, p + 'attn.c_proj.bias')]);
      const m = linear(normalize(x, p + 'ln_2.weight', p + 'ln_2.bias'), p + 'mlp.c_fc.weight', true, p + 'mlp.c_fc.bias');
      const inner = g.op('Mul', [
        g.scalarFloat(`${p}k0`, Math.sqrt(2 / Math.PI)),
        g.op('Add', [m, g.op('Mul', [g.scalarFloat(`${p}k1`, 0.044715), g.op('Mul', [m, g.op('Mul', [m, m])])])]),
      ]);
      const gelu = g.op('Mul', [
        g.op('Mul', [g.scalarFloat(`${p}half`, 0.5), m]),
        g.op('Add', [g.scalarFloat(`${p}one`, 1), g.op('Tanh', [inner])]),
      ]);
      x = g.op('Add', [x, linear(gelu, p + 'mlp.c_proj.weight', true, p + 'mlp.c_proj.bias')]);
    } else {
      const p = `model.layers.${l}.`;
      x = g.op('Add', [x, linear(attn, p + 'self_attn.o_proj.weight')]);
      const n2 = normalize(x, p + 'post_attention_layernorm.weight');
      const gate = linear(n2, p + 'mlp.gate_proj.weight');
      const silu = g.op('Mul', [gate, g.op('Sigmoid', [gate])]);
      x = g.op('Add', [x, linear(g.op('Mul', [silu, linear(n2, p + 'mlp.up_proj.weight')]), p + 'mlp.down_proj.weight')]);
    }
  }
  const final = arch === 'gpt2' ? normalize(x, 'ln_f.weight', 'ln_f.bias') : normalize(x, 'model.norm.weight');
  const head = arch === 'gpt2' ? 'wte.weight' : T['lm_head.weight'] ? 'lm_head.weight' : 'model.embed_tokens.weight';
  g.op('MatMul', [final, g.floats('lm_head_t', [C, V], transposed(T[head]))], [], ['logits']);
  g.output('logits', FLOAT, ['batch_size', 'sequence_length', V]);
  return g.encode();
}

/** Writes both tiny models under outDir; returns their folders. */
export function writeTinyLmModels(outDir: string): string[] {
  const v = vocabulary();
  return (['gpt2', 'llama'] as const).map((arch) => {
    const spec = tinyLmSpec(arch, v.tokens.length);
    const ck = tinyCheckpoint(arch, spec);
    const dir = path.join(outDir, TINY_LM_IDS[arch]);
    fs.mkdirSync(path.join(dir, 'onnx'), { recursive: true });
    const json = (file: string, value: object) => fs.writeFileSync(path.join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
    // No eos in the configs: greedy runs go the full number of steps on both runtimes.
    json('config.json', { ...ck.config, bos_token_id: v.bos, pad_token_id: v.pad, 'transformers.js_config': { dtype: 'fp32' } });
    json('generation_config.json', { bos_token_id: v.bos, pad_token_id: v.pad, do_sample: false });
    json('tokenizer.json', tokenizerJson(v));
    json('tokenizer_config.json', {
      tokenizer_class: 'GPT2Tokenizer',
      bos_token: '<|im_start|>',
      eos_token: '<|im_end|>',
      pad_token: '<|pad|>',
      unk_token: null,
      add_bos_token: false,
      clean_up_tokenization_spaces: false,
    });
    fs.writeFileSync(path.join(dir, 'model.safetensors'), writeSafetensors(ck.tensors));
    fs.writeFileSync(path.join(dir, 'onnx', 'model.onnx'), buildOnnx(arch, ck, spec));
    return dir;
  });
}

/**
 * Writes <dir>/onnx/model.onnx (fp32, for transformers.js) from <dir>/config.json + model.safetensors of a Llama
 * (no q/k/v bias) or GPT-2 checkpoint: the shipped model gets a transformers.js twin for the benchmark's checks.
 */
export function writeOnnxTwin(dir: string): void {
  const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
  const cfg = parseConfig(config);
  const st = parseSafetensors(fs.readFileSync(path.join(dir, 'model.safetensors')));
  const tensors: TinyCheckpoint['tensors'] = {};
  for (const name of st.names) tensors[name] = { shape: st.info(name)!.shape, data: st.f32(name) };
  const spec: TinySpec = {
    vocab: cfg.vocab,
    hidden: cfg.hidden,
    layers: cfg.layers,
    heads: cfg.heads,
    kvHeads: cfg.kvHeads,
    intermediate: cfg.intermediate,
    maxPositions: cfg.maxPositions,
    seed: 0,
  };
  if (cfg.headDim * cfg.heads !== cfg.hidden) throw new Error(`${dir}: head_dim × heads must equal hidden_size for the ONNX twin`);
  fs.mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'onnx', 'model.onnx'),
    buildOnnx(cfg.arch, { config, tensors }, spec, { eps: cfg.normEps, theta: cfg.ropeTheta }),
  );
}
