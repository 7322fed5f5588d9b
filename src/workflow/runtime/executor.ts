/**
 * Runs an A-Language program (its JSON form). Framework-free: the workflow worker runs it in the browser,
 * the unit tests run it in Node.
 *
 * - Order: a topological dissolve (Kahn). A node starts as soon as all its upstream nodes are done, so
 *   independent branches run concurrently (up to `concurrency` at a time; asynchronous work such as GPU
 *   dispatches and WebCodecs encoding overlaps for real).
 * - Cache: each node's key is function + parameters + upstream keys (`cache.ts`); a node whose key is in
 *   the cache is not run again, so after a parameter change only that node and its downstream run.
 * - Run to a node: `target` runs only that node and its ancestors.
 * - Cancel: `signal` aborts the run; running nodes see it through `ctx.signal`, and the run returns at once
 *   even if a function ignores it.
 * - Errors are pinned to the node (and port, when one is to blame) with a summary of the inputs it got;
 *   nodes downstream of a failure are skipped, independent branches still run.
 *
 * Example:
 *   const result = await runProgram(program, { functions: (name) => registry.get(name), onEvent: console.log });
 *   result.outputs.get('clip')?.video; // { type: 'Video', mimeType: 'video/webm', bytes, ... }
 */
import type { FunctionDef, ParamValue, ProgramJson, ProgramNode, RunContext, Value } from '../lang/types';
import { NodeCache, nodeKey, type UpstreamRef } from './cache';

export type NodeStatus = 'queued' | 'running' | 'done' | 'cached' | 'error' | 'skipped' | 'cancelled';

export interface NodeError {
  node: string;
  fn: string;
  /** The port to blame, when there is one (a missing or mistyped input, a missing output). */
  port?: string;
  message: string;
  /** What the node received, one line per input port, e.g. `image: Image 64×64`. */
  inputs: Record<string, string>;
  params: Record<string, ParamValue>;
}

export type RunEvent =
  | { type: 'run-start'; nodes: string[] }
  | { type: 'node-status'; node: string; status: NodeStatus; ms?: number; gpuMs?: number; key?: string; message?: string }
  | { type: 'node-progress'; node: string; fraction: number; message?: string }
  | { type: 'node-error'; error: NodeError }
  | { type: 'run-end'; ok: boolean; cancelled: boolean; ms: number };

/** One finished node's work, for the energy meter and the per-node timing column. */
export interface NodeJob {
  node: string;
  fn: string;
  ms: number;
  /** Whether the function ran on the GPU (its category is 'gpu' or it said so). */
  usedGpu: boolean;
  /** GPU time the function measured (timestamp queries or submit-to-done), when it reported one. */
  gpuMs?: number;
}

export interface RunOptions {
  functions: (name: string) => FunctionDef | undefined;
  cache?: NodeCache;
  signal?: AbortSignal;
  /** Run only this node and its ancestors. */
  target?: string;
  /** How many nodes may run at once. */
  concurrency?: number;
  onEvent?: (e: RunEvent) => void;
  /** Called after each node that ran (not cached), e.g. to report energy. */
  onJob?: (job: NodeJob) => void;
  files?: ReadonlyMap<string, Uint8Array>;
  /** Salt for a file named by a string parameter (its content hash), so a new file with the same name re-runs. */
  fileHash?: (name: string) => string | undefined;
  /** Program text for the sub-program ending at a node; defaults to its JSON. */
  recipeOf?: (sub: ProgramJson) => string;
}

export interface RunResult {
  ok: boolean;
  cancelled: boolean;
  /** Outputs of every node that finished (ran or came from the cache). */
  outputs: Map<string, Record<string, Value>>;
  status: Map<string, NodeStatus>;
  errors: NodeError[];
  keys: Map<string, string>;
  ms: Map<string, number>;
}

export class ProgramStructureError extends Error {
  constructor(
    message: string,
    readonly node?: string,
  ) {
    super(message);
    this.name = 'ProgramStructureError';
  }
}

