/**
 * The onnxruntime-web peer: runs the same attention through ORT's WebGPU execution provider, as
 * (a) the com.microsoft MultiHeadAttention contrib op and (b) the plain MatMul–Softmax–MatMul graph,
 * on models built by `onnx-model.ts`. Browser (worker) only: ORT gets its own GPUDevice there.
 * The wasm is emitted by Vite into dist/ (the `?url` import), never fetched from a CDN.
 *
 * Timing: wall time of `session.run()` with inputs and outputs on the CPU (ORT's public API has no
 * GPU timestamps), median of repeats after warm-up; so it includes uploading Q, K, V and reading O back.
 *
 * Example (in a worker):
 *   const r = await runOrtPeer('ort-mha', shape, { q, k, v }, { warmup: 1, repeats: 3 });
 *   // { ms: 40.2, output: Float32Array [B,H,Sq,D] }
 */
import * as ort from 'onnxruntime-web/webgpu';
import { ORT_WASM } from '../../llm/ort-wasm';
import { matMulSoftmaxModel, multiHeadAttentionModel } from './onnx-model';
import { bhsdToBshd, bshdToBhsd, repeatKvHeads } from './layout';
import { attentionFlops, formatShape, type BenchShape } from './shape';
import { reportGpuTiming } from '../../gpu/timer';
import type { AttentionInputs } from '../core/shape';

export type { AttentionInputs };
import { timeWallMedian, type TimingOptions } from './timing';

export type OrtPeerName = 'ort-mha' | 'ort-matmul-softmax';
export const ORT_PEERS: OrtPeerName[] = ['ort-mha', 'ort-matmul-softmax'];

export interface OrtPeerResult {
  ms: number;
  /** [B, H, Sq, D], for the error check against the reference. */
  output: Float32Array;
}

let configured = false;
function configure(): void {
  if (configured) return;
  configured = true;
  ort.env.wasm.wasmPaths = { wasm: new URL(ORT_WASM.wasm, self.location.href).href };
  // Threads need cross-origin isolation (SharedArrayBuffer), which a plain static host does not give.
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
}

export async function runOrtPeer(name: OrtPeerName, s: BenchShape, inputs: AttentionInputs, timing: TimingOptions): Promise<OrtPeerResult> {
  configure();
  const group = s.H / s.KVH;
  const k = repeatKvHeads(inputs.k, { B: s.B, KVH: s.KVH, S: s.Skv, D: s.D }, group);
  const v = repeatKvHeads(inputs.v, { B: s.B, KVH: s.KVH, S: s.Skv, D: s.D }, group);
  const q = inputs.q;
  const mha = name === 'ort-mha';
  const model = mha ? multiHeadAttentionModel(s) : matMulSoftmaxModel(s);
  const session = await ort.InferenceSession.create(model, { executionProviders: ['webgpu'], graphOptimizationLevel: 'all' });
  try {
    const qDims = { B: s.B, H: s.H, S: s.Sq, D: s.D };
    const kvDims = { B: s.B, H: s.H, S: s.Skv, D: s.D };
    const feeds: Record<string, ort.Tensor> = mha
      ? {
          query: new ort.Tensor('float32', bhsdToBshd(q, qDims), [s.B, s.Sq, s.H * s.D]),
          key: new ort.Tensor('float32', bhsdToBshd(k, kvDims), [s.B, s.Skv, s.H * s.D]),
          value: new ort.Tensor('float32', bhsdToBshd(v, kvDims), [s.B, s.Skv, s.H * s.D]),
        }
      : {
          q: new ort.Tensor('float32', q, [s.B, s.H, s.Sq, s.D]),
          k: new ort.Tensor('float32', k, [s.B, s.H, s.Skv, s.D]),
          v: new ort.Tensor('float32', v, [s.B, s.H, s.Skv, s.D]),
        };
    let last: ort.Tensor | undefined;
    const t = await timeWallMedian(async () => {
      const t0 = performance.now();
      const out = await session.run(feeds);
      last = out.output;
      // getData() waits for the GPU result, so the timed span ends when the output is on the CPU.
      await last.getData();
      // ORT's GPU work is not timed by startTiming, so it is reported here (wall time) to the thread's timing sinks (the energy meter).
      reportGpuTiming({
        feature: 'attention',
        job: `peer ${name} ${formatShape(s)}`,
        gpuMs: performance.now() - t0,
        source: 'wall',
        flops: attentionFlops(s),
      });
    }, timing);
    const data = (await last!.getData()) as Float32Array;
    return { ms: t.ms, output: mha ? bshdToBhsd(data, qDims) : new Float32Array(data) };
  } finally {
    await session.release();
  }
}
