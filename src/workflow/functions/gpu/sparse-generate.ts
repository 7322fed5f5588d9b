/**
 * SparseGenerate (Text → Text): greedy generation on the app's own WGSL transformer (src/lm), with the prefill's
 * attention pattern and compression and the decode method as parameters — The Sparse Frontier as a workflow step.
 * With prefill "dense" and decode "dense" it is plain generation on our kernels (GenerateText's route onto this
 * runtime for GPT-2 and Llama-family safetensors checkpoints).
 * The model: "recall-llama" (trained by scripts/train/train_recall.py, ships with the app under models/) or a
 * Hugging Face id of a safetensors checkpoint (downloaded into Cache Storage 'lm-models', asked first above the
 * download limit, like every model). The loaded model stays on this worker's GPU for the next run.
 *
 * Example program:
 *   p = TextInput(text="<s> k1 v4 w3 k7 v2 w9 k3 v9 Q k7")
 *   g = SparseGenerate(prefill="block-topk", compression=2, maxTokens=1)
 *   p.text -> g.prompt
 */
import type { FunctionDef } from '../../lang/types';
import { inputOf, paramOf, registerFunction } from '../registry';
import { PortError } from '../image/pixels';
import { fetchBase } from '../image/load-image';
import { modelConfig } from '../models/runtime';
import { workflowGpu } from './device';
import { LM_CACHE_NAME } from '../../../llm/model-cache';
import type { LmModel, LmTokenizer, ModelFiles } from '../../../lm';

export const SHIPPED_LM = 'recall-llama';
const PATTERNS = ['dense', 'block-topk', 'local-window', 'vertical-slash'] as const;

/** One model on the GPU at a time (they can be large): replaced when another is asked for. */
let current: { id: string; model: LmModel; tokenizer: LmTokenizer } | undefined;

async function modelFiles(id: string, signal: AbortSignal, progress: (f: number, m: string) => void): Promise<ModelFiles> {
  const lm = await import('../../../lm');
  if (id === SHIPPED_LM) {
    const base = new URL(`models/${SHIPPED_LM}/`, fetchBase() ?? (typeof location !== 'undefined' ? location.href : undefined));
    const files: ModelFiles = {};
    for (const name of lm.MODEL_FILES) {
      const res = await fetch(new URL(name, base), { signal });
      if (res.ok) files[name] = await res.arrayBuffer();
      else if (name === 'config.json' || name === 'model.safetensors') throw new Error(`${base.href}${name}: HTTP ${res.status}`);
    }
    return files;
  }
  const cache = typeof caches !== 'undefined' ? await caches.open(LM_CACHE_NAME) : undefined;
  const c = modelConfig();
  return lm.downloadModel(id, {
    cache,
    signal,
    confirmAboveBytes: c.allowed?.includes(id) ? undefined : c.confirmAboveBytes,
    onProgress: (p) => progress(0.8 * p.fraction, `downloading ${id}: ${p.file}`),
  });
}

export const sparseGenerate: FunctionDef = {
  name: 'SparseGenerate',
  category: 'gpu',
  doc: 'Greedy text generation on this app’s own WGSL transformer, with sparse attention: the prefill pattern and compression, dense or Quest decode (The Sparse Frontier). Model: the shipped recall-llama or a GPT-2/Llama safetensors id from the hub.',
  inputs: [{ name: 'prompt', type: 'Text' }],
  outputs: [
    { name: 'text', type: 'Text', doc: 'the generated tokens, decoded' },
    { name: 'density', type: 'Number', doc: 'share of attention blocks the prefill computed (1 = dense)' },
  ],
  params: [
    { name: 'model', type: 'string', default: SHIPPED_LM, doc: `"${SHIPPED_LM}" (ships with the app) or a Hugging Face id (safetensors)` },
    { name: 'prefill', type: 'choice', choices: [...PATTERNS], default: 'dense', doc: 'prefill attention pattern' },
    { name: 'compression', type: 'number', min: 1, max: 64, default: 4, doc: 'sparse prefill: 1 / share of key blocks kept' },
    {
      name: 'decode',
      type: 'choice',
      choices: ['dense', 'quest'],
      default: 'dense',
      doc: 'decode attention: dense or Quest page selection',
    },
    { name: 'pageBudget', type: 'number', integer: true, min: 1, max: 1024, default: 4, doc: 'Quest: pages of the KV cache read per step' },
    { name: 'maxTokens', type: 'number', integer: true, min: 1, max: 512, default: 16 },
  ],
  example:
    'p = TextInput(text="<s> k1 v4 w3 k7 v2 w9 k3 v9 Q k7")\ng = SparseGenerate(prefill="block-topk", compression=2, maxTokens=1)\np.text -> g.prompt',
  async run(inputs, params, ctx) {
    const prompt = inputOf(inputs, 'prompt', 'Text').text;
    const id = paramOf(params, 'model', 'string').trim() || SHIPPED_LM;
    const gpu = await workflowGpu();
    if (!gpu) throw new Error('SparseGenerate needs WebGPU (its kernels are WGSL); this browser has no adapter');
    const lm = await import('../../../lm');
    if (current?.id !== id) {
      current?.model.destroy();
      current = undefined;
      const files = await modelFiles(id, ctx.signal, ctx.progress);
      ctx.progress(0.85, `loading ${id} onto the GPU`);
      const { config, weights, tokenizer } = lm.loadModelFiles(files);
      if (!tokenizer) throw new PortError(`${id} has no tokenizer.json: SparseGenerate needs one to read the prompt`, 'prompt');
      const model = await lm.LmModel.load(gpu, config, weights, { capacity: Math.min(config.maxPositions, 2048) });
      current = { id, model, tokenizer };
    }
    const { model, tokenizer } = current;
    const ids = tokenizer.encode(prompt);
    if (!ids.length) throw new PortError('the prompt is empty', 'prompt');
    const maxTokens = paramOf(params, 'maxTokens', 'number');
    if (ids.length + maxTokens > model.capacity)
      throw new PortError(
        `the prompt is ${ids.length} tokens; with ${maxTokens} new ones that exceeds the ${model.capacity}-token cache`,
        'prompt',
      );
    const pattern = paramOf(params, 'prefill', 'string') as (typeof PATTERNS)[number];
    ctx.progress(0.9, `generating on ${id}`);
    const gen = await lm.generateGreedy(model, ids, {
      maxNewTokens: maxTokens,
      eos: tokenizer.eos,
      signal: ctx.signal,
      prefill:
        pattern === 'dense' ? { kind: 'dense' } : { kind: 'block-sparse', pattern, compression: paramOf(params, 'compression', 'number') },
      decode:
        paramOf(params, 'decode', 'string') === 'quest'
          ? { kind: 'quest', pageBudget: paramOf(params, 'pageBudget', 'number') }
          : { kind: 'dense' },
    });
    ctx.markGpu(gen.prefillMs + gen.decodeMs);
    const tokens = gen.tokens.filter((t) => !tokenizer.eos.includes(t));
    return { text: { type: 'Text', text: tokenizer.decode(tokens) }, density: { type: 'Number', value: gen.prefillDensity } };
  },
};

registerFunction(sparseGenerate);
