/**
 * The onnxruntime-web peer's own worker: ORT's wasm and its WebGPU device live here, away from the page
 * and from the GPU worker's device. Started by `src/attention/bench/ort-client.ts`.
 */
import * as Comlink from 'comlink';
import { outcome } from '../src/worker/outcome';
import { runOrtPeer, type AttentionInputs, type OrtPeerName } from '../src/attention/bench/ort-peer';
import type { BenchShape } from '../src/attention/bench/shape';
import type { TimingOptions } from '../src/attention/bench/timing';
import { meterGpuTimings } from '../src/energy';

// ORT's wall-clock GPU time reaches the header meter.
meterGpuTimings();

const api = {
  runPeer(name: OrtPeerName, shape: BenchShape, inputs: AttentionInputs, timing: TimingOptions) {
    return outcome(() => runOrtPeer(name, shape, inputs, timing));
  },
};

export type OrtWorkerApi = typeof api;
Comlink.expose(api);