/** One line per value, for error reports and the outputs gallery. */
export function describeValue(v: Value): string {
  switch (v.type) {
    case 'Text':
      return `Text "${v.text.length > 40 ? v.text.slice(0, 40) + '…' : v.text}"`;
    case 'Number':
      return `Number ${v.value}`;
    case 'Image':
      return `Image ${v.width}×${v.height}`;
    case 'Audio':
      return `Audio ${(v.channels[0]?.length ?? 0) / v.sampleRate}s @ ${v.sampleRate} Hz, ${v.channels.length} ch`;
    case 'Video':
      return `Video ${v.width}×${v.height}, ${v.frames} frames @ ${v.fps} fps (${v.mimeType}, ${v.bytes.length} bytes)`;
    case 'Mesh':
      return `Mesh ${v.positions.length / 3} vertices, ${v.indices.length / 3} triangles`;
    case 'Tensor':
      return `Tensor [${v.shape.join(', ')}]`;
    case 'Plot':
      return `Plot ${v.kind} "${v.title}" (${v.series.length} series)`;
  }
}

/** Parameters with the signature's defaults filled in, so the cache key does not depend on spelling them out. */
function effectiveParams(def: FunctionDef, params: Record<string, ParamValue>): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const p of def.params) {
    if (params[p.name] !== undefined) out[p.name] = params[p.name];
    else if (p.default !== undefined) out[p.name] = p.default;
  }
  for (const [k, v] of Object.entries(params)) if (!(k in out)) out[k] = v;
  return out;
}

/** Topological order of `program`'s nodes; throws `ProgramStructureError` on a cycle or a dangling edge. */
export function topologicalOrder(program: ProgramJson): string[] {
  const ids = new Set(program.nodes.map((n) => n.id));
  const indegree = new Map<string, number>([...ids].map((id) => [id, 0]));
  const next = new Map<string, string[]>([...ids].map((id) => [id, []]));
  for (const e of program.edges) {
    if (!ids.has(e.from.node)) throw new ProgramStructureError(`edge from unknown node "${e.from.node}"`, e.to.node);
    if (!ids.has(e.to.node)) throw new ProgramStructureError(`edge to unknown node "${e.to.node}"`, e.from.node);
    indegree.set(e.to.node, indegree.get(e.to.node)! + 1);
    next.get(e.from.node)!.push(e.to.node);
  }
  const ready = program.nodes.map((n) => n.id).filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const m of next.get(id)!) {
      indegree.set(m, indegree.get(m)! - 1);
      if (indegree.get(m) === 0) ready.push(m);
    }
  }
  if (order.length !== ids.size) {
    const stuck = program.nodes.map((n) => n.id).filter((id) => !order.includes(id));
    throw new ProgramStructureError(`the program has a cycle through ${stuck.join(', ')}`, stuck[0]);
  }
  return order;
}

/** `target` and every node it depends on. */
export function ancestorsOf(program: ProgramJson, target: string): Set<string> {
  const keep = new Set<string>([target]);
  const stack = [target];
  while (stack.length) {
    const id = stack.pop()!;
    for (const e of program.edges) {
      if (e.to.node === id && !keep.has(e.from.node)) {
        keep.add(e.from.node);
        stack.push(e.from.node);
      }
    }
  }
  return keep;
}

/** The part of `program` that `target` depends on, itself included. */
export function subProgram(program: ProgramJson, target: string): ProgramJson {
  const keep = ancestorsOf(program, target);
  return {
    version: 1,
    nodes: program.nodes.filter((n) => keep.has(n.id)).map(({ id, fn, params }) => ({ id, fn, params })),
    edges: program.edges.filter((e) => keep.has(e.to.node)).map(({ from, to }) => ({ from, to })),
  };
}

class Aborted extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

