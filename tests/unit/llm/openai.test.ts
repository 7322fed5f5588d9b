// The OpenAI-compatible backend against a local server speaking the real protocol (JSON and SSE).
import { afterEach, expect, test } from 'vitest';
import { openAiCompatible } from '../../../src/llm/openai';
import { LlmError } from '../../../src/llm/errors';
import { startOpenAiServer, type OpenAiServer } from './openai-server';

let server: OpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test('non-streaming: sends model, messages, limits and the key; returns the message content', async () => {
  server = await startOpenAiServer(() => ({ content: 'x = TextInput(text="hi")' }));
  const llm = openAiCompatible({ baseUrl: `${server.baseUrl}/`, apiKey: 'sk-test', model: 'tiny' });
  const text = await llm.chat(
    [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'plan' },
    ],
    { maxTokens: 64, temperature: 0 },
  );
  expect(text).toBe('x = TextInput(text="hi")');
  const [req] = server.requests;
  expect(req.path).toBe('/v1/chat/completions');
  expect(req.authorization).toBe('Bearer sk-test');
  expect(req).toMatchObject({ model: 'tiny', stream: false, max_tokens: 64, temperature: 0 });
  expect(req.messages.map((m) => m.role)).toEqual(['system', 'user']);
  expect(llm.id).toBe('openai:tiny');
});

test('streaming: SSE deltas arrive through onToken and add up to the answer', async () => {
  const answer = 'img = LoadImage(source="cat.jpg")\ntoon = Cartoonize()';
  server = await startOpenAiServer(() => ({ content: answer, chunkSize: 4 }));
  const llm = openAiCompatible({ baseUrl: server.baseUrl, model: 'tiny' });
  const tokens: string[] = [];
  const text = await llm.chat([{ role: 'user', content: 'plan' }], { onToken: (t) => tokens.push(t) });
  expect(text).toBe(answer);
  expect(tokens.length).toBe(Math.ceil(answer.length / 4));
  expect(tokens.join('')).toBe(answer);
  expect(server.requests[0].stream).toBe(true);
  expect(server.requests[0].authorization).toBeUndefined();
});

test('HTTP errors name the status and quote the server message', async () => {
  server = await startOpenAiServer(() => ({
    status: 401,
    body: JSON.stringify({ error: { message: 'Incorrect API key provided: sk-bad' } }),
  }));
  const llm = openAiCompatible({ baseUrl: server.baseUrl, apiKey: 'sk-bad', model: 'tiny' });
  const err = await llm.chat([{ role: 'user', content: 'x' }]).catch((e) => e);
  expect(err).toBeInstanceOf(LlmError);
  expect(err.kind).toBe('http');
  expect(err.status).toBe(401);
  expect(err.message).toMatch(/HTTP 401 .*Incorrect API key provided/);
});

test('a non-JSON body and a JSON body without choices are "malformed", with an excerpt', async () => {
  server = await startOpenAiServer((_, i) =>
    i === 0 ? { raw: '<html>gateway</html>', contentType: 'text/html' } : { raw: '{"choices": []}' },
  );
  const llm = openAiCompatible({ baseUrl: server.baseUrl, model: 'tiny' });
  const a = await llm.chat([{ role: 'user', content: 'x' }]).catch((e) => e);
  expect(a).toMatchObject({ kind: 'malformed' });
  expect(a.message).toContain('<html>gateway</html>');
  const b = await llm.chat([{ role: 'user', content: 'x' }]).catch((e) => e);
  expect(b).toMatchObject({ kind: 'malformed' });
  expect(b.message).toContain('choices[0].message.content');
});

test('a broken stream event is "malformed"; an error event mid-stream is reported', async () => {
  server = await startOpenAiServer((_, i) =>
    i === 0
      ? { raw: 'data: {"choices":[{"delta":{"content":"ok"}}]}\n\ndata: {not json\n\n', contentType: 'text/event-stream' }
      : { raw: 'data: {"error":{"message":"model overloaded"}}\n\n', contentType: 'text/event-stream' },
  );
  const llm = openAiCompatible({ baseUrl: server.baseUrl, model: 'tiny' });
  const a = await llm.chat([{ role: 'user', content: 'x' }], { onToken: () => {} }).catch((e) => e);
  expect(a).toMatchObject({ kind: 'malformed' });
  expect(a.message).toContain('{not json');
  const b = await llm.chat([{ role: 'user', content: 'x' }], { onToken: () => {} }).catch((e) => e);
  expect(b.message).toContain('model overloaded');
});

test('network failures say which URL could not be reached', async () => {
  server = await startOpenAiServer(() => ({ destroy: true }));
  const llm = openAiCompatible({ baseUrl: server.baseUrl, model: 'tiny' });
  const a = await llm.chat([{ role: 'user', content: 'x' }]).catch((e) => e);
  expect(a).toMatchObject({ kind: 'network' });
  expect(a.message).toContain(`Could not reach ${server.baseUrl}/chat/completions`);
  const closed = openAiCompatible({ baseUrl: 'http://127.0.0.1:9/v1', model: 'tiny' });
  await expect(closed.chat([{ role: 'user', content: 'x' }])).rejects.toMatchObject({ kind: 'network' });
  await expect(openAiCompatible({ baseUrl: 'localhost:8080', model: 'm' }).chat([])).rejects.toThrow(/must start with http/);
});

test('cancelling with an AbortSignal rejects as "aborted"', async () => {
  server = await startOpenAiServer(() => ({ content: 'late' }));
  const llm = openAiCompatible({ baseUrl: server.baseUrl, model: 'tiny' });
  const ctrl = new AbortController();
  ctrl.abort();
  await expect(llm.chat([{ role: 'user', content: 'x' }], { signal: ctrl.signal })).rejects.toMatchObject({ kind: 'aborted' });
});
