/**
 * The Device tab: adapter details, a WGSL scratchpad run in the GPU worker, and device-loss recovery.
 * Its public surface: the scratchpad runner (GPU worker and Node) and the worker methods.
 *
 * Example (Node through Dawn):
 *   const ctx = await GpuContext.create(await nodeGpu());
 *   await runScratchShader(ctx, { code: SCRATCH_EXAMPLE, input: [1, 2, 3] }); // { output: [2, 5, 10], timing }
 */
export { runScratchShader, parseNumberList, SCRATCH_EXAMPLE, SCRATCH_WORKGROUP_SIZE, type ScratchRun, type ScratchResult } from './scratch';
export { deviceWorkerApi } from './worker-api';
