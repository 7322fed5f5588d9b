/**
 * The Node sandbox (worker_thread side): the same `QuickJsEngine` as the page's worker, so programs run in a
 * fresh QuickJS (WebAssembly) runtime with memory, stack and time limits, never in this thread's V8 realm.
 * The wasm binary's path comes from the host (`workerData.wasmPath`): this file is bundled to a temporary folder.
 * Bundled and started by `node-sandbox.ts`.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import releaseSync from '@jitl/quickjs-wasmfile-release-sync';
import { makeAffordanceLib } from './lib';
import { serveSandbox } from './quickjs-engine';

const port = parentPort!;
const wasmBinary = fs.readFileSync((workerData as { wasmPath: string }).wasmPath);
serveSandbox(
  releaseSync,
  { wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) as ArrayBuffer },
  makeAffordanceLib(),
  (m) => port.postMessage(m),
  (cb) => port.on('message', cb),
);
