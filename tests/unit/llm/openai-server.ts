/**
 * A local HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol (JSON and SSE), standing in
 * for a remote LLM API in tests. Each request's answer comes from `respond(request)`; requests are recorded.
 *
 * Example:
 *   const server = await startOpenAiServer(() => ({ content: 'hello' }));
 *   const llm = openAiCompatible({ baseUrl: server.baseUrl, model: 'test' });
 *   await llm.chat([{ role: 'user', content: 'hi' }]); // 'hello'
 *   await server.close();
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
  max_tokens?: number;
  temperature?: number;
  seed?: number;
  /** Structured output, e.g. `{ type: 'json_schema', json_schema: { name, schema } }`. */
  response_format?: { type: string; json_schema?: { name: string; schema: Record<string, unknown> } };
  /** The Authorization header, if any. */
  authorization?: string;
  path: string;
}

export type ServerAnswer =
  | { content: string; chunkSize?: number }
  | { status: number; body: string; contentType?: string }
  | { raw: string; contentType?: string }
  | { destroy: true };

export interface OpenAiServer {
  baseUrl: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

export interface ServerOptions {
  /**
   * Accept `response_format` (structured output). Without it the server answers such requests HTTP 400, as endpoints
   * without structured output do (e.g. "response_format is not supported"), without calling `respond`.
   */
  structuredOutput?: boolean;
}

/** The `usage` this server reports: characters / 4, rounded up (tests check the client passes these on). */
export function usageOf(request: Pick<ChatRequest, 'messages'>, content: string) {
  const prompt = request.messages.reduce((n, m) => n + Math.ceil(m.content.length / 4), 0);
  const completion = Math.ceil(content.length / 4);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

export function startOpenAiServer(
  respond: (req: ChatRequest, index: number) => ServerAnswer,
  options: ServerOptions = {},
): Promise<OpenAiServer> {
  const requests: ChatRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
      }
      const parsed = JSON.parse(body) as ChatRequest;
      const request: ChatRequest = { ...parsed, authorization: req.headers.authorization, path: req.url };
      requests.push(request);
      if (request.response_format && !options.structuredOutput) {
        res.writeHead(400, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: `response_format ${request.response_format.type} is not supported` } }));
      }
      const answer = respond(request, requests.length - 1);
      if ('destroy' in answer) return req.socket.destroy();
      if ('status' in answer) {
        res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' });
        return res.end(answer.body);
      }
      if ('raw' in answer) {
        res.writeHead(200, { 'content-type': answer.contentType ?? 'application/json' });
        return res.end(answer.raw);
      }
      const id = `chatcmpl-${requests.length}`;
      if (!request.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(
          JSON.stringify({
            id,
            object: 'chat.completion',
            created: 0,
            model: request.model,
            choices: [{ index: 0, message: { role: 'assistant', content: answer.content }, finish_reason: 'stop' }],
            // Counts as a server would report them (here: one token per 4 characters, rounded up).
            usage: usageOf(request, answer.content),
          }),
        );
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const size = answer.chunkSize ?? 3;
      const event = (delta: object, finish: string | null = null) =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: request.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.write(`: keep-alive\n\n${event({ role: 'assistant', content: '' })}`);
      for (let i = 0; i < answer.content.length; i += size) res.write(event({ content: answer.content.slice(i, i + size) }));
      res.write(event({}, 'stop'));
      res.end('data: [DONE]\n\n');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        baseUrl: `http://127.0.0.1:${port}/v1`,
        requests,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

/**
 * Which stage of the workflow planner's LLM pipeline (src/workflow/planner/llm.ts) a request belongs to, read
 * from its user message: the one place the scripted test servers know the planner's prompts.
 */
export function plannerStage(req: ChatRequest): 'analyse' | 'nodes' | 'link' | 'program' | 'repair' {
  const user = req.messages.at(-1)!.content;
  // Structured output: the whole program as JSON in one answer, or its repair.
  if (req.response_format) return user.includes('Errors:') ? 'repair' : 'program';
  if (user.includes('Write only the node lines')) return 'nodes';
  if (user.includes('Write only the connection lines')) return 'link';
  if (user.includes('PARADIGM:')) return 'analyse';
  return 'repair';
}
