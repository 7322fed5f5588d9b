/**
 * A CORS front for a local test server: answers the browser's preflight (OPTIONS) itself and forwards every
 * other request to `target`, adding `access-control-allow-origin: *`, so a page served on another port can call
 * a local server (e.g. tests/unit/llm/openai-server.ts) as it would call a real OpenAI-compatible endpoint.
 *
 * Example:
 *   const llm = await startOpenAiServer(() => ({ content: 'hi' }));
 *   const front = await startCorsProxy(llm.baseUrl);   // front.baseUrl: 'http://127.0.0.1:<port>/v1'
 *   await front.close(); await llm.close();
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization',
};

export async function startCorsProxy(target: string): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const to = new URL(target);
  const server = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      return res.end();
    }
    const upstream = http.request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, { ...up.headers, ...CORS });
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${to.pathname}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
