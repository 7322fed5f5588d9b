/**
 * The checker: everything that can be known about a program before running it. Errors: unknown function,
 * parameter, node or port; wrong parameter type, out of range, not an integer, not one of the choices;
 * missing required parameter or input; type mismatch between ports (naming both types); an input connected
 * twice; duplicate node names; cycles (naming the nodes). Warnings: an output left unused on a node whose
 * other outputs feed the program (outputs of final nodes are the program's results, see `programOutputs`).
 *
 * Every diagnostic has line:column and the node (and port where relevant). A program that came from JSON
 * has no source positions; it is then located as in its canonical text, `print(program)`.
 *
 * Example:
 *   check(parse('t = TextInput(text="6")\nx = Number(value=7)\np = Math(op="mul")\nt.text -> p.a\nx.value -> p.b').program, getRegistry())
 *   // → [{ severity: 'error', message: 'type mismatch: t.text is Text but p.a expects Number', line: 4, column: 11, node: 'p', port: 'a' }]
 */
import { parse } from './parse';
import { print } from './print';
import type { Diagnostic, FunctionSignature, Loc, ParamSpec, ParamValue, ProgramEdge, ProgramJson, ProgramNode, Registry } from './types';

/** Edit distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

/**
 * Bounds that keep "did you mean" cheap however large the program: a name longer than `maxNameLength` gets
 * no suggestion, one lookup compares against at most `maxCandidates` names (those whose length could be a
 * plausible typo come first), and one `check` makes at most `maxSuggestions` lookups. So suggestions cost
 * O(diagnostics) edit distances of bounded size, never diagnostics × node names.
 */
export const SUGGESTION_LIMITS = { maxNameLength: 64, maxCandidates: 256, maxSuggestions: 200 };

const plausible = (lower: string, other: string, d: number) =>
  (d <= Math.max(1, Math.floor(Math.max(lower.length, other.length) / 2.5)) && d < lower.length) ||
  (lower.length >= 3 && other.startsWith(lower));

/** Names grouped by length, so a lookup only looks at names whose length could be a plausible typo. */
export class NameIndex {
  private readonly byLength = new Map<number, number[]>();
  private readonly lowered: string[];
  /** Edit distances computed so far (what the limits bound; tests read it). */
  comparisons = 0;

  constructor(private readonly names: readonly string[]) {
    this.lowered = names.map((n) => n.toLowerCase());
    this.lowered.forEach((n, k) => {
      const bucket = this.byLength.get(n.length);
      if (bucket) bucket.push(k);
      else this.byLength.set(n.length, [k]);
    });
  }

  /**
   * The closest name to `name` (case-insensitive), if close enough to be a plausible typo: a few edits for
   * its length, or `name` is the start of it ("zoom" → "zoom-in"). Ties go to the name listed first.
   */
  closest(name: string): string | undefined {
    const lower = name.toLowerCase();
    if (lower.length > SUGGESTION_LIMITS.maxNameLength) return undefined;
    // A plausible typo is within 40% of the length; a prefix match may be longer (up to the length cap).
    const picked: number[] = [];
    const lengths = [...this.byLength.keys()]
      .filter((l) => l >= Math.floor(lower.length * 0.6) - 1 && l <= SUGGESTION_LIMITS.maxNameLength * 2)
      .sort((a, b) => Math.abs(a - lower.length) - Math.abs(b - lower.length) || a - b);
    for (const l of lengths) {
      for (const k of this.byLength.get(l)!) {
        if (picked.length >= SUGGESTION_LIMITS.maxCandidates) break;
        picked.push(k);
      }
    }
    picked.sort((a, b) => a - b);
    let best: string | undefined;
    let bestScore = Infinity;
    for (const k of picked) {
      const other = this.lowered[k];
      this.comparisons++;
      const d = distance(lower, other);
      if (plausible(lower, other, d) && d < bestScore) [best, bestScore] = [this.names[k], d];
    }
    return best;
  }
}

/** The closest of `names` to `name`, as `NameIndex.closest` (for one lookup in a small list). */
export function closest(name: string, names: Iterable<string>): string | undefined {
  return new NameIndex([...names]).closest(name);
}

const didYouMean = (name: string, names: Iterable<string>) => {
  const c = closest(name, names);
  return c ? `; did you mean '${c}'?` : '';
};

const list = (names: string[]) => (names.length ? names.join(', ') : 'none');

