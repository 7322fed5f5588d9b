/**
 * Hugging Face tensor names → the runtime's layout (all f32, Linear weights as [out, in]):
 *   qkv   [(H + 2·KVH)·D, hidden]  q, k and v fused (GPT-2's c_attn already is; Conv1D weights are transposed)
 *   up    gpt2: [I, hidden]; llama: [2·I, hidden] = gate rows then up rows (one matmul, then silu(gate)·up)
 *   down  [hidden, I]
 * Missing, extra-shaped or non-finite tensors are errors naming the tensor and the numbers.
 */
import type { LmConfig } from './config';
import { ModelFormatError, type Safetensors } from './safetensors';

export interface LayerWeights {
  norm1: Float32Array;
  norm1Bias?: Float32Array;
  qkv: Float32Array;
  qkvBias?: Float32Array;
  o: Float32Array;
  oBias?: Float32Array;
  norm2: Float32Array;
  norm2Bias?: Float32Array;
  up: Float32Array;
  upBias?: Float32Array;
  down: Float32Array;
  downBias?: Float32Array;
}

export interface LmWeights {
  /** [V, hidden] */
  embed: Float32Array;
  /** gpt2: [maxPositions, hidden] */
  positions?: Float32Array;
  layers: LayerWeights[];
  normF: Float32Array;
  normFBias?: Float32Array;
  /** [V, hidden]; the same array as `embed` when tied. */
  lmHead: Float32Array;
}

export function loadWeights(cfg: LmConfig, st: Safetensors, file = 'model.safetensors'): LmWeights {
  const prefixes = cfg.arch === 'gpt2' ? ['', 'transformer.'] : ['', 'model.'];
  const find = (name: string) => prefixes.map((p) => p + name).find((n) => st.info(n));
  const get = (name: string, shape: number[], optional = false): Float32Array | undefined => {
    const full = find(name);
    if (!full) {
      if (optional) return undefined;
      throw new ModelFormatError(`${file}: tensor ${name} is missing (expected shape [${shape}])`);
    }
    const info = st.info(full)!;
    const n = shape.reduce((a, b) => a * b, 1);
    const got = info.shape.reduce((a, b) => a * b, 1);
    if (got !== n || info.shape.length !== shape.length)
      throw new ModelFormatError(`${file}: tensor ${full} has shape [${info.shape}], expected [${shape}]`);
    const data = st.f32(full);
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) throw new ModelFormatError(`${file}: tensor ${full}[${i}] is ${data[i]} (weights must be finite)`);
    }
    return data;
  };
  const req = (name: string, shape: number[]) => get(name, shape)!;
  const { hidden: C, heads: H, kvHeads: KVH, headDim: D, intermediate: I, vocab: V } = cfg;
  const layers: LayerWeights[] = [];
  if (cfg.arch === 'gpt2') {
    for (let l = 0; l < cfg.layers; l++) {
      const p = `h.${l}.`;
      layers.push({
        norm1: req(p + 'ln_1.weight', [C]),
        norm1Bias: req(p + 'ln_1.bias', [C]),
        qkv: transpose(req(p + 'attn.c_attn.weight', [C, 3 * C]), C, 3 * C),
        qkvBias: req(p + 'attn.c_attn.bias', [3 * C]),
        o: transpose(req(p + 'attn.c_proj.weight', [C, C]), C, C),
        oBias: req(p + 'attn.c_proj.bias', [C]),
        norm2: req(p + 'ln_2.weight', [C]),
        norm2Bias: req(p + 'ln_2.bias', [C]),
        up: transpose(req(p + 'mlp.c_fc.weight', [C, I]), C, I),
        upBias: req(p + 'mlp.c_fc.bias', [I]),
        down: transpose(req(p + 'mlp.c_proj.weight', [I, C]), I, C),
        downBias: req(p + 'mlp.c_proj.bias', [C]),
      });
    }
    const embed = req('wte.weight', [V, C]);
    return {
      embed,
      positions: req('wpe.weight', [cfg.maxPositions, C]),
      layers,
      normF: req('ln_f.weight', [C]),
      normFBias: req('ln_f.bias', [C]),
      lmHead: embed,
    };
  }
  for (let l = 0; l < cfg.layers; l++) {
    const p = `layers.${l}.`;
    const bias = (n: string, size: number) => (cfg.qkvBias ? req(p + `self_attn.${n}.bias`, [size]) : new Float32Array(size));
    layers.push({
      norm1: req(p + 'input_layernorm.weight', [C]),
      qkv: concat(
        req(p + 'self_attn.q_proj.weight', [H * D, C]),
        req(p + 'self_attn.k_proj.weight', [KVH * D, C]),
        req(p + 'self_attn.v_proj.weight', [KVH * D, C]),
      ),
      qkvBias: cfg.qkvBias ? concat(bias('q_proj', H * D), bias('k_proj', KVH * D), bias('v_proj', KVH * D)) : undefined,
      o: req(p + 'self_attn.o_proj.weight', [C, H * D]),
      norm2: req(p + 'post_attention_layernorm.weight', [C]),
      up: concat(req(p + 'mlp.gate_proj.weight', [I, C]), req(p + 'mlp.up_proj.weight', [I, C])),
      down: req(p + 'mlp.down_proj.weight', [C, I]),
    });
  }
  const embed = req('embed_tokens.weight', [V, C]);
  const head = st.info('lm_head.weight') ? req('lm_head.weight', [V, C]) : undefined;
  if (!head && !cfg.tiedEmbeddings)
    throw new ModelFormatError(`${file}: tensor lm_head.weight is missing and config.json does not tie the embeddings`);
  return { embed, layers, normF: req('norm.weight', [C]), lmHead: head ?? embed };
}

function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
  return out;
}

function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}
