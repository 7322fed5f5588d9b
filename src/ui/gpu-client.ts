/**
 * Main-thread handle on the GPU worker. One worker per page, created on first use.
 *
 * Example:
 *   const gpu = gpuWorker();
 *   const r = await gpu.runScratch({ code, input: [1, 2, 3] });
 */
import * as Comlink from 'comlink';
import type { GpuWorkerApi } from '../../workers/gpu.worker';

let remote: Comlink.Remote<GpuWorkerApi> | undefined;

export function gpuWorker(): Comlink.Remote<GpuWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../workers/gpu.worker.ts', import.meta.url), {
      type: 'module',
      name: 'gpu',
    });
    remote = Comlink.wrap<GpuWorkerApi>(worker);
  }
  return remote;
}

export { Comlink };