/** Parameter values with defaults filled in, as a function's `run` receives them. */
export function paramsWithDefaults(node: ProgramNode, sig: FunctionSignature): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = Object.create(null);
  for (const p of sig.params) {
    const v = (Object.hasOwn(node.params, p.name) ? node.params[p.name] : undefined) ?? p.default;
    if (v !== undefined) out[p.name] = v;
  }
  return out;
}

/** Why `value` does not fit `spec`, or undefined when it does. */
export function paramProblem(spec: ParamSpec, value: ParamValue): string | undefined {
  switch (spec.type) {
    case 'number':
      if (typeof value !== 'number') return `must be a number, got ${typeof value === 'string' ? JSON.stringify(value) : value}`;
      if (!Number.isFinite(value)) return `must be a finite number, got ${value}`;
      if (spec.integer && !Number.isInteger(value)) return `must be a whole number, got ${value}`;
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
        const range =
          spec.min !== undefined && spec.max !== undefined
            ? `between ${spec.min} and ${spec.max}`
            : spec.min !== undefined
              ? `at least ${spec.min}`
              : `at most ${spec.max}`;
        return `must be ${range}, got ${value}`;
      }
      return undefined;
    case 'string':
      return typeof value === 'string' ? undefined : `must be a string (in double quotes), got ${value}`;
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : `must be true or false, got ${typeof value === 'string' ? JSON.stringify(value) : value}`;
    case 'choice':
      if (typeof value === 'string' && spec.choices.includes(value)) return undefined;
      return `must be one of ${spec.choices.map((c) => `"${c}"`).join(', ')}, got ${typeof value === 'string' ? JSON.stringify(value) : value}${typeof value === 'string' ? didYouMean(value, spec.choices) : ''}`;
  }
}

/** Positions for a program without them (e.g. from JSON): where its statements are in `print(program)`. */
function located(program: ProgramJson): ProgramJson {
  if (program.nodes.every((n) => n.loc) && program.edges.every((e) => e.loc)) return program;
  const reparsed = parse(print(program)).program;
  if (reparsed.nodes.length !== program.nodes.length || reparsed.edges.length !== program.edges.length) return program;
  return {
    ...program,
    nodes: program.nodes.map((n, k) =>
      n.loc ? n : { ...n, loc: reparsed.nodes[k].loc, fnLoc: reparsed.nodes[k].fnLoc, paramLocs: reparsed.nodes[k].paramLocs },
    ),
    edges: program.edges.map((e, k) => (e.loc ? e : { ...e, loc: reparsed.edges[k].loc, toLoc: reparsed.edges[k].toLoc })),
  };
}

const START: Loc = { line: 1, column: 1 };

const specCache = new WeakMap<FunctionSignature, Map<string, ParamSpec>>();
/** A signature's parameters by name, built once per signature (not once per node). */
function specsOf(sig: FunctionSignature): Map<string, ParamSpec> {
  let specs = specCache.get(sig);
  if (!specs) specCache.set(sig, (specs = new Map(sig.params.map((p) => [p.name, p]))));
  return specs;
}

