/**
 * The Energy tab's GPU worker methods: measure attention workloads on this GPU (see workloads.ts).
 * Spread into workers/gpu.worker.ts as `...energyWorkerApi(requireContext)`.
 *
 * Example (page side):
 *   const r = await gpuWorker().energyMeasure([{ kind: 'prefill', batch: 1, seqLen: 64, compression: 1, dtype: 'f32' }], 3,
 *     Comlink.proxy((done, total, label) => console.log(done, total, label)));
 *   if (r.ok) r.value[0].medianMs;
 */
import type { GpuContext } from '../gpu/context';
import { outcome, type Outcome } from '../worker/outcome';
import { measureAttention, type MeasuredPoint, type WorkloadPoint } from './workloads';

export function energyWorkerApi(getContext: () => GpuContext) {
  return {
    async energyMeasure(
      points: WorkloadPoint[],
      repeats: number,
      onProgress?: (done: number, total: number, label: string) => void,
    ): Promise<Outcome<MeasuredPoint[]>> {
      return outcome(() => measureAttention(getContext(), points, { repeats, onProgress: (d, t, l) => void onProgress?.(d, t, l) }));
    },
  };
}
