/**
 * The GPU worker: owns the page's only GPUDevice so that no GPU work (compiles, dispatches, readbacks)
 * runs on the main thread. Exposed with comlink; see `src/gpu/gpu-client.ts` for the main-thread side.
 * Features add their methods here, each a thin call into their framework-free module under `src/`.
 */
import * as Comlink from 'comlink';
import { GpuContext, type GpuEvent } from '../src/gpu/context';
import { WebGpuUnavailableError, type UnavailableReason } from '../src/gpu/device';
import type { AdapterSummary } from '../src/gpu/adapter-info';
import { outcome, type Outcome } from '../src/gpu/outcome';
import { runScratchShader, type ScratchResult, type ScratchRun } from '../src/gpu/scratch';
import { energyWorkerApi } from '../src/energy/worker-api';
import { attentionWorkerApi } from '../src/attention/worker-api';
import { lmWorkerApi } from '../src/lm/worker-api';

export type ConnectResult =
  | { ok: true; summary: AdapterSummary }
  | { ok: false; reason: UnavailableReason | 'error'; message: string };

let ctx: GpuContext | undefined;
let connecting: Promise<ConnectResult> | undefined;

function requireContext(): GpuContext {
  if (!ctx) throw new Error('The GPU is not connected (WebGPU unavailable or connect() not called).');
  return ctx;
}

/** Every feature's worker methods receive this to reach the current device (it changes after a loss). */
export type ContextGetter = () => GpuContext;

const coreApi = {
  /** Acquires the device once; `onEvent` hears about device loss and recovery. */
  connect(onEvent: (e: GpuEvent) => void): Promise<ConnectResult> {
    connecting ??= (async (): Promise<ConnectResult> => {
      try {
        ctx = await GpuContext.create(navigator.gpu, (e) => void onEvent(e), { isSecureContext: self.isSecureContext });
        return { ok: true, summary: ctx.summary };
      } catch (e) {
        if (e instanceof WebGpuUnavailableError) return { ok: false, reason: e.reason, message: e.message };
        return { ok: false, reason: 'error', message: e instanceof Error ? e.message : String(e) };
      }
    })();
    return connecting;
  },

  runScratch(run: ScratchRun): Promise<Outcome<ScratchResult>> {
    return outcome(() => runScratchShader(requireContext(), run));
  },

  /** Destroys the device to exercise the recovery path (Device tab, tests). */
  simulateDeviceLoss(): void {
    requireContext().simulateLoss();
  },
};

// Features add their methods here, one spread each, e.g. `...attentionWorkerApi(requireContext)`, where
// `src/<feature>/worker-api.ts` exports `<feature>WorkerApi(getContext: ContextGetter)` returning an object
// of async methods (results as `Outcome<T>` so errors keep their details across comlink).
const api = {
  ...coreApi,
  ...energyWorkerApi(requireContext),
  ...attentionWorkerApi(requireContext),
  ...lmWorkerApi(requireContext),
};

export type GpuWorkerApi = typeof api;

Comlink.expose(api);
