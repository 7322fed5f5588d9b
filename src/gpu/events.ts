/**
 * Device events from every GPUDevice of the app, on one BroadcastChannel, so the page hears about a device
 * it does not own. Two devices exist on purpose: the GPU worker's (attention, energy, the Device tab) and the
 * workflow worker's (workflow GPU functions run where their data is, without a second message hop per node).
 * Each owner broadcasts its device's loss and recovery; src/ui/gpu-state.svelte.ts shows them.
 *
 * Example (in a worker):
 *   const ctx = await GpuContext.create(navigator.gpu, (e) => broadcastGpuEvent('workflow worker', e));
 *   const stop = subscribeGpuEvents(({ owner, event }) => console.log(owner, event.type)); // page side
 */
import type { GpuEvent } from './context';

export const GPU_EVENTS_CHANNEL = 'webgpu-playground:gpu-events';

export interface SharedGpuEvent {
  /** Which device: 'GPU worker', 'workflow worker', … */
  owner: string;
  event: GpuEvent;
}

let channel: BroadcastChannel | null | undefined;

/** Tells every page and worker of this origin about an event of `owner`'s device. Never throws. */
export function broadcastGpuEvent(owner: string, event: GpuEvent): void {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(GPU_EVENTS_CHANNEL) : null;
    // In Node an open channel would keep the process alive.
    (channel as unknown as { unref?: () => void } | null)?.unref?.();
  }
  try {
    channel?.postMessage({ owner, event } satisfies SharedGpuEvent);
  } catch {
    // A closed channel (page unloading) must not break device recovery.
  }
}

/** Listens to every device's events (delivery is asynchronous). Returns an unsubscribe function. */
export function subscribeGpuEvents(listener: (e: SharedGpuEvent) => void): () => void {
  if (typeof BroadcastChannel !== 'function') return () => {};
  const rx = new BroadcastChannel(GPU_EVENTS_CHANNEL);
  (rx as unknown as { unref?: () => void }).unref?.();
  rx.onmessage = (ev: MessageEvent) => {
    const d = ev.data as SharedGpuEvent;
    if (d && typeof d.owner === 'string' && d.event && typeof d.event.type === 'string') listener(d);
  };
  return () => rx.close();
}
