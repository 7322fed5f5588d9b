/**
 * Any OpenAI-compatible chat endpoint (OpenAI, llama.cpp server, vLLM, Ollama, LM Studio …) through the
 * real `/v1/chat/completions` protocol: one JSON answer, or server-sent events when `onToken` is given.
 * The key goes only to `baseUrl`, in the `Authorization: Bearer` header.
 *
 * Example:
 *   const llm = openAiCompatible({ baseUrl: 'http://127.0.0.1:8080/v1', model: 'qwen2.5-0.5b-instruct' });
 *   const text = await llm.chat([{ role: 'user', content: 'Say hi' }], { maxTokens: 16, onToken: (t) => log(t) });
 */
import { LlmError, excerpt } from './errors';
import type { ChatMessage, ChatOptions, LlmBackend, TokenUsage } from './types';

export interface OpenAiCompatibleOptions {
  /** The API root, e.g. `https://api.openai.com/v1`; a full `…/chat/completions` URL is accepted too. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Injected for tests and non-browser hosts; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export function chatCompletionsUrl(baseUrl: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(trimmed)) throw new LlmError('network', `Endpoint URL must start with http:// or https:// (got "${baseUrl}")`);
  return trimmed.endsWith('/chat/completions') ? trimmed : `${trimmed}/chat/completions`;
}

export function openAiCompatible(options: OpenAiCompatibleOptions): LlmBackend {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  return {
    id: `openai:${options.model}`,
    label: `${options.model} at ${options.baseUrl}`,
    jsonSchema: true,
    async chat(messages: ChatMessage[], opts: ChatOptions = {}): Promise<string> {
      const url = chatCompletionsUrl(options.baseUrl);
      const stream = Boolean(opts.onToken);
      const body = {
        model: options.model,
        messages,
        stream,
        ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
        ...(opts.maxTokens !== undefined ? { max_tokens: opts.maxTokens } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        // Structured output; an endpoint without it answers HTTP 400 and the caller falls back to plain text.
        ...(opts.jsonSchema
          ? { response_format: { type: 'json_schema', json_schema: { name: opts.jsonSchema.name, schema: opts.jsonSchema.schema } } }
          : {}),
      };
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: stream ? 'text/event-stream' : 'application/json',
      };
      if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;

      let res: Response;
      try {
        res = await doFetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: opts.signal });
      } catch (e) {
        if (opts.signal?.aborted) throw new LlmError('aborted', 'The request was cancelled');
        throw new LlmError(
          'network',
          `Could not reach ${url}: ${e instanceof Error ? e.message : String(e)} (is the server running, and does it allow this origin (CORS)? In the page, the Content-Security-Policy admits endpoints on localhost and 127.0.0.1 only)`,
        );
      }
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        throw new LlmError(
          'http',
          `${url} answered HTTP ${res.status} ${res.statusText}: ${excerpt(errorMessageOf(text) ?? text) || '(empty body)'}`,
          res.status,
        );
      }
      try {
        return stream ? await readStream(res, url, opts.onToken!, opts.onUsage) : readCompletion(await res.text(), url, opts.onUsage);
      } catch (e) {
        if (opts.signal?.aborted) throw new LlmError('aborted', 'The request was cancelled');
        throw e;
      }
    },
  };
}

/** `{"error": {"message": …}}`, as OpenAI-compatible servers report errors. */
function errorMessageOf(text: string): string | undefined {
  try {
    const j = JSON.parse(text);
    const m = j?.error?.message ?? (typeof j?.error === 'string' ? j.error : undefined);
    return typeof m === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

function readCompletion(text: string, url: string, onUsage?: (u: TokenUsage) => void): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LlmError('malformed', `${url} did not answer JSON: ${excerpt(text) || '(empty body)'}`);
  }
  const content = (json as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') {
    const err = errorMessageOf(text);
    if (err) throw new LlmError('http', `${url} reported an error: ${excerpt(err)}`);
    throw new LlmError('malformed', `${url} answered without choices[0].message.content: ${excerpt(text)}`);
  }
  reportUsage(json, onUsage);
  return content;
}

/** OpenAI's `usage: {prompt_tokens, completion_tokens}`, passed on when both are counts. */
function reportUsage(json: unknown, onUsage?: (u: TokenUsage) => void): void {
  const u = (json as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } } | null)?.usage;
  if (onUsage && u && Number.isInteger(u.prompt_tokens) && Number.isInteger(u.completion_tokens))
    onUsage({ promptTokens: u.prompt_tokens as number, completionTokens: u.completion_tokens as number });
}

/** Reads `data: {…}` lines until `data: [DONE]` (or the end of the body), passing each delta to onToken. */
async function readStream(res: Response, url: string, onToken: (text: string) => void, onUsage?: (u: TokenUsage) => void): Promise<string> {
  if (!res.body) throw new LlmError('malformed', `${url} sent no body for a streamed answer`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let text = '';
  let done = false;
  const handleLine = (raw: string) => {
    const line = raw.replace(/\r$/, '');
    if (!line.startsWith('data:')) return; // comments (": keep-alive"), event:, id: lines
    const data = line.slice(5).trim();
    if (data === '[DONE]') {
      done = true;
      return;
    }
    let json: { choices?: { delta?: { content?: unknown } }[]; error?: unknown };
    try {
      json = JSON.parse(data);
    } catch {
      throw new LlmError('malformed', `${url} sent a stream event that is not JSON: ${excerpt(data)}`);
    }
    if (json.error) throw new LlmError('http', `${url} reported an error mid-stream: ${excerpt(errorMessageOf(data) ?? data)}`);
    reportUsage(json, onUsage); // servers that send it (usually the last chunk)
    const delta = json.choices?.[0]?.delta?.content;
    if (typeof delta === 'string' && delta.length > 0) {
      text += delta;
      onToken(delta);
    }
  };
  while (!done) {
    const { value, done: end } = await reader.read();
    if (end) break;
    buffer += value;
    let nl: number;
    while (!done && (nl = buffer.indexOf('\n')) >= 0) {
      handleLine(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  }
  if (!done && buffer.trim()) handleLine(buffer);
  if (done) await reader.cancel().catch(() => {});
  return text;
}
