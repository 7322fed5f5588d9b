/**
 * Reactive GPU status for the UI: connecting → ready | unavailable, plus a log of device events.
 * Everything heavy happens in the worker; this module only mirrors what it reports.
 * `status` follows the GPU worker's device (the page's main one); other devices (the workflow worker's)
 * report over src/gpu/events.ts and appear in `others` and in the log with their owner.
 */
import { gpuWorker, Comlink } from './gpu-client';
import type { AdapterSummary } from '../gpu/adapter-info';
import type { GpuEvent } from '../gpu/context';
import type { UnavailableReason } from '../gpu/device';
import { subscribeGpuEvents } from '../gpu/events';

export type GpuStatus =
  | { state: 'connecting' }
  | { state: 'ready'; summary: AdapterSummary }
  | { state: 'recovering'; summary: AdapterSummary; reason: string }
  | { state: 'unavailable'; reason: UnavailableReason | 'error'; message: string };

export interface GpuLogEntry {
  at: Date;
  event: GpuEvent;
  /** The device's owner when it is not the GPU worker, e.g. 'workflow worker'. */
  owner?: string;
}

/** State of a device other than the GPU worker's, after its last loss or recovery event. */
export type OtherDeviceState = 'lost' | 'restored' | 'failed';

export const gpu = $state<{ status: GpuStatus; log: GpuLogEntry[]; others: Record<string, OtherDeviceState> }>({
  status: { state: 'connecting' },
  log: [],
  others: {},
});

function onOtherEvent(owner: string, event: GpuEvent): void {
  gpu.log = [...gpu.log, { at: new Date(), event, owner }];
  if (event.type === 'device-lost') gpu.others[owner] = 'lost';
  else if (event.type === 'device-restored') gpu.others[owner] = 'restored';
  else if (event.type === 'device-unrecoverable') gpu.others[owner] = 'failed';
}

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
  subscribeGpuEvents(({ owner, event }) => onOtherEvent(owner, event));
  const result = await gpuWorker().connect(Comlink.proxy(onEvent));
  gpu.status = result.ok
    ? { state: 'ready', summary: result.summary }
    : { state: 'unavailable', reason: result.reason, message: result.message };
}
