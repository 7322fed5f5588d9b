/**
 * Page-side entry points of the Attention tab's GPU work. Nothing heavy runs here: the kernels, the suite
 * and the JS reference run in the GPU worker, onnxruntime-web in its own worker; this module wires them
 * (the ORT runner is handed to the GPU worker as a comlink proxy) and registers the hook `npm run bench`
 * calls in headless Chromium, so the CLI runs exactly what the "Benchmark this GPU" button runs.
 *
 * Example:
 *   const r = await runBenchmark({ quick: true }, (p) => console.log(p.label));
 *   if (r.ok) download(JSON.stringify(r.value));
 */
import { gpuWorker, Comlink } from '../../ui/gpu-client';
import type { Outcome } from '../../worker/outcome';
import { ortWorker } from '../bench/ort-client';
import type { BenchReport } from '../bench/report';
import type { OrtRunner, SuiteProgress } from '../bench/suite';
import type { SweepRequest, SweepResult } from '../bench/sweep';
import type { BenchShape } from '../bench/shape';
import type { PeerComparison } from '../worker-api';

export interface BenchHookOptions {
  quick: boolean;
  shapes?: BenchShape[];
}

/** Runs an onnxruntime-web peer in the ORT worker; throws its error message so the suite lists it as skipped. */
const runOrt: OrtRunner = async (name, shape, inputs, timing) => {
  const r = await ortWorker().runPeer(name, shape, inputs, timing);
  if (!r.ok) throw new Error(`onnxruntime-web: ${r.error.message}`);
  return r.value;
};

export function runBenchmark(opts: BenchHookOptions, onProgress: (p: SuiteProgress) => void): Promise<Outcome<BenchReport>> {
  return gpuWorker().attentionBench(opts, Comlink.proxy(onProgress), Comlink.proxy(runOrt));
}

export function runSweep(req: SweepRequest, onProgress: (p: SuiteProgress) => void): Promise<Outcome<SweepResult>> {
  return gpuWorker().attentionSweep(req, Comlink.proxy(onProgress));
}

export function comparePeers(shape: BenchShape, onProgress: (p: SuiteProgress) => void): Promise<Outcome<PeerComparison>> {
  return gpuWorker().attentionPeers(shape, Comlink.proxy(runOrt), Comlink.proxy(onProgress));
}

export function cancelRun(): Promise<void> {
  return gpuWorker().attentionCancel();
}

/** The hook `npm run bench` (browser runtime) calls through puppeteer; progress goes to the console it forwards. */
export function registerBenchHook(): void {
  (globalThis as unknown as { __attentionBench?: (o: BenchHookOptions) => Promise<Outcome<BenchReport>> }).__attentionBench = async (o) => {
    // The page may still be connecting: the worker's connect() is idempotent and resolves once the device is there.
    const connected = await gpuWorker().connect(Comlink.proxy(() => {}));
    if (!connected.ok) return { ok: false, error: { name: 'WebGpuUnavailable', message: `WebGPU is unavailable: ${connected.message}` } };
    return runBenchmark(o, (p) => console.log(`[attention-bench] [${p.done}/${p.total}] ${p.label}`));
  };
}