/** `stats`, when given, receives the number of edit distances computed (bounded by SUGGESTION_LIMITS). */
export function check(input: ProgramJson, registry: Registry, stats?: { comparisons: number }): Diagnostic[] {
  const program = located(input);
  const found: Diagnostic[] = [];
  // "Did you mean" against the function names and the node names: each index built once, lookups bounded.
  let nodeIndex: NameIndex | undefined;
  let fnIndex: NameIndex | undefined;
  let lookups = 0;
  const suggest = (name: string, index: () => NameIndex) => {
    if (lookups >= SUGGESTION_LIMITS.maxSuggestions) return '';
    lookups++;
    const c = index().closest(name);
    return c ? `; did you mean '${c}'?` : '';
  };
  const functionIndex = () => (fnIndex ??= new NameIndex([...registry.keys()]));
  const nodeNames = () => (nodeIndex ??= new NameIndex([...nodes.keys()]));
  const report = (severity: Diagnostic['severity'], loc: Loc | undefined, message: string, node?: string, port?: string) => {
    const d: Diagnostic = { severity, message, line: (loc ?? START).line, column: (loc ?? START).column };
    if (node !== undefined) d.node = node;
    if (port !== undefined) d.port = port;
    found.push(d);
  };

  // Nodes: names, functions, parameters.
  const nodes = new Map<string, ProgramNode>();
  for (const node of program.nodes) {
    if (nodes.has(node.id)) {
      const first = nodes.get(node.id)!.loc ?? START;
      report('error', node.loc, `duplicate node name '${node.id}' (first defined at ${first.line}:${first.column})`, node.id);
      continue;
    }
    nodes.set(node.id, node);
    const sig = registry.get(node.fn);
    if (!sig) {
      report('error', node.fnLoc ?? node.loc, `unknown function '${node.fn}'${suggest(node.fn, functionIndex)}`, node.id);
      continue;
    }
    const specs = specsOf(sig);
    const given = new Set(Object.keys(node.params));
    for (const [name, value] of Object.entries(node.params)) {
      const loc = node.paramLocs?.[name] ?? node.loc;
      const spec = specs.get(name);
      if (!spec) {
        const known = sig.params.map((p) => p.name);
        const hint = didYouMean(name, known) || ` (${node.fn} takes: ${list(known)})`;
        report('error', loc, `${node.fn} has no parameter '${name}'${hint}`, node.id, name);
        continue;
      }
      const problem = paramProblem(spec, value);
      if (problem) report('error', loc, `${node.id}.${name} ${problem}`, node.id, name);
    }
    for (const spec of sig.params) {
      if (spec.required && spec.default === undefined && !given.has(spec.name)) {
        report('error', node.loc, `${node.id} = ${node.fn}(…) is missing the required parameter '${spec.name}'`, node.id, spec.name);
      }
    }
  }

  // Edges: nodes, ports, types, fan-in.
  const valid: ProgramEdge[] = [];
  const fedBy = new Map<string, ProgramEdge>();
  const usedOutputs = new Set<string>();
  for (const edge of program.edges) {
    const src = nodes.get(edge.from.node);
    const dst = nodes.get(edge.to.node);
    if (!src) report('error', edge.loc, `unknown node '${edge.from.node}'${suggest(edge.from.node, nodeNames)}`, edge.from.node);
    if (!dst) report('error', edge.toLoc ?? edge.loc, `unknown node '${edge.to.node}'${suggest(edge.to.node, nodeNames)}`, edge.to.node);
    const srcSig = src && registry.get(src.fn);
    const dstSig = dst && registry.get(dst.fn);
    const outPort = srcSig?.outputs.find((p) => p.name === edge.from.port);
    const inPort = dstSig?.inputs.find((p) => p.name === edge.to.port);
    if (srcSig && !outPort) {
      const isInput = srcSig.inputs.some((p) => p.name === edge.from.port);
      const names = srcSig.outputs.map((p) => p.name);
      const hint = isInput
        ? ` ('${edge.from.port}' is an input; outputs: ${list(names)})`
        : didYouMean(edge.from.port, names) || ` (outputs: ${list(names)})`;
      report('error', edge.loc, `${src!.fn} has no output port '${edge.from.port}'${hint}`, edge.from.node, edge.from.port);
    }
    if (dstSig && !inPort) {
      const isOutput = dstSig.outputs.some((p) => p.name === edge.to.port);
      const names = dstSig.inputs.map((p) => p.name);
      const hint = isOutput
        ? ` ('${edge.to.port}' is an output; inputs: ${list(names)})`
        : didYouMean(edge.to.port, names) || ` (inputs: ${list(names)})`;
      report('error', edge.toLoc ?? edge.loc, `${dst!.fn} has no input port '${edge.to.port}'${hint}`, edge.to.node, edge.to.port);
    }
    if (outPort && inPort && outPort.type !== inPort.type) {
      report(
        'error',
        edge.toLoc ?? edge.loc,
        `type mismatch: ${edge.from.node}.${edge.from.port} is ${outPort.type} but ${edge.to.node}.${edge.to.port} expects ${inPort.type}`,
        edge.to.node,
        edge.to.port,
      );
    }
    // An input counts as fed even when the source side is wrong, so one mistake gives one error.
    if (inPort) {
      const key = `${edge.to.node}.${edge.to.port}`;
      const earlier = fedBy.get(key);
      if (earlier) {
        const at = earlier.loc ?? START;
        report(
          'error',
          edge.toLoc ?? edge.loc,
          `input ${key} is connected twice (already from ${earlier.from.node}.${earlier.from.port} at ${at.line}:${at.column})`,
          edge.to.node,
          edge.to.port,
        );
      } else fedBy.set(key, edge);
    }
    if (outPort) usedOutputs.add(`${edge.from.node}.${edge.from.port}`);
    // Only edges between real ports make up the topology that cycles are looked for in.
    if (outPort && inPort) valid.push(edge);
  }

  // Required inputs and unused outputs.
  for (const node of nodes.values()) {
    const sig = registry.get(node.fn);
    if (!sig) continue;
    for (const p of sig.inputs) {
      if (!p.optional && !fedBy.has(`${node.id}.${p.name}`)) {
        report('error', node.loc, `missing input: ${node.id}.${p.name} (${p.type}) is not connected`, node.id, p.name);
      }
    }
    const used = sig.outputs.filter((p) => usedOutputs.has(`${node.id}.${p.name}`));
    if (used.length) {
      for (const p of sig.outputs) {
        if (!used.includes(p))
          report('warning', node.loc, `unused output: ${node.id}.${p.name} (${p.type}) is not connected`, node.id, p.name);
      }
    }
  }

  // The first edge between each pair of nodes, to locate a cycle at its first step.
  const firstEdge = new Map<string, ProgramEdge>();
  for (const e of valid) {
    const key = `${e.from.node}\u0000${e.to.node}`;
    if (!firstEdge.has(key)) firstEdge.set(key, e);
  }
  for (const cycle of findCycles([...nodes.keys()], valid)) {
    const edge = firstEdge.get(`${cycle[0]}\u0000${cycle[1] ?? cycle[0]}`);
    const names = [...cycle, cycle[0]].join(' -> ');
    report(
      'error',
      edge?.loc ?? nodes.get(cycle[0])?.loc,
      `cycle: ${names} (a program must not feed a node's output back into itself)`,
      cycle[0],
    );
  }

  if (stats) stats.comparisons += (nodeIndex?.comparisons ?? 0) + (fnIndex?.comparisons ?? 0);
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** One cycle (as node ids in order) per strongly connected component that has one (Tarjan). */
export function findCycles(ids: string[], edges: ProgramEdge[]): string[][] {
  // Nodes as indices 0..n-1 and successors in CSR form: typed arrays, no per-node objects.
  const n = ids.length;
  const order = new Map(ids.map((id, k) => [id, k]));
  const from: number[] = [];
  const to: number[] = [];
  for (const e of edges) {
    const a = order.get(e.from.node);
    const b = order.get(e.to.node);
    if (a !== undefined && b !== undefined) (from.push(a), to.push(b));
  }
  const first = new Int32Array(n + 1);
  for (const a of from) first[a + 1]++;
  for (let v = 0; v < n; v++) first[v + 1] += first[v];
  const succ = new Int32Array(from.length);
  const fill = first.slice(0, n);
  from.forEach((a, k) => (succ[fill[a]++] = to[k]));

  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  // Iterative Tarjan, so a long chain cannot overflow the call stack; `next[v]` is v's next successor slot.
  const next = first.slice(0, n);
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    const work = [root];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length) {
      const v = work[work.length - 1];
      if (next[v] < first[v + 1]) {
        const w = succ[next[v]++];
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push(w);
        } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        components.push(comp);
      }
    }
  }
  const cycles: number[][] = [];
  const member = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  components.forEach((comp, c) => {
    const start = comp.reduce((a, b) => Math.min(a, b));
    if (comp.length === 1) {
      if (succ.subarray(first[start], first[start + 1]).includes(start)) cycles.push([start]);
      return;
    }
    for (const v of comp) member[v] = c;
    // Shortest way round from `start` back to itself inside the component (BFS).
    const queue = [start];
    for (let head = 0; head < queue.length && prev[start] < 0;) {
      const v = queue[head++];
      for (let k = first[v]; k < first[v + 1]; k++) {
        const w = succ[k];
        if (member[w] !== c || prev[w] >= 0) continue;
        prev[w] = v;
        if (w === start) break;
        queue.push(w);
      }
    }
    const path: number[] = [];
    for (let v = prev[start]; v !== start; v = prev[v]) path.push(v);
    cycles.push([start, ...path.reverse()]);
  });
  return cycles.sort((a, b) => a[0] - b[0]).map((cycle) => cycle.map((v) => ids[v]));
}

/** The program's results: output ports not connected to anything, with their types. */
export function programOutputs(program: ProgramJson, registry: Registry): { node: string; port: string; type: string }[] {
  const used = new Set(program.edges.map((e) => `${e.from.node}.${e.from.port}`));
  const seen = new Set<string>();
  const outputs: { node: string; port: string; type: string }[] = [];
  for (const node of program.nodes) {
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    for (const p of registry.get(node.fn)?.outputs ?? []) {
      if (!used.has(`${node.id}.${p.name}`)) outputs.push({ node: node.id, port: p.name, type: p.type });
    }
  }
  return outputs;
}
