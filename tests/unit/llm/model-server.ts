/**
 * A model mirror on 127.0.0.1 for tests, speaking what transformers.js needs from the hub: files under
 * `/models/<modelId>/<file>` with content-length, Range requests (206 + content-range, how sizes are measured),
 * CORS. It behaves like the hub when things go wrong: a missing file is 404; a missing repository is 401 with
 * `x-error-code: RepoNotFound`; a model under `gated/` is 401 `GatedRepo`. Test knobs: throttle a file (bytes per
 * second), drop the connection half-way through a file's next N downloads, serve garbage for a file. Every request
 * is recorded.
 *
 * Example:
 *   const srv = await startModelServer(dir);        // dir holds tiny-random-chat/…
 *   srv.throttle.set('onnx/model_quantized.onnx', 40_000);
 *   srv.requests.filter((r) => r.path.endsWith('.onnx') && !r.range)  // full downloads
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export interface ServedRequest {
  path: string;
  range?: string;
  status: number;
}

export interface ModelServer {
  /** `http://127.0.0.1:<port>/models/` */
  url: string;
  requests: ServedRequest[];
  /** file suffix → bytes per second */
  throttle: Map<string, number>;
  /** file suffix → how many more downloads of it break off half-way */
  breakMidway: Map<string, number>;
  /** file suffix → served as these bytes instead */
  replace: Map<string, Uint8Array>;
  /** Full (non-Range) downloads whose path ends with `suffix`. */
  downloads(suffix: string): number;
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-expose-headers': 'content-length, content-range, x-error-code',
};

export async function startModelServer(root: string): Promise<ModelServer> {
  const requests: ServedRequest[] = [];
  const throttle = new Map<string, number>();
  const breakMidway = new Map<string, number>();
  const replace = new Map<string, Uint8Array>();
  const match = <T>(m: Map<string, T>, p: string) => [...m.keys()].find((k) => p.endsWith(k));

  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/models\//, '');
    const range = req.headers.range;
    const answer = (status: number, headers: Record<string, string | number>, body?: Uint8Array | string) => {
      requests.push({ path: rel, range, status });
      res.writeHead(status, { ...CORS, ...headers });
      res.end(body);
    };
    if (req.method === 'OPTIONS') return answer(204, {});
    const parts = rel.split('/');
    const repoDepth = parts[0] === 'gated' || (parts.length > 2 && fs.existsSync(path.join(root, parts[0], parts[1]))) ? 2 : 1;
    const repo = path.join(root, ...parts.slice(0, repoDepth));
    if (parts[0] === 'gated')
      return answer(
        401,
        { 'x-error-code': 'GatedRepo' },
        'Access to model is restricted. You must have access to it and be authenticated.',
      );
    if (!fs.existsSync(repo)) return answer(401, { 'x-error-code': 'RepoNotFound' }, 'Repository not found');
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory())
      return answer(404, { 'x-error-code': 'EntryNotFound' }, 'Entry not found');
    const swap = match(replace, rel);
    const body = swap ? replace.get(swap)! : new Uint8Array(fs.readFileSync(file));
    const type = { 'content-type': 'application/octet-stream' };
    const m = range && /bytes=(\d+)-(\d+)/.exec(range);
    if (m) {
      const start = Number(m[1]);
      const end = Math.min(Number(m[2]), body.length - 1);
      return answer(
        206,
        {
          ...type,
          'content-length': end - start + 1,
          'content-range': `bytes ${start}-${end}/${body.length}`,
        },
        body.subarray(start, end + 1),
      );
    }
    requests.push({ path: rel, status: 200 });
    res.writeHead(200, { ...CORS, ...type, 'content-length': body.length });
    const rate = throttle.get(match(throttle, rel) ?? '');
    const brk = match(breakMidway, rel);
    const stopAt = brk && breakMidway.get(brk)! > 0 ? Math.floor(body.length / 2) : body.length;
    if (brk && stopAt < body.length) breakMidway.set(brk, breakMidway.get(brk)! - 1);
    if (!rate && stopAt === body.length) return res.end(body);
    // Chunks every 50 ms at the throttled rate; a broken download stops half-way and drops the connection.
    const chunk = rate ? Math.max(1, Math.floor(rate / 20)) : 16384;
    let sent = 0;
    const timer = setInterval(
      () => {
        if (res.destroyed) return clearInterval(timer);
        const next = Math.min(sent + chunk, stopAt);
        res.write(body.subarray(sent, next));
        sent = next;
        if (sent >= stopAt) {
          clearInterval(timer);
          if (stopAt < body.length) res.destroy();
          else res.end();
        }
      },
      rate ? 50 : 1,
    );
    req.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/models/`,
    requests,
    throttle,
    breakMidway,
    replace,
    downloads: (suffix) => requests.filter((r) => r.path.endsWith(suffix) && !r.range && r.status === 200).length,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
