/**
 * config.json → the few numbers the runtime needs, for two families (untrusted input: every field checked,
 * errors name the field and the value).
 *   gpt2:  learned positions, LayerNorm, GELU (tanh), fused QKV with bias, tied embeddings.
 *   llama: RMSNorm, RoPE (rotate-half), SiLU-gated MLP, grouped-query attention, optional q/k/v bias
 *          (Qwen2), tied or untied embeddings. Covers model_type llama, qwen2, mistral (no sliding window).
 *
 * Example:
 *   const cfg = parseConfig(JSON.parse(text));   // { arch: 'llama', hidden: 576, layers: 30, heads: 9, kvHeads: 3, ... }
 */
import { ModelFormatError } from './safetensors';

export type LmArch = 'gpt2' | 'llama';

export interface LmConfig {
  arch: LmArch;
  /** model_type as the config states it (llama, qwen2, gpt2, ...). */
  modelType: string;
  vocab: number;
  hidden: number;
  layers: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  /** MLP width. */
  intermediate: number;
  maxPositions: number;
  normEps: number;
  /** llama only. */
  ropeTheta: number;
  /** llama: q/k/v projections have a bias (Qwen2). gpt2: always. */
  qkvBias: boolean;
  tiedEmbeddings: boolean;
  bos?: number;
  eos: number[];
}

const LLAMA_TYPES = ['llama', 'qwen2', 'mistral'];

export function parseConfig(raw: unknown, file = 'config.json'): LmConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ModelFormatError(`${file}: must be a JSON object`);
  const c = raw as Record<string, unknown>;
  const modelType = typeof c.model_type === 'string' ? c.model_type : '';
  const int = (name: string, fallback?: number): number => {
    const v = c[name] ?? fallback;
    if (!Number.isInteger(v) || (v as number) <= 0)
      throw new ModelFormatError(`${file}: ${name} = ${JSON.stringify(c[name])}: must be a positive integer`);
    return v as number;
  };
  const num = (name: string, fallback: number): number => {
    const v = c[name] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
      throw new ModelFormatError(`${file}: ${name} = ${JSON.stringify(c[name])}: must be a positive number`);
    return v;
  };
  const ids = (v: unknown): number[] => (Array.isArray(v) ? v.filter(Number.isInteger) : Number.isInteger(v) ? [v as number] : []);
  const bos = Number.isInteger(c.bos_token_id) ? (c.bos_token_id as number) : undefined;
  if (modelType === 'gpt2') {
    const hidden = int('n_embd');
    const heads = int('n_head');
    if (hidden % heads) throw new ModelFormatError(`${file}: n_embd = ${hidden} is not a multiple of n_head = ${heads}`);
    const act = c.activation_function ?? 'gelu_new';
    if (act !== 'gelu_new' && act !== 'gelu_pytorch_tanh' && act !== 'gelu')
      throw new ModelFormatError(`${file}: activation_function = ${JSON.stringify(act)} is not supported (gelu_new)`);
    return {
      arch: 'gpt2',
      modelType,
      vocab: int('vocab_size'),
      hidden,
      layers: int('n_layer'),
      heads,
      kvHeads: heads,
      headDim: hidden / heads,
      intermediate: c.n_inner == null ? 4 * hidden : int('n_inner'),
      maxPositions: int('n_positions'),
      normEps: num('layer_norm_epsilon', 1e-5),
      ropeTheta: 0,
      qkvBias: true,
      tiedEmbeddings: true,
      bos,
      eos: ids(c.eos_token_id),
    };
  }
  if (LLAMA_TYPES.includes(modelType)) {
    const hidden = int('hidden_size');
    const heads = int('num_attention_heads');
    const kvHeads = int('num_key_value_heads', heads);
    if (heads % kvHeads)
      throw new ModelFormatError(`${file}: num_attention_heads = ${heads} is not a multiple of num_key_value_heads = ${kvHeads}`);
    const headDim = c.head_dim == null ? hidden / heads : int('head_dim');
    if (!Number.isInteger(headDim) || headDim % 4)
      throw new ModelFormatError(`${file}: head dim ${headDim} must be an integer multiple of 4`);
    if (c.hidden_act != null && c.hidden_act !== 'silu')
      throw new ModelFormatError(`${file}: hidden_act = ${JSON.stringify(c.hidden_act)} is not supported (silu)`);
    const scaling = c.rope_scaling as { rope_type?: string; type?: string } | null | undefined;
    if (scaling && (scaling.rope_type ?? scaling.type) !== 'default') {
      throw new ModelFormatError(
        `${file}: rope_scaling ${JSON.stringify(scaling.rope_type ?? scaling.type)} is not supported (plain RoPE only)`,
      );
    }
    return {
      arch: 'llama',
      modelType,
      vocab: int('vocab_size'),
      hidden,
      layers: int('num_hidden_layers'),
      heads,
      kvHeads,
      headDim,
      intermediate: int('intermediate_size'),
      maxPositions: int('max_position_embeddings'),
      normEps: num('rms_norm_eps', 1e-6),
      ropeTheta: num('rope_theta', 10000),
      qkvBias: modelType === 'qwen2' || c.attention_bias === true,
      // transformers' Llama, Qwen2 and Mistral configs default to untied embeddings.
      tiedEmbeddings: c.tie_word_embeddings === true,
      bos,
      eos: ids(c.eos_token_id),
    };
  }
  throw new ModelFormatError(`${file}: model_type ${JSON.stringify(c.model_type)} is not supported (gpt2, ${LLAMA_TYPES.join(', ')})`);
}

/** Parameter count implied by the config (for size checks before anything is read). */
export function parameterCount(c: LmConfig): number {
  const attn = c.hidden * (c.heads + 2 * c.kvHeads) * c.headDim + c.heads * c.headDim * c.hidden;
  const mlp = (c.arch === 'llama' ? 3 : 2) * c.hidden * c.intermediate;
  const emb = c.vocab * c.hidden * (c.tiedEmbeddings ? 1 : 2) + (c.arch === 'gpt2' ? c.maxPositions * c.hidden : 0);
  const norms = (c.arch === 'gpt2' ? 2 : 1) * (2 * c.layers + 1) * c.hidden;
  const biases =
    c.arch === 'gpt2'
      ? c.layers * (4 * c.hidden + c.intermediate + c.hidden)
      : c.qkvBias
        ? c.layers * (c.heads + 2 * c.kvHeads) * c.headDim
        : 0;
  return c.layers * (attn + mlp) + emb + norms + biases;
}
