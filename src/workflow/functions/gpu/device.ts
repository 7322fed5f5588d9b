/**
 * Where workflow functions get a GPU. The workflow worker acquires its own `GpuContext` on first use
 * (a worker may hold a GPUDevice; routing every dispatch through the page's GPU worker would need a second
 * message hop per node for no gain). Its loss and recovery are broadcast (src/gpu/events.ts), so the page
 * shows them next to the GPU worker's. Node tests set one from Dawn with `setWorkflowGpu`. When no WebGPU is
 * available the GPU functions fall back to their CPU reference and say so in their progress message.
 *
 * Example:
 *   const ctx = await workflowGpu(); // GpuContext | undefined
 */
import { GpuContext } from '../../../gpu/context';
import { broadcastGpuEvent } from '../../../gpu/events';

export const WORKFLOW_GPU_OWNER = 'workflow worker';

/** The workflow worker's own context: its device events reach the page. */
export function createWorkflowGpu(gpu: GPU): Promise<GpuContext> {
  return GpuContext.create(gpu, (e) => broadcastGpuEvent(WORKFLOW_GPU_OWNER, e));
}

let provider: (() => Promise<GpuContext | undefined>) | undefined;
let pending: Promise<GpuContext | undefined> | undefined;

/** Tests and hosts choose the GPU (or none, with `undefined`). */
export function setWorkflowGpu(get: (() => Promise<GpuContext | undefined>) | undefined): void {
  provider = get;
  pending = undefined;
}

export function workflowGpu(): Promise<GpuContext | undefined> {
  if (provider) return provider();
  pending ??= (async () => {
    const gpu = typeof navigator !== 'undefined' ? (navigator as Navigator & { gpu?: GPU }).gpu : undefined;
    if (!gpu) return undefined;
    try {
      return await createWorkflowGpu(gpu);
    } catch {
      return undefined;
    }
  })();
  return pending;
}
