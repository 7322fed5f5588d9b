/**
 * Reactive GPU status for the UI: connecting → ready | unavailable, plus a log of device events.
 * Everything heavy happens in the worker; this module only mirrors what it reports.
 */
import { gpuWorker, Comlink } from './gpu-client';
import type { AdapterSummary } from '../gpu/adapter-info';
import type { GpuEvent } from '../gpu/context';
import type { UnavailableReason } from '../gpu/device';

export type GpuStatus =
  | { state: 'connecting' }
  | { state: 'ready'; summary: AdapterSummary }
  | { state: 'recovering'; summary: AdapterSummary; reason: string }
  | { state: 'unavailable'; reason: UnavailableReason | 'error'; message: string };

export interface GpuLogEntry {
  at: Date;
  event: GpuEvent;
}

export const gpu = $state<{ status: GpuStatus; log: GpuLogEntry[] }>({
  status: { state: 'connecting' },
  log: [],
});

function onEvent(event: GpuEvent): void {
  gpu.log = [...gpu.log, { at: new Date(), event }];
  const s = gpu.status;
  if (event.type === 'device-lost' && s.state === 'ready') {
    gpu.status = { state: 'recovering', summary: s.summary, reason: event.reason };
  } else if (event.type === 'device-restored') {
    gpu.status = { state: 'ready', summary: event.summary };
  } else if (event.type === 'device-unrecoverable') {
    gpu.status = { state: 'unavailable', reason: 'device-failed', message: event.message };
  }
}

let started = false;

/** Connects once; safe to call from every component that needs the GPU. */
export async function connectGpu(): Promise<void> {
  if (started) return;
  started = true;
  const result = await gpuWorker().connect(Comlink.proxy(onEvent));
  gpu.status = result.ok
    ? { state: 'ready', summary: result.summary }
    : { state: 'unavailable', reason: result.reason, message: result.message };
}
