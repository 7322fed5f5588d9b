/**
 * The Device tab's scratchpad state and action. Module state, so the code, input and last result survive
 * switching tabs; parsing and running are plain TypeScript (scratch.ts, in the GPU worker).
 *
 * Example:
 *   scratch.code = SCRATCH_EXAMPLE; scratch.inputText = '1, 2, 3';
 *   await runScratch();   // scratch.output = [2, 5, 10], scratch.timing = '0.012 ms (GPU timestamps)'
 */
import { gpuWorker } from '../ui/gpu-client';
import type { WorkerError } from '../worker/outcome';
import { SCRATCH_EXAMPLE, parseNumberList } from './scratch';

export const scratch = $state({
  code: SCRATCH_EXAMPLE,
  inputText: '1, 2, 3, 4',
  running: false,
  output: null as number[] | null,
  timing: '',
  error: null as WorkerError | null,
});

export async function runScratch(): Promise<void> {
  scratch.error = null;
  scratch.output = null;
  let input: number[];
  try {
    input = parseNumberList(scratch.inputText);
  } catch (e) {
    scratch.error = { name: 'InputError', message: (e as Error).message };
    return;
  }
  scratch.running = true;
  try {
    const r = await gpuWorker().runScratch({ code: scratch.code, input });
    if (r.ok) {
      scratch.output = r.value.output;
      const t = r.value.timing;
      scratch.timing = `${t.ms.toFixed(3)} ms (${t.source === 'timestamp' ? 'GPU timestamps' : 'wall clock'})`;
    } else {
      scratch.error = r.error;
    }
  } catch (e) {
    // The GPU worker died (workerClient rejects pending calls): say so instead of spinning forever.
    scratch.error = { name: 'WorkerCrashError', message: (e as Error).message };
  } finally {
    scratch.running = false;
  }
}
