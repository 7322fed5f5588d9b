/**
 * The Device tab's methods in the GPU worker (spread into workers/gpu.worker.ts): the WGSL scratchpad.
 *
 * Example (page side):
 *   const r = await gpuWorker().runScratch({ code: SCRATCH_EXAMPLE, input: [1, 2, 3] });
 *   if (r.ok) r.value.output; // [2, 5, 10]
 */
import type { GpuContextGetter } from '../gpu/context';
import { outcome, type Outcome } from '../worker/outcome';
import { runScratchShader, type ScratchResult, type ScratchRun } from './scratch';

export function deviceWorkerApi(getContext: GpuContextGetter) {
  return {
    runScratch(run: ScratchRun): Promise<Outcome<ScratchResult>> {
      return outcome(() => runScratchShader(getContext(), run));
    },
  };
}
