/**
 * Page-side handle on the onnxruntime-web worker (`workers/ort-peer.worker.ts`), created on first use.
 *
 * Example:
 *   const r = await ortWorker().runPeer('ort-mha', shape, inputs, { warmup: 1, repeats: 3 });
 */
import { workerClient } from '../../worker/client';
import type { OrtWorkerApi } from '../../../workers/ort-peer.worker';

export const ortWorker = workerClient<OrtWorkerApi>(
  () => new Worker(new URL('../../../workers/ort-peer.worker.ts', import.meta.url), { type: 'module', name: 'onnxruntime-web peer' }),
  { name: 'onnxruntime-web worker' },
);
