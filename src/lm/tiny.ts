/**
 * Tiny random checkpoints of both families in Hugging Face layout (config.json fields and safetensors names),
 * seeded. The tests and scripts/make-tiny-models.ts build on them; the same weights also go into the ONNX
 * graphs transformers.js runs, so both runtimes can be compared.
 */
import { mulberry32 } from '../util/random';
import type { LmArch } from './config';

export interface TinyCheckpoint {
  config: Record<string, unknown>;
  tensors: Record<string, { shape: number[]; data: Float32Array }>;
}

export interface TinySpec {
  vocab: number;
  hidden: number;
  layers: number;
  heads: number;
  kvHeads: number;
  intermediate: number;
  maxPositions: number;
  /** llama: q/k/v bias (Qwen2 style); untied lm_head. */
  qkvBias?: boolean;
  tied?: boolean;
  seed: number;
}

export function tinyCheckpoint(arch: LmArch, spec: TinySpec): TinyCheckpoint {
  const rand = mulberry32(spec.seed);
  const t = (shape: number[], scale: number, offset = 0) => ({
    shape,
    data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => offset + (rand() * 2 - 1) * scale),
  });
  const { vocab: V, hidden: C, layers, heads: H, kvHeads: KVH, intermediate: I, maxPositions: P } = spec;
  const D = C / H;
  const lin = (outF: number, inF: number) => t([outF, inF], 1 / Math.sqrt(inF));
  const tensors: TinyCheckpoint['tensors'] = {};
  if (arch === 'gpt2') {
    tensors['wte.weight'] = t([V, C], 0.5);
    tensors['wpe.weight'] = t([P, C], 0.2);
    for (let l = 0; l < layers; l++) {
      const p = `h.${l}.`;
      tensors[p + 'ln_1.weight'] = t([C], 0.2, 1);
      tensors[p + 'ln_1.bias'] = t([C], 0.1);
      tensors[p + 'attn.c_attn.weight'] = t([C, 3 * C], 1 / Math.sqrt(C)); // Conv1D: [in, out]
      tensors[p + 'attn.c_attn.bias'] = t([3 * C], 0.1);
      tensors[p + 'attn.c_proj.weight'] = t([C, C], 1 / Math.sqrt(C));
      tensors[p + 'attn.c_proj.bias'] = t([C], 0.1);
      tensors[p + 'ln_2.weight'] = t([C], 0.2, 1);
      tensors[p + 'ln_2.bias'] = t([C], 0.1);
      tensors[p + 'mlp.c_fc.weight'] = t([C, I], 1 / Math.sqrt(C));
      tensors[p + 'mlp.c_fc.bias'] = t([I], 0.1);
      tensors[p + 'mlp.c_proj.weight'] = t([I, C], 1 / Math.sqrt(I));
      tensors[p + 'mlp.c_proj.bias'] = t([C], 0.1);
    }
    tensors['ln_f.weight'] = t([C], 0.2, 1);
    tensors['ln_f.bias'] = t([C], 0.1);
    return {
      config: {
        architectures: ['GPT2LMHeadModel'],
        model_type: 'gpt2',
        vocab_size: V,
        n_embd: C,
        n_layer: layers,
        n_head: H,
        n_positions: P,
        n_inner: I,
        activation_function: 'gelu_new',
        layer_norm_epsilon: 1e-5,
      },
      tensors,
    };
  }
  tensors['model.embed_tokens.weight'] = t([V, C], 1);
  for (let l = 0; l < layers; l++) {
    const p = `model.layers.${l}.`;
    tensors[p + 'input_layernorm.weight'] = t([C], 0.2, 1);
    tensors[p + 'self_attn.q_proj.weight'] = lin(H * D, C);
    tensors[p + 'self_attn.k_proj.weight'] = lin(KVH * D, C);
    tensors[p + 'self_attn.v_proj.weight'] = lin(KVH * D, C);
    if (spec.qkvBias) {
      tensors[p + 'self_attn.q_proj.bias'] = t([H * D], 0.1);
      tensors[p + 'self_attn.k_proj.bias'] = t([KVH * D], 0.1);
      tensors[p + 'self_attn.v_proj.bias'] = t([KVH * D], 0.1);
    }
    tensors[p + 'self_attn.o_proj.weight'] = lin(C, H * D);
    tensors[p + 'post_attention_layernorm.weight'] = t([C], 0.2, 1);
    tensors[p + 'mlp.gate_proj.weight'] = lin(I, C);
    tensors[p + 'mlp.up_proj.weight'] = lin(I, C);
    tensors[p + 'mlp.down_proj.weight'] = lin(C, I);
  }
  tensors['model.norm.weight'] = t([C], 0.2, 1);
  if (!spec.tied) tensors['lm_head.weight'] = lin(V, C);
  return {
    config: {
      architectures: [spec.qkvBias ? 'Qwen2ForCausalLM' : 'LlamaForCausalLM'],
      model_type: spec.qkvBias ? 'qwen2' : 'llama',
      vocab_size: V,
      hidden_size: C,
      intermediate_size: I,
      num_hidden_layers: layers,
      num_attention_heads: H,
      num_key_value_heads: KVH,
      head_dim: D,
      max_position_embeddings: P,
      rms_norm_eps: 1e-6,
      rope_theta: 10000,
      hidden_act: 'silu',
      tie_word_embeddings: !!spec.tied,
    },
    tensors,
  };
}
