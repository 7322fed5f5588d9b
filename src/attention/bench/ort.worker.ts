/**
 * The onnxruntime-web peer's own worker: ORT's wasm and its WebGPU device live here, away from the page
 * and from the GPU worker's device. Started by `ort-client.ts`.
 */
import * as Comlink from 'comlink';
import { outcome } from '../../gpu/outcome';
import { runOrtPeer, type AttentionInputs, type OrtPeerName } from './ort-peer';
import type { BenchShape } from './shape';
import type { TimingOptions } from './timing';

const api = {
  runPeer(name: OrtPeerName, shape: BenchShape, inputs: AttentionInputs, timing: TimingOptions) {
    return outcome(() => runOrtPeer(name, shape, inputs, timing));
  },
};

export type OrtWorkerApi = typeof api;
Comlink.expose(api);
