/**
 * Main-thread handle on the GPU worker. One worker per page, created on first use.
 *
 * Example:
 *   const gpu = gpuWorker();
 *   const r = await gpu.runScratch({ code, input: [1, 2, 3] });
 */
import { workerClient, Comlink } from '../worker/client';
import type { GpuWorkerApi } from '../../workers/gpu.worker';

export const gpuWorker = workerClient<GpuWorkerApi>(
  () => new Worker(new URL('../../workers/gpu.worker.ts', import.meta.url), { type: 'module', name: 'gpu' }),
  { name: 'GPU worker' },
);

export { Comlink };
