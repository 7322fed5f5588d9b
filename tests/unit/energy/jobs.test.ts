// The one reporting interface: reports reach subscribers on the app's channel, from this thread or another
// (a worker thread posting on the same channel name), and invalid timings never reach the meter.
import { expect, test } from 'vitest';
import { Worker } from 'node:worker_threads';
import { reportGpuJob, subscribeGpuJobs, GPU_JOBS_CHANNEL, type GpuJobReport } from '../../../src/energy/jobs';

test('valid reports arrive; negative or NaN times and bad FLOPs are dropped', async () => {
  const got: GpuJobReport[] = [];
  const stop = subscribeGpuJobs((r) => got.push(r));
  try {
    reportGpuJob({ feature: 'webnav', job: 'bad', gpuMs: -1, source: 'wall' });
    reportGpuJob({ feature: 'webnav', job: 'bad', gpuMs: NaN, source: 'wall' });
    reportGpuJob({ feature: 'webnav', job: 'policy step', gpuMs: 2.5, source: 'wall', flops: NaN });
    await expect.poll(() => got.length).toBe(1);
    expect(got[0]).toMatchObject({ feature: 'webnav', job: 'policy step', gpuMs: 2.5, source: 'wall' });
    expect(got[0].flops).toBeUndefined();
    expect(typeof got[0].at).toBe('number');
  } finally {
    stop();
  }
});

test('a report posted from another thread on the channel reaches the subscriber', async () => {
  const got: GpuJobReport[] = [];
  const stop = subscribeGpuJobs((r) => got.push(r));
  const code = `
    const ch = new BroadcastChannel(${JSON.stringify(GPU_JOBS_CHANNEL)});
    ch.postMessage({ feature: 'workflow', job: 'node 3', gpuMs: 1.25, source: 'timestamp', at: Date.now() });
    ch.postMessage({ nonsense: true });
    ch.close();`;
  const worker = new Worker(code, { eval: true });
  try {
    await expect.poll(() => got.length).toBe(1);
    expect(got[0]).toMatchObject({ feature: 'workflow', job: 'node 3', gpuMs: 1.25 });
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toHaveLength(1); // the malformed message was ignored
  } finally {
    stop();
    await worker.terminate();
  }
});
