/**
 * The workflow worker: runs A-Language programs (executor, cache, every function, media encoding) off the
 * page's thread. Pure-CPU nodes go to a small pool of node workers (workers/workflow-node.worker.ts), so
 * independent branches use several cores; GPU functions acquire this worker's own GPUDevice on first use
 * (src/workflow/functions/gpu/device.ts). See src/workflow/runtime/worker-api.ts for the methods.
 */
import * as Comlink from 'comlink';
import { workflowWorkerApi } from '../src/workflow/runtime/worker-api';
import { NodePool, type NodeWorker } from '../src/workflow/runtime/node-pool';
import { meterGpuTimings } from '../src/energy';

// GPU functions' timed jobs reach the header's energy meter.
meterGpuTimings();

const spawn = (): NodeWorker =>
  Comlink.wrap<NodeWorker>(
    new Worker(new URL('./workflow-node.worker.ts', import.meta.url), { type: 'module', name: 'workflow-node' }),
  ) as unknown as NodeWorker;

// Two node workers even on a 2-core machine: two independent branches then really run at once.
const size = Math.min(4, Math.max(2, (navigator.hardwareConcurrency ?? 2) - 1));
const pool = typeof Worker === 'function' ? new NodePool(spawn, size, Comlink.proxy) : undefined;

Comlink.expose(workflowWorkerApi(pool));
