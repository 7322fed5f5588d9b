/**
 * Page-side handle on the onnxruntime-web worker (`ort.worker.ts`), created on first use.
 *
 * Example:
 *   const r = await ortWorker().runPeer('ort-mha', shape, inputs, { warmup: 1, repeats: 3 });
 */
import * as Comlink from 'comlink';
import type { OrtWorkerApi } from '../../../workers/ort-peer.worker';

let remote: Comlink.Remote<OrtWorkerApi> | undefined;

export function ortWorker(): Comlink.Remote<OrtWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../../workers/ort-peer.worker.ts', import.meta.url), { type: 'module', name: 'onnxruntime-web peer' });
    remote = Comlink.wrap<OrtWorkerApi>(worker);
  }
  return remote;
}
