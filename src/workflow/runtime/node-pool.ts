/**
 * A small pool of node workers, so independent branches of pure-CPU functions (pixel loops, synthesis,
 * meshing) run in parallel on several cores instead of interleaving on one. The workflow worker starts
 * the pool; each node worker imports the same registry and runs one node at a time by function name.
 * Values are structured-cloned both ways (copies: a cached value is never detached).
 * GPU, WebCodecs, file and model functions stay in the workflow worker (one device, one model cache).
 *
 * Example (inside the workflow worker):
 *   const pool = new NodePool(() => spawnNodeWorker(), 2);
 *   const def = pool.wrap(getRegistry().get('BlurImage')!);   // same FunctionDef, run elsewhere
 */
import type { FunctionDef, ParamValue, RunContext, Value } from '../lang/types';

export type NodeCallResult = { ok: true; outputs: Record<string, Value> } | { ok: false; message: string; port?: string };

/** What a node worker exposes (src/workflow/runtime/node-worker-api.ts). */
export interface NodeWorker {
  run(
    callId: number,
    fn: string,
    inputs: Record<string, Value>,
    params: Record<string, ParamValue>,
    recipe: string,
    onProgress: (fraction: number, message?: string) => void,
  ): Promise<NodeCallResult>;
  cancel(callId: number): Promise<void>;
}

export class PooledError extends Error {
  constructor(
    message: string,
    readonly port?: string,
  ) {
    super(message);
  }
}

export class NodePool {
  private workers: { api: NodeWorker; busy: number; index: number }[] = [];
  private nextCall = 1;

  constructor(
    private readonly spawn: () => NodeWorker,
    private readonly size: number,
    /** Wraps a progress callback so it can cross to the node worker (Comlink.proxy in the browser). */
    private readonly proxy: <T extends object>(f: T) => T = (f) => f,
  ) {}

  private pick() {
    const idle = this.workers.find((w) => w.busy === 0);
    if (idle) return idle;
    if (this.workers.length < this.size) {
      const w = { api: this.spawn(), busy: 0, index: this.workers.length + 1 };
      this.workers.push(w);
      return w;
    }
    return this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private wrapped = new Map<string, FunctionDef>();

  /** `def`, run in a pool worker when it is pure CPU work (registered with `pure: true`), else unchanged. */
  route(def: (FunctionDef & { pure?: boolean }) | undefined): FunctionDef | undefined {
    if (!def?.pure) return def;
    let w = this.wrapped.get(def.name);
    if (!w) this.wrapped.set(def.name, (w = this.wrap(def)));
    return w;
  }

  /** The same function, run in a pool worker. */
  wrap(def: FunctionDef): FunctionDef {
    return {
      ...def,
      run: async (inputs: Record<string, Value>, params: Record<string, ParamValue>, ctx: RunContext) => {
        const w = this.pick();
        const callId = this.nextCall++;
        w.busy++;
        ctx.progress(0, `in node worker ${w.index} of ${this.size}`);
        const onAbort = () => void w.api.cancel(callId);
        ctx.signal.addEventListener('abort', onAbort, { once: true });
        try {
          const recipe = ctx.recipe;
          const r = await w.api.run(
            callId,
            def.name,
            inputs,
            params,
            recipe,
            this.proxy((f: number, m?: string) => ctx.progress(f, m)),
          );
          if (!r.ok) throw new PooledError(r.message, r.port);
          return r.outputs;
        } finally {
          w.busy--;
          ctx.signal.removeEventListener('abort', onAbort);
        }
      },
    };
  }
}
