/**
 * Chat with a small instruct model through @huggingface/transformers (text-generation + the model's chat
 * template). Framework-free: it runs inside `workers/llm.worker.ts` in the browser (WebGPU or wasm) and
 * directly in Node (onnxruntime-node, device 'cpu') for tests. Loaded pipelines are kept per model/device/dtype.
 *
 * Example (Node):
 *   const engine = new TransformersEngine({ modelId: 'tiny-random-chat', device: 'cpu', dtype: 'fp32', localModelPath: '/tmp/models/' });
 *   await engine.load((p) => console.log(p.fraction));
 *   const text = await engine.chat([{ role: 'user', content: 'hi' }], { maxTokens: 8 }, (t) => process.stdout.write(t));
 */
import {
  LogitsProcessor,
  LogitsProcessorList,
  TextStreamer,
  random,
  type Tensor,
  type TextGenerationPipeline,
} from '@huggingface/transformers';
import { ConstrainedRun, TokenTrie, tokenBytes, type ByteConstraint } from './constrained-decoding';
import { loadModel } from './model-loader';
import type { ChatMessage, LoadProgress } from './types';

export type TransformersDevice = 'webgpu' | 'wasm' | 'cpu' | 'auto';

export interface TransformersConfig {
  /** A Hugging Face model id (e.g. `HuggingFaceTB/SmolLM2-135M-Instruct`) or a folder name under localModelPath. */
  modelId: string;
  device: TransformersDevice;
  /** 'fp32', 'fp16', 'q8', 'q4', 'q4f16' …; omitted or '': the catalogue's choice for the device (src/llm/catalogue.ts). */
  dtype?: string;
  /**
   * Load only from this folder or URL (no Hugging Face hub): `env.localModelPath = …; env.allowRemoteModels = false`.
   * Omitted: download from the hub into the browser cache.
   */
  localModelPath?: string;
  /** URLs of onnxruntime-web's wasm factory and binary, served by this app (never a CDN). Browser only. */
  wasmPaths?: { mjs: string; wasm: string };
}

export interface GenerateOptions {
  maxTokens?: number;
  temperature?: number;
  /** Seeds transformers.js's sampler (temperature > 0) so a sample can be repeated. */
  seed?: number;
}

/** What a tokenizer exposes that constrained decoding needs (transformers.js's PreTrainedTokenizer has it). */
interface VocabularySource {
  get_vocab(): Map<string, number> | Record<string, number>;
  all_special_ids: number[];
  _tokenizerJSON?: { decoder?: { type?: string; decoders?: { type?: string }[] } };
}

const tries = new WeakMap<object, TokenTrie>();

/** The token trie of a tokenizer, built once (Qwen's 151k tokens: see BENCHMARKS.md for the time). */
export function tokenTrieOf(tokenizer: VocabularySource): TokenTrie {
  let trie = tries.get(tokenizer);
  if (!trie) {
    const vocab = tokenizer.get_vocab();
    const entries = vocab instanceof Map ? [...vocab] : Object.entries(vocab);
    const size = Math.max(...entries.map(([, id]) => id)) + 1;
    const decoder = tokenizer._tokenizerJSON?.decoder;
    const byteLevel = decoder?.type === 'ByteLevel' || Boolean(decoder?.decoders?.some((d) => d.type === 'ByteLevel'));
    trie = TokenTrie.build(tokenBytes(entries, size, tokenizer.all_special_ids, byteLevel));
    tries.set(tokenizer, trie);
  }
  return trie;
}

/** transformers.js's hook into sampling: masks the logits of batch row 0 before each token. */
class GrammarLogits extends LogitsProcessor {
  constructor(private readonly run: ConstrainedRun) {
    super();
  }
  // The base class declares `void`, but LogitsProcessorList passes the return value on: return the tensor.
  override _call(_inputIds: bigint[][], logits: Tensor): void {
    // logits: [batch, vocab]; row 0 is a view into the same data (the library's own processors write it so).
    const row = (logits as unknown as Record<number, Tensor>)[0];
    this.run.mask(row.data as Float32Array);
    return logits as unknown as void;
  }
}

