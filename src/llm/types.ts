/**
 * The one interface every LLM backend implements, so the workflow planner, the affordance generator and
 * paper → code can use any of them: an in-browser model (transformers.js) or an OpenAI-compatible endpoint.
 *
 * Example:
 *   const llm: LlmBackend = openAiCompatible({ baseUrl: 'http://127.0.0.1:8080/v1', model: 'gpt-4o-mini' });
 *   const text = await llm.chat([{ role: 'user', content: 'Say hi' }], { maxTokens: 16 });
 */

import type { GrammarSpec } from './constrained-decoding';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatOptions {
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  /** Streamed text as it arrives, where the backend streams. */
  onToken?: (text: string) => void;
  /** Sampling seed (temperature > 0), so a sample can be repeated. */
  seed?: number;
  /** Decode under this grammar (backends with `grammar: true`): every token outside it is masked. */
  grammar?: GrammarSpec;
  /** Ask for JSON matching this schema (backends with `jsonSchema: true`: OpenAI `response_format: json_schema`). */
  jsonSchema?: { name: string; schema: object };
  /** Told the token counts the backend reports for this call (an endpoint's `usage`), when it reports them. */
  onUsage?: (usage: TokenUsage) => void;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface LlmBackend {
  /** Stable id, e.g. 'openai:gpt-4o-mini' or 'transformers:HuggingFaceTB/SmolLM2-135M-Instruct'. */
  id: string;
  label: string;
  chat(messages: ChatMessage[], opts?: ChatOptions): Promise<string>;
  /** Honours `ChatOptions.grammar` (constrained decoding of an in-browser/Node model). */
  grammar?: boolean;
  /** Sends `ChatOptions.jsonSchema` as structured output (the endpoint may still refuse it with HTTP 400). */
  jsonSchema?: boolean;
}

/** Model download progress, as transformers.js reports it, normalised for the UI. */
export interface LoadProgress {
  file: string;
  loaded: number;
  total: number;
  /** 0–1 over all files. */
  fraction: number;
  /** Download speed over the last few seconds, bytes per second (absent until measurable). */
  bytesPerSecond?: number;
  /** Time left at that speed, seconds. */
  secondsLeft?: number;
}
