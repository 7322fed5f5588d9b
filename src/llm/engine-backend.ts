/**
 * An `LlmBackend` over a `TransformersEngine` in the same thread: for Node (CLI, benchmark, tests) where there
 * is no page to protect. The browser uses `transformersBackend`, which runs the same engine in a worker.
 *
 * Example (Node):
 *   const llm = engineBackend(new TransformersEngine({ modelId: 'onnx-community/Qwen2.5-0.5B-Instruct', device: 'cpu', dtype: 'q8' }));
 *   await llm.chat([{ role: 'user', content: 'hi' }], { maxTokens: 16 });
 */
import type { TransformersEngine } from './transformers-engine';
import type { ChatMessage, ChatOptions, LlmBackend } from './types';
import { LlmError } from './errors';

export function engineBackend(engine: TransformersEngine): LlmBackend {
  return {
    id: `transformers:${engine.config.modelId}`,
    label: `${engine.config.modelId} (${engine.config.device})`,
    async chat(messages: ChatMessage[], opts: ChatOptions = {}): Promise<string> {
      if (opts.signal?.aborted) throw new LlmError('aborted', 'The request was cancelled');
      const r = await engine.chat(messages, { maxTokens: opts.maxTokens, temperature: opts.temperature }, opts.onToken);
      return r.text;
    },
  };
}
