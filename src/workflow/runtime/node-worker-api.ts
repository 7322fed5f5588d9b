/**
 * A node worker's methods (workers/workflow-node.worker.ts): run one registered function by name with a
 * fresh context. Errors come back as data (message and port), since thrown errors lose fields across workers.
 *
 * Example:
 *   const api = nodeWorkerApi();
 *   await api.run(1, 'BlurImage', { image }, { radius: 2 }, '', () => {}); // { ok: true, outputs: { image } }
 */
import { getRegistry } from '../functions/pure-implementations';
import type { ParamValue, RunContext, Value } from '../lang/types';
import type { NodeCallResult, NodeWorker } from './node-pool';

export function nodeWorkerApi(): NodeWorker {
  const running = new Map<number, AbortController>();
  return {
    async run(
      callId: number,
      fn: string,
      inputs: Record<string, Value>,
      params: Record<string, ParamValue>,
      recipe: string,
      onProgress,
    ): Promise<NodeCallResult> {
      const def = getRegistry().get(fn);
      if (!def) return { ok: false, message: `unknown function "${fn}"` };
      const controller = new AbortController();
      running.set(callId, controller);
      const ctx: RunContext = {
        signal: controller.signal,
        progress: (f, m) => void onProgress(f, m),
        files: new Map(),
        recipe,
        markGpu: () => {},
      };
      try {
        return { ok: true, outputs: await def.run(inputs, params, ctx) };
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : String(e), port: (e as { port?: string })?.port };
      } finally {
        running.delete(callId);
      }
    },
    async cancel(callId: number): Promise<void> {
      running.get(callId)?.abort();
    },
  };
}
