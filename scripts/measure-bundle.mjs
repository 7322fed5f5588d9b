#!/usr/bin/env node
// Page-load budget of a built dist/: the gzipped size of the JavaScript index.html loads eagerly (its module
// entry and every chunk it modulepreloads, i.e. what a first visit downloads before anything shows) and the
// size of dist/ on disk. `node scripts/measure-bundle.mjs [dist] [--json] [--check]`; --check exits 1 when a
// budget is exceeded. tests/unit/bundle-budget.test.ts runs the same check on a fresh build.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

// dist/pyodide is the Paper → code tab's Python runtime (Pyodide's wasm + standard library, fetched only when a
// user runs Python there). It has a budget of its own beside the app's, so that the app's 35 MB stays a
// measure of the app; the total is printed too.
export const PYTHON_RUNTIME_DIR = 'pyodide';
export const BUDGET = { initialJsGzipBytes: 150 * 1024, distBytes: 35 * 1024 * 1024, pythonRuntimeBytes: 14 * 1024 * 1024 };

/** The JS files index.html loads before any user action: module scripts and modulepreload links. */
export function eagerScripts(html) {
  const urls = new Set();
  for (const m of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) urls.add(m[1]);
  return [...urls];
}

function dirBytes(dir, skip = '') {
  let total = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (p === skip) continue;
    total += e.isDirectory() ? dirBytes(p) : fs.statSync(p).size;
  }
  return total;
}

export function measureBundle(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = eagerScripts(html).map((url) => {
    const bytes = fs.readFileSync(path.join(dist, url.replace(/^\.?\//, '')));
    return { file: url, bytes: bytes.length, gzipBytes: zlib.gzipSync(bytes, { level: 9 }).length };
  });
  const initialJsGzipBytes = files.reduce((s, f) => s + f.gzipBytes, 0);
  const initialJsBytes = files.reduce((s, f) => s + f.bytes, 0);
  const pythonDir = path.join(dist, PYTHON_RUNTIME_DIR);
  const distBytes = dirBytes(dist, pythonDir);
  const pythonRuntimeBytes = dirBytes(pythonDir);
  const totalBytes = distBytes + pythonRuntimeBytes;
  const problems = [];
  if (files.length === 0) problems.push('index.html loads no module script (is this a built dist/?)');
  if (initialJsGzipBytes > BUDGET.initialJsGzipBytes) {
    problems.push(
      `initial JS is ${(initialJsGzipBytes / 1024).toFixed(1)} KB gzipped, over the ${BUDGET.initialJsGzipBytes / 1024} KB budget`,
    );
  }
  if (distBytes > BUDGET.distBytes) {
    problems.push(
      `dist/ (without ${PYTHON_RUNTIME_DIR}/) is ${(distBytes / 2 ** 20).toFixed(1)} MB, over the ${BUDGET.distBytes / 2 ** 20} MB budget`,
    );
  }
  if (pythonRuntimeBytes > BUDGET.pythonRuntimeBytes) {
    problems.push(
      `dist/${PYTHON_RUNTIME_DIR}/ is ${(pythonRuntimeBytes / 2 ** 20).toFixed(1)} MB, over the ${BUDGET.pythonRuntimeBytes / 2 ** 20} MB budget`,
    );
  }
  return { files, initialJsBytes, initialJsGzipBytes, distBytes, pythonRuntimeBytes, totalBytes, budget: BUDGET, problems };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
  const r = measureBundle(dist);
  if (args.includes('--json')) console.log(JSON.stringify(r, null, 2));
  else {
    for (const f of r.files) console.log(`${f.file}: ${(f.bytes / 1024).toFixed(1)} KB, ${(f.gzipBytes / 1024).toFixed(1)} KB gzipped`);
    console.log(
      `initial JS: ${(r.initialJsGzipBytes / 1024).toFixed(1)} KB gzipped (${(r.initialJsBytes / 1024).toFixed(1)} KB raw; budget ${BUDGET.initialJsGzipBytes / 1024} KB)`,
    );
    console.log(`dist/ without ${PYTHON_RUNTIME_DIR}/: ${(r.distBytes / 2 ** 20).toFixed(1)} MB (budget ${BUDGET.distBytes / 2 ** 20} MB)`);
    console.log(
      `dist/${PYTHON_RUNTIME_DIR}/ (Python runtime): ${(r.pythonRuntimeBytes / 2 ** 20).toFixed(1)} MB (budget ${BUDGET.pythonRuntimeBytes / 2 ** 20} MB)`,
    );
    console.log(`dist/ in all: ${(r.totalBytes / 2 ** 20).toFixed(1)} MB`);
    for (const p of r.problems) console.log(`OVER BUDGET: ${p}`);
  }
  if (args.includes('--check') && r.problems.length) process.exit(1);
}
