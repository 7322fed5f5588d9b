/**
 * Serves Pyodide's runtime from this app, never a CDN: the files the browser needs (loader, wasm module,
 * standard library, package lock) are copied from node_modules/pyodide into `dist/pyodide/` at build time
 * and served from `/pyodide/` by the dev server. The paper → code Python worker loads them from there.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

export const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];
const dir = path.resolve('node_modules/pyodide');
const types: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.json': 'application/json',
};

export function pyodideAssets(): Plugin {
  return {
    name: 'pyodide-assets',
    configureServer(server) {
      server.middlewares.use('/pyodide', (req, res, next) => {
        const name = (req.url ?? '').replace(/^\//, '').split('?')[0];
        if (!PYODIDE_FILES.includes(name)) return next();
        res.setHeader('content-type', types[path.extname(name)] ?? 'application/octet-stream');
        fs.createReadStream(path.join(dir, name)).pipe(res);
      });
    },
    generateBundle() {
      for (const name of PYODIDE_FILES)
        this.emitFile({ type: 'asset', fileName: `pyodide/${name}`, source: fs.readFileSync(path.join(dir, name)) });
    },
  };
}
