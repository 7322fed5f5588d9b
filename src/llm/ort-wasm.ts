/**
 * The app's one onnxruntime-web (the exact version @huggingface/transformers is built against; package.json
 * pins the same, so npm installs a single copy): the URLs of its wasm factory and binary, emitted into dist/
 * by Vite and served by this app, never fetched from a CDN. transformers.js (LLM worker, workflow model
 * functions) and the attention bench's ORT peer all point onnxruntime at these.
 *
 * Example:
 *   import { ORT_WASM } from '../llm/ort-wasm';
 *   ort.env.wasm.wasmPaths = { mjs: ORT_WASM.mjs, wasm: ORT_WASM.wasm };
 */
import mjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import wasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

export const ORT_WASM = { mjs, wasm } as const;
