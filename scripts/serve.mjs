#!/usr/bin/env node
// Static file server for the built app: `node scripts/serve.mjs dist [--port 4173] [--base /sub/path/]`.
// Serves only files under the root directory, with the right MIME types for .wasm and .mjs,
// and prints the URL. `--base` mounts the app under a sub-path, as a static host might.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webm': 'video/webm',
  '.onnx': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.wgsl': 'text/plain; charset=utf-8',
};

/**
 * Starts the server; resolves to { url, port, close() }. Port 0 picks a free port.
 * @param {{ root: string, port?: number, host?: string, base?: string }} opts
 */
export function startStaticServer({ root, port = 0, host = '127.0.0.1', base = '/' }) {
  const rootDir = path.resolve(root);
  const mount = base.endsWith('/') ? base : `${base}/`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' });
      return res.end('Bad request: malformed percent-encoding in the path');
    }
    if (!pathname.startsWith(mount)) {
      if (pathname === mount.slice(0, -1)) {
        res.writeHead(301, { location: mount });
        return res.end();
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end(`Not found: the app is served under ${mount}`);
    }
    pathname = pathname.slice(mount.length);
    // Decoded, resolved, then checked as a path *inside* rootDir: a bare prefix check would let
    // `/..%2fdist-secret/x` reach the sibling folder `dist-secret`.
    let file = path.resolve(rootDir, `.${path.sep}${pathname}`);
    const inside = path.relative(rootDir, file);
    if (pathname.includes('\0') || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
      res.writeHead(403, { 'content-type': 'text/plain' });
      return res.end('Forbidden: outside the served folder');
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end(`Not found: ${url.pathname}`);
    }
    res.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
      resolve({
        port: actual,
        url: `http://${host}:${actual}${mount}`,
        close: () => new Promise((r) => server.close(() => r(undefined))),
      });
    });
  });
}

async function main() {
  const args = process.argv.slice(2);
  const flag = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const root = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'dist';
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`No ${root}/index.html: run "npm run build" first.`);
    process.exit(1);
  }
  const wanted = Number(flag('--port', process.env.PORT ?? 4173));
  const base = flag('--base', '/');
  let server;
  try {
    server = await startStaticServer({ root, port: wanted, base });
  } catch (e) {
    if (e.code !== 'EADDRINUSE') throw e;
    server = await startStaticServer({ root, port: 0, base });
    console.log(`Port ${wanted} is busy; using ${server.port}.`);
  }
  console.log(`WebGPU Playground is running at ${server.url}  (Ctrl-C to stop)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
