/**
 * An `LlmBackend` over a `TransformersEngine` in the same thread: for Node (CLI, benchmark, tests) where there
 * is no page to protect. The browser uses `transformersBackend`, which runs the same engine in a worker.
 *
 * Example (Node):
 *   const llm = engineBackend(new TransformersEngine({ modelId: 'onnx-community/Qwen2.5-0.5B-Instruct', device: 'cpu', dtype: 'q8' }));
 *   await llm.chat([{ role: 'user', content: 'hi' }], { maxTokens: 16 });
 *   // Constrained: engineBackend(engine, PLANNER_GRAMMARS).chat(messages, { grammar: programGrammar(registry) })
 */
import type { TransformersEngine } from './transformers-engine';
import type { ChatMessage, ChatOptions, LlmBackend } from './types';
import { LlmError } from './errors';
import { constraintFor, type GrammarFactories } from './constrained-decoding';

/** `grammars`: the grammars this backend can decode under (e.g. the workflow planner's), by `GrammarSpec.kind`. */
export function engineBackend(engine: TransformersEngine, grammars?: GrammarFactories): LlmBackend {
  return {
    id: `transformers:${engine.config.modelId}`,
    label: `${engine.config.modelId} (${engine.config.device})`,
    grammar: Boolean(grammars),
    async chat(messages: ChatMessage[], opts: ChatOptions = {}): Promise<string> {
      if (opts.signal?.aborted) throw new LlmError('aborted', 'The request was cancelled');
      const constraint = opts.grammar && grammars ? constraintFor(opts.grammar, grammars) : undefined;
      const gen = { maxTokens: opts.maxTokens, temperature: opts.temperature, seed: opts.seed };
      const r = await engine.chat(messages, gen, opts.onToken, constraint);
      return r.text;
    },
  };
}
