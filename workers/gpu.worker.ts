/**
 * The GPU worker: owns the page's only GPUDevice so that no GPU work (compiles, dispatches, readbacks)
 * runs on the main thread. Exposed with comlink; see `src/ui/gpu-client.ts` for the main-thread side.
 * Features add their methods here, each a thin call into their framework-free module under `src/`.
 */
import * as Comlink from 'comlink';
import { GpuContext, type GpuEvent } from '../src/gpu/context';
import { WebGpuUnavailableError, type UnavailableReason } from '../src/gpu/device';
import type { AdapterSummary } from '../src/gpu/adapter-info';
import { deviceWorkerApi } from '../src/device';
import { energyPricer, meterGpuTimings, powerClassFor } from '../src/energy';
import { energyWorkerApi } from '../src/energy/worker-api';
import { attentionWorkerApi } from '../src/attention/worker-api';
import { lmWorkerApi } from '../src/lm/worker-api';

// Every timed GPU job of this worker reaches the header's energy meter.
meterGpuTimings();

export type ConnectResult = { ok: true; summary: AdapterSummary } | { ok: false; reason: UnavailableReason | 'error'; message: string };

let ctx: GpuContext | undefined;
let connecting: Promise<ConnectResult> | undefined;

function requireContext(): GpuContext {
  if (!ctx) throw new Error('The GPU is not connected (WebGPU unavailable or connect() not called).');
  return ctx;
}

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

  /** Destroys the device to exercise the recovery path (Device tab, tests). */
  simulateDeviceLoss(): void {
    requireContext().simulateLoss();
  },
};

// Features add their methods here, one spread each, e.g. `...attentionWorkerApi(requireContext)`, where
// `src/<feature>/worker-api.ts` exports `<feature>WorkerApi(getContext: GpuContextGetter)` returning an object
// of async methods (results as `Outcome<T>` so errors keep their details across comlink).
const api = {
  ...coreApi,
  ...deviceWorkerApi(requireContext),
  ...energyWorkerApi(requireContext),
  // Attention results carry an energy band priced for this adapter (attention itself does not know energy).
  ...attentionWorkerApi(requireContext, (c) => energyPricer(powerClassFor(c.summary))),
  ...lmWorkerApi(requireContext),
};

export type GpuWorkerApi = typeof api;

Comlink.expose(api);