export async function runProgram(program: ProgramJson, opts: RunOptions): Promise<RunResult> {
  const started = now();
  const emit = (e: RunEvent) => opts.onEvent?.(e);
  const cache = opts.cache ?? new NodeCache();
  const signal = opts.signal ?? new AbortController().signal;
  const concurrency = Math.max(1, opts.concurrency ?? 4);

  const order = topologicalOrder(program);
  if (opts.target !== undefined && !order.includes(opts.target)) {
    throw new ProgramStructureError(`there is no node "${opts.target}" to run to`);
  }
  const selected = opts.target !== undefined ? ancestorsOf(program, opts.target) : new Set(order);
  const runOrder = order.filter((id) => selected.has(id));
  const byId = new Map<string, ProgramNode>(program.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, ProgramJson['edges']>(runOrder.map((id) => [id, []]));
  for (const e of program.edges) if (selected.has(e.to.node)) incoming.get(e.to.node)!.push(e);

  const result: RunResult = {
    ok: true,
    cancelled: false,
    outputs: new Map(),
    status: new Map(),
    errors: [],
    keys: new Map(),
    ms: new Map(),
  };
  const setStatus = (node: string, status: NodeStatus, extra: { ms?: number; gpuMs?: number; key?: string; message?: string } = {}) => {
    result.status.set(node, status);
    emit({ type: 'node-status', node, status, ...extra });
  };
  const fail = (error: NodeError) => {
    result.ok = false;
    result.errors.push(error);
    setStatus(error.node, 'error', { message: error.message });
    emit({ type: 'node-error', error });
  };

  emit({ type: 'run-start', nodes: runOrder });
  for (const id of runOrder) setStatus(id, 'queued');

  // Keys are computed up front (they depend only on the program), so a cached node needs no upstream run.
  const defs = new Map<string, FunctionDef>();
  for (const id of runOrder) {
    const node = byId.get(id)!;
    const def = opts.functions(node.fn);
    if (!def) {
      fail({ node: id, fn: node.fn, message: `unknown function "${node.fn}"`, inputs: {}, params: node.params });
      continue;
    }
    defs.set(id, def);
    const inputs: Record<string, UpstreamRef> = {};
    let upstreamKnown = true;
    for (const e of incoming.get(id)!) {
      const up = result.keys.get(e.from.node);
      if (!up) upstreamKnown = false;
      else inputs[e.to.port] = { key: up, port: e.from.port };
    }
    if (!upstreamKnown) continue;
    const params = effectiveParams(def, node.params);
    const salt = Object.values(params)
      .map((v) => (typeof v === 'string' ? opts.fileHash?.(v) : undefined))
      .filter(Boolean)
      .join(',');
    result.keys.set(id, nodeKey(node.fn, params, inputs, salt));
  }

  const remaining = new Map<string, number>(runOrder.map((id) => [id, new Set(incoming.get(id)!.map((e) => e.from.node)).size]));
  const dependents = new Map<string, string[]>(runOrder.map((id) => [id, []]));
  for (const id of runOrder) for (const up of new Set(incoming.get(id)!.map((e) => e.from.node))) dependents.get(up)!.push(id);

  const skipDownstream = (id: string, why: string) => {
    for (const d of dependents.get(id)!) {
      if (result.status.get(d) === 'queued') {
        setStatus(d, 'skipped', { message: why });
        skipDownstream(d, why);
      }
    }
  };

  const abortPromise = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(new Aborted());
    signal.addEventListener('abort', () => reject(new Aborted()), { once: true });
  });
  abortPromise.catch(() => {});

  const runNode = async (id: string): Promise<void> => {
    const node = byId.get(id)!;
    const def = defs.get(id)!;
    const key = result.keys.get(id)!;
    const cached = cache.get(key);
    if (cached) {
      result.outputs.set(id, cached);
      setStatus(id, 'cached', { key, ms: 0 });
      return;
    }
    const inputs: Record<string, Value> = {};
    for (const e of incoming.get(id)!) inputs[e.to.port] = result.outputs.get(e.from.node)![e.from.port];
    const params = effectiveParams(def, node.params);
    const inputSummary = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v ? describeValue(v) : 'nothing']));
    const pin = (message: string, port?: string) => fail({ node: id, fn: node.fn, port, message, inputs: inputSummary, params });

    for (const p of def.inputs) {
      const v = inputs[p.name];
      if (v === undefined && !p.optional) return pin(`input "${p.name}" (${p.type}) is not connected`, p.name);
      if (v !== undefined && v.type !== p.type) return pin(`input "${p.name}" expects ${p.type} but got ${v.type}`, p.name);
    }
    for (const name of Object.keys(inputs)) {
      if (!def.inputs.some((p) => p.name === name)) return pin(`${node.fn} has no input port "${name}"`, name);
    }

    let usedGpu = def.category === 'gpu';
    let gpuMs: number | undefined;
    const ctx: RunContext = {
      signal,
      progress: (fraction, message) => emit({ type: 'node-progress', node: id, fraction, message }),
      files: opts.files ?? new Map(),
      recipe: (opts.recipeOf ?? ((p) => JSON.stringify(p)))(subProgram(program, id)),
      markGpu: (ms) => {
        usedGpu = true;
        if (ms !== undefined) gpuMs = (gpuMs ?? 0) + ms;
      },
    };
    setStatus(id, 'running', { key });
    const t0 = now();
    let outputs: Record<string, Value>;
    try {
      outputs = await Promise.race([def.run(inputs, params, ctx), abortPromise]);
    } catch (e) {
      if (signal.aborted) {
        setStatus(id, 'cancelled');
        return;
      }
      return pin(e instanceof Error ? e.message : String(e), (e as { port?: string })?.port);
    }
    const ms = now() - t0;
    for (const p of def.outputs) {
      const v = outputs?.[p.name];
      if (!v) return pin(`${node.fn} returned no "${p.name}" output`, p.name);
      if (v.type !== p.type) return pin(`output "${p.name}" should be ${p.type} but the function returned ${v.type}`, p.name);
    }
    cache.set(key, outputs);
    result.outputs.set(id, outputs);
    result.ms.set(id, ms);
    setStatus(id, 'done', { ms, key, gpuMs });
    opts.onJob?.({ node: id, fn: node.fn, ms, usedGpu, gpuMs });
  };

  // Nodes whose function is unknown are already failed; their downstream is skipped.
  for (const id of runOrder) if (result.status.get(id) === 'error') skipDownstream(id, `upstream node ${id} failed`);

  await new Promise<void>((resolveAll) => {
    const running = new Set<string>();
    const ready = runOrder.filter((id) => remaining.get(id) === 0 && result.status.get(id) === 'queued');
    const pump = () => {
      if (signal.aborted) {
        for (const id of runOrder) if (result.status.get(id) === 'queued') setStatus(id, 'cancelled');
        if (running.size === 0) resolveAll();
        return;
      }
      while (running.size < concurrency && ready.length) {
        const id = ready.shift()!;
        running.add(id);
        void runNode(id).finally(() => {
          running.delete(id);
          const st = result.status.get(id);
          if (st === 'done' || st === 'cached') {
            for (const d of dependents.get(id)!) {
              remaining.set(d, remaining.get(d)! - 1);
              if (remaining.get(d) === 0 && result.status.get(d) === 'queued') ready.push(d);
            }
          } else if (st === 'error') {
            skipDownstream(id, `upstream node ${id} failed`);
          }
          pump();
        });
      }
      if (running.size === 0 && ready.length === 0) resolveAll();
    };
    signal.addEventListener('abort', pump, { once: true });
    pump();
  });

  result.cancelled = signal.aborted;
  if (result.cancelled) result.ok = false;
  emit({ type: 'run-end', ok: result.ok, cancelled: result.cancelled, ms: now() - started });
  return result;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
