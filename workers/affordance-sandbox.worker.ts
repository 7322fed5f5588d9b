/**
 * The page's sandbox for generated affordance programs (see `src/webnav/affordance/sandbox.ts`, the host).
 * Programs never run in this worker's JavaScript realm: `QuickJsEngine` runs each one in a fresh QuickJS
 * (WebAssembly) runtime with memory, stack and time limits; the perception library runs here, called with
 * plain data. The wasm binary is bundled by Vite as an asset of the app (no CDN).
 * Protocol: the worker posts 'ready'; the host posts `SandboxRequest`s, the worker answers `SandboxResponse`s.
 */
import releaseSync from '@jitl/quickjs-wasmfile-release-sync';
import wasmLocation from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import { makeAffordanceLib } from '../src/webnav/affordance/lib';
import { serveSandbox } from '../src/webnav/affordance/quickjs-engine';

const scope = self as unknown as DedicatedWorkerGlobalScope;
serveSandbox(
  releaseSync,
  { wasmLocation },
  makeAffordanceLib(),
  (m) => scope.postMessage(m),
  (cb) => scope.addEventListener('message', (ev: MessageEvent) => cb(ev.data)),
);
