/**
 * The graph view's model, framework-free: program → positioned nodes and edges, and graph edits as
 * program edits. Every graph edit is applied to the parsed program and printed back to text with alang's
 * `print` (comments survive), so text and graph are always the same program. Layout lives apart from the
 * program (`ProgramLayout`), as the language asks; nodes without a saved position get a layered layout.
 *
 * Example:
 *   const view = graphOf(program, registry, layout);     // { nodes: [{ id, x, y, fn, inputs, outputs }], edges }
 *   const text = connect(program, { node: 'img', port: 'image' }, { node: 'toon', port: 'image' });
 */
import { print } from '../lang';
import type { FunctionSignature, ProgramJson, ProgramLayout } from '../lang/types';

export interface GraphNode {
  id: string;
  fn: string;
  x: number;
  y: number;
  params: string;
  inputs: { name: string; type: string; optional?: boolean }[];
  outputs: { name: string; type: string }[];
  known: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
  type: string;
}

export const edgeId = (e: { from: { node: string; port: string }; to: { node: string; port: string } }) =>
  `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`;

/** Column = longest path from a source node; row = order within the column. */
export function layeredLayout(program: ProgramJson): Record<string, { x: number; y: number }> {
  const depth = new Map<string, number>(program.nodes.map((n) => [n.id, 0]));
  // Bellman-style relaxation, bounded so a cycle cannot loop forever.
  for (let i = 0; i < program.nodes.length; i++) {
    let changed = false;
    for (const e of program.edges) {
      const d = (depth.get(e.from.node) ?? 0) + 1;
      if (depth.has(e.to.node) && d > depth.get(e.to.node)! && d < program.nodes.length) {
        depth.set(e.to.node, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = new Map<number, number>();
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of program.nodes) {
    const col = depth.get(n.id)!;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    out[n.id] = { x: 40 + col * 250, y: 30 + row * 150 };
  }
  return out;
}

export function graphOf(
  program: ProgramJson,
  registry: ReadonlyMap<string, FunctionSignature>,
  layout: ProgramLayout,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const auto = layeredLayout(program);
  const nodes = program.nodes.map((n): GraphNode => {
    const sig = registry.get(n.fn);
    const pos = layout.nodes[n.id] ?? auto[n.id];
    return {
      id: n.id,
      fn: n.fn,
      x: pos.x,
      y: pos.y,
      params: Object.entries(n.params)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : v}`)
        .join(', '),
      inputs: sig?.inputs.map((p) => ({ name: p.name, type: p.type, optional: p.optional })) ?? [],
      outputs: sig?.outputs.map((p) => ({ name: p.name, type: p.type })) ?? [],
      known: !!sig,
    };
  });
  const edges = program.edges.map((e): GraphEdge => {
    const type =
      registry.get(program.nodes.find((n) => n.id === e.from.node)?.fn ?? '')?.outputs.find((p) => p.name === e.from.port)?.type ?? '';
    return { id: edgeId(e), source: e.from.node, sourceHandle: e.from.port, target: e.to.node, targetHandle: e.to.port, type };
  });
  return { nodes, edges };
}

type Port = { node: string; port: string };

/** Adds an edge; an input port takes one edge, so an existing edge into `to` is replaced. */
export function connect(program: ProgramJson, from: Port, to: Port): string {
  const edges = program.edges.filter((e) => !(e.to.node === to.node && e.to.port === to.port));
  return print({ ...program, edges: [...edges, { from, to }] });
}

export function removeEdges(program: ProgramJson, ids: Set<string>): string {
  return print({ ...program, edges: program.edges.filter((e) => !ids.has(edgeId(e))) });
}

/** Removes nodes and every edge touching them. */
export function removeNodes(program: ProgramJson, ids: Set<string>): string {
  return print({
    ...program,
    nodes: program.nodes.filter((n) => !ids.has(n.id)),
    edges: program.edges.filter((e) => !ids.has(e.from.node) && !ids.has(e.to.node)),
  });
}

/** A fresh id for a new node of `fn`: lower-case function name plus a number. */
export function freshId(program: ProgramJson, fn: string): string {
  const base = fn.replace(/[^A-Za-z0-9_]/g, '').toLowerCase() || 'node';
  const taken = new Set(program.nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

export function addNode(program: ProgramJson, fn: string, id = freshId(program, fn)): { text: string; id: string } {
  return { text: print({ ...program, nodes: [...program.nodes, { id, fn, params: {} }] }), id };
}

/** Removes nodes (and their edges) and edges in one edit, as a Delete key press in the graph does. */
export function removeItems(program: ProgramJson, nodeIds: Set<string>, edgeIds: Set<string>): string {
  return print({
    ...program,
    nodes: program.nodes.filter((n) => !nodeIds.has(n.id)),
    edges: program.edges.filter((e) => !nodeIds.has(e.from.node) && !nodeIds.has(e.to.node) && !edgeIds.has(edgeId(e))),
  });
}
