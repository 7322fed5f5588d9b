/**
 * Where workflow functions get a GPU. The workflow worker acquires its own `GpuContext` on first use
 * (a worker may hold a GPUDevice; routing every dispatch through the page's GPU worker would need a second
 * message hop per node for no gain). Node tests set one from Dawn with `setWorkflowGpu`. When no WebGPU is
 * available the GPU functions fall back to their CPU reference and say so in their progress message.
 *
 * Example:
 *   const ctx = await workflowGpu(); // GpuContext | undefined
 */
import { GpuContext } from '../../../gpu/context';

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
      return await GpuContext.create(gpu);
    } catch {
      return undefined;
    }
  })();
  return pending;
}