export interface ChatResult {
  text: string;
  /** Number of new tokens generated. */
  tokens: number;
  /** Under a constraint: whether the output ended where the constraint accepts an end. */
  constrained?: { complete: boolean };
}

export { DEFAULT_MODEL_ID } from './defaults';

export function configKey(c: TransformersConfig): string {
  return `${c.localModelPath ?? 'hub'}|${c.modelId}|${c.device}|${c.dtype ?? 'auto'}`;
}

export interface EngineLoadOptions {
  signal?: AbortSignal;
  onStatus?: (message: string) => void;
  /** Refuse (LlmError 'confirm') above this many bytes to download. */
  confirmAboveBytes?: number;
}

export class TransformersEngine {
  private generator: Promise<TextGenerationPipeline> | undefined;
  /** Where and how the model actually runs, once loaded (after any fallback). */
  loaded: { device: string; dtype: string; note?: string } | undefined;

  constructor(readonly config: TransformersConfig) {}

  /** Downloads (or reads from the browser cache) and compiles the model; progress ends at fraction 1. */
  load(onProgress: (p: LoadProgress) => void = () => {}, opts: EngineLoadOptions = {}): Promise<TextGenerationPipeline> {
    this.generator ??= (async () => {
      try {
        const m = await loadModel({ ...this.config, task: 'text-generation' }, { ...opts, onProgress });
        this.loaded = { device: m.device, dtype: m.dtype, note: m.note };
        return m.pipeline as unknown as TextGenerationPipeline;
      } catch (e) {
        this.generator = undefined; // a failed load can be retried (e.g. after fixing the model id)
        throw e;
      }
    })();
    return this.generator;
  }

  /**
   * One answer. With `constraint`, every token is drawn only from those the constraint accepts (see
   * ./constrained-decoding.ts) and the text is exactly the accepted bytes.
   */
  async chat(
    messages: ChatMessage[],
    opts: GenerateOptions = {},
    onToken?: (text: string) => void,
    constraint?: ByteConstraint,
  ): Promise<ChatResult> {
    const generator = await this.load();
    const maxTokens = opts.maxTokens ?? 256;
    const eos = generator.model.generation_config?.eos_token_id ?? generator.tokenizer.eos_token_id;
    const run = constraint
      ? new ConstrainedRun(tokenTrieOf(generator.tokenizer as unknown as VocabularySource), constraint, {
          eosIds: (Array.isArray(eos) ? eos : [eos]).filter((id): id is number => typeof id === 'number'),
          maxTokens,
        })
      : undefined;
    let tokens = 0;
    const streamer = new TextStreamer(generator.tokenizer, {
      skip_prompt: true,
      skip_special_tokens: true,
      callback_function: (t: string) => onToken?.(t),
      token_callback_function: (ids: bigint[]) => {
        tokens++;
        for (const id of ids) run?.accept(Number(id));
      },
    });
    const temperature = opts.temperature ?? 0;
    if (temperature > 0 && opts.seed !== undefined) random.seed(opts.seed);
    let processors: LogitsProcessorList | undefined;
    if (run) {
      processors = new LogitsProcessorList();
      processors.push(new GrammarLogits(run));
    }
    const out = (await generator(messages, {
      max_new_tokens: maxTokens,
      do_sample: temperature > 0,
      ...(temperature > 0 ? { temperature } : {}),
      ...(processors ? { logits_processor: processors } : {}),
      streamer,
    })) as unknown as { generated_text: ChatMessage[] | string }[];
    if (run) return { text: run.text(), tokens, constrained: { complete: run.canEnd() } };
    const generated = out[0]?.generated_text;
    const text = Array.isArray(generated) ? (generated.at(-1)?.content ?? '') : String(generated ?? '');
    return { text, tokens };
  }

  async dispose(): Promise<void> {
    const g = await this.generator?.catch(() => undefined);
    this.generator = undefined;
    await g?.dispose();
  }
}
