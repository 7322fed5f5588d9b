/**
 * `ProgramJson` → canonical text: nodes in program order, a blank line, then edges in program order;
 * `id = Fn(a=1, b="x")` with one space around `=` between id and function and `, ` between parameters;
 * strings as JSON strings; comments kept above (or at the end of) their statement; a final newline.
 * `parse(print(p))` gives back `p` (apart from source positions) for every valid program.
 *
 * Example:
 *   print({ version: 1, nodes: [{ id: 'n', fn: 'Number', params: { value: -2.5 } }], edges: [] })
 *   // → 'n = Number(value=-2.5)\n'
 */
import type { ParamValue, ProgramEdge, ProgramJson, ProgramNode } from './types';

export function printValue(value: ParamValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  return value ? 'true' : 'false';
}

function withComments(item: ProgramNode | ProgramEdge, statement: string): string[] {
  const lines = (item.comments ?? []).map((c) => `#${c}`);
  lines.push(item.trailingComment === undefined ? statement : `${statement} #${item.trailingComment}`);
  return lines;
}

export function printNode(node: ProgramNode): string {
  const params = Object.entries(node.params).map(([k, v]) => `${k}=${printValue(v)}`);
  return `${node.id} = ${node.fn}(${params.join(', ')})`;
}

export function printEdge(edge: ProgramEdge): string {
  return `${edge.from.node}.${edge.from.port} -> ${edge.to.node}.${edge.to.port}`;
}

export function print(program: ProgramJson): string {
  const nodeLines = program.nodes.flatMap((n) => withComments(n, printNode(n)));
  const edgeLines = program.edges.flatMap((e) => withComments(e, printEdge(e)));
  const blocks = [nodeLines, edgeLines, (program.comments ?? []).map((c) => `#${c}`)].filter((b) => b.length);
  return blocks.length ? blocks.map((b) => b.join('\n')).join('\n\n') + '\n' : '';
}
