// The workflow worker's own device (src/workflow/functions/gpu/device.ts) reports its loss and recovery on the
// app's GPU-events channel, where the page listens (src/ui/gpu-state.svelte.ts). Real device, through Dawn.
import { expect, test } from 'vitest';
import { nodeGpu } from '../../src/gpu/node-gpu';
import { subscribeGpuEvents, type SharedGpuEvent } from '../../src/gpu/events';
import { createWorkflowGpu, WORKFLOW_GPU_OWNER } from '../../src/workflow/functions/gpu/device';

test('a lost workflow-worker device is reported with its owner, then its recovery', async () => {
  const got: SharedGpuEvent[] = [];
  const stop = subscribeGpuEvents((e) => got.push(e));
  const ctx = await createWorkflowGpu(await nodeGpu());
  try {
    ctx.simulateLoss();
    const deadline = Date.now() + 20_000;
    while (!got.some((e) => e.event.type === 'device-restored') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(got.map((e) => `${e.owner}: ${e.event.type}`)).toEqual([
      `${WORKFLOW_GPU_OWNER}: device-lost`,
      `${WORKFLOW_GPU_OWNER}: device-restored`,
    ]);
    expect(ctx.recoveries).toBe(1);
  } finally {
    stop();
    ctx.close();
  }
});
