/**
 * The JSON form of a program, for execution and exchange: `{ version: 1, nodes, edges, comments? }` with
 * nodes `{ id, fn, params, comments?, trailingComment? }` and edges `{ from: {node, port}, to: {node, port} }`.
 * Source positions and editor layout are never part of it.
 *
 * `fromJson` validates the shape and never throws: each problem is a `Diagnostic` with its JSON path
 * (`nodes[1].params.levels`) and the line:column of that value in the JSON text.
 *
 * Example:
 *   const { program, diagnostics } = fromJson(toJson(parse('n = Number(value=2)').program));
 *   // diagnostics → []; program.nodes[0].params.value → 2
 */
import { IDENT_RE, RESERVED_NAMES } from './parse';
import type { Diagnostic, Loc, ParamValue, ProgramEdge, ProgramJson, ProgramNode } from './types';

/** The program without source positions: what `toJson` writes and what round-trip equality compares. */
export function stripLocs(program: ProgramJson): ProgramJson {
  const out: ProgramJson = {
    version: 1,
    nodes: program.nodes.map((n) => {
      const node: ProgramNode = { id: n.id, fn: n.fn, params: { ...n.params } };
      if (n.comments?.length) node.comments = [...n.comments];
      if (n.trailingComment !== undefined) node.trailingComment = n.trailingComment;
      return node;
    }),
    edges: program.edges.map((e) => {
      const edge: ProgramEdge = { from: { ...e.from }, to: { ...e.to } };
      if (e.comments?.length) edge.comments = [...e.comments];
      if (e.trailingComment !== undefined) edge.trailingComment = e.trailingComment;
      return edge;
    }),
  };
  if (program.comments?.length) out.comments = [...program.comments];
  return out;
}

export function toJson(program: ProgramJson): string {
  return JSON.stringify(stripLocs(program), null, 2) + '\n';
}

// --- a small JSON reader that remembers where each value starts ---------------------------------------

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Deeper than this is no program (a program is 4 levels deep); refused before the stack could overflow. */
export const MAX_JSON_DEPTH = 64;

/** A key as it appears in a JSON path; long keys are cut so paths stay short however the text is nested. */
const pathKey = (key: string) => (key.length > 64 ? `${key.slice(0, 64)}…` : key);

function readJson(text: string): { value: unknown; offsets: Map<string, number> } {
  const offsets = new Map<string, number>();
  let i = 0;
  let depth = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(i < text.length ? `${what}, found '${text[i]}'` : `${what}, found end of input`, i);
  };
  const readValue = (path: string): unknown => {
    ws();
    offsets.set(path, i);
    const c = text[i];
    if ((c === '{' || c === '[') && depth >= MAX_JSON_DEPTH) {
      throw new JsonSyntaxError(`nesting too deep at ${path || 'the top'} (more than ${MAX_JSON_DEPTH} levels of objects and arrays)`, i);
    }
    if (c === '{') {
      i++;
      depth++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        depth--;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        const key = readString();
        ws();
        if (text[i] !== ':') fail(`expected ':' after "${key}"`);
        i++;
        const value = readValue(path ? `${path}.${pathKey(key)}` : pathKey(key));
        Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          depth--;
          return obj;
        } else fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      depth++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        depth--;
        return arr;
      }
      for (;;) {
        arr.push(readValue(`${path}[${arr.length}]`));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          depth--;
          return arr;
        } else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return readString();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!m) fail('expected a JSON value');
    i += m![0].length;
    return JSON.parse(m![0]);
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text[i] < ' ') {
        throw new JsonSyntaxError('control character in string', i);
      }
      i++;
    }
    if (i >= text.length) throw new JsonSyntaxError('string is not closed', start);
    i++;
    try {
      return JSON.parse(text.slice(start, i));
    } catch {
      throw new JsonSyntaxError('bad escape in string', start);
    }
  };
  const value = readValue('');
  ws();
  if (i < text.length) fail('expected end of input');
  return { value, offsets };
}

/** line:column of any offset in `text`, by binary search over line starts found in one pass. */
function lineLocator(text: string): (offset: number) => Loc {
  const starts = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

// --- validation ---------------------------------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Accepts JSON text (positions are then exact) or an already parsed value (positions are 1:1). */
export function fromJson(input: string | unknown): { program: ProgramJson; diagnostics: Diagnostic[] } {
  const program: ProgramJson = { version: 1, nodes: [], edges: [] };
  const diagnostics: Diagnostic[] = [];
  let value: unknown = input;
  let offsets = new Map<string, number>();
  // A UTF-8 byte order mark (as some editors save) is not part of the document.
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : '';
  const locAt = lineLocator(text);
  if (typeof input === 'string') {
    try {
      ({ value, offsets } = readJson(text));
    } catch (e) {
      const offset = e instanceof JsonSyntaxError ? e.offset : 0;
      // A RangeError here is the engine's stack limit on a deep document that the depth cap did not catch.
      const message = e instanceof JsonSyntaxError ? e.message : `cannot read (${e instanceof Error ? e.message : String(e)})`;
      return { program, diagnostics: [{ severity: 'error', message: `invalid JSON: ${message}`, ...locAt(offset) }] };
    }
  }
  const where = (path: string): Loc => {
    // The value itself, or the nearest enclosing value we know a position for.
    for (let p = path; ;) {
      const off = offsets.get(p);
      if (off !== undefined) return locAt(off);
      if (p === '') return { line: 1, column: 1 };
      const parent = p.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
      p = parent === p ? '' : parent;
    }
  };
  const problem = (path: string, message: string, node?: string) => {
    diagnostics.push({ severity: 'error', message: `${path || 'document'}: ${message}`, path, node, ...where(path) });
  };
  const name = (v: unknown, path: string, what: string): v is string => {
    if (typeof v !== 'string' || !IDENT_RE.test(v) || RESERVED_NAMES.has(v)) {
      problem(path, `${what} must be a name (letters, digits, _; not starting with a digit), got ${JSON.stringify(v) ?? String(v)}`);
      return false;
    }
    return true;
  };
  const comments = (v: unknown, path: string): string[] | undefined => {
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((c) => typeof c !== 'string' || /[\r\n]/.test(c))) {
      problem(path, 'comments must be an array of single-line strings');
      return undefined;
    }
    return v.length ? [...v] : undefined;
  };
  const trailing = (v: unknown, path: string): string | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || /[\r\n]/.test(v)) {
      problem(path, 'trailingComment must be a single-line string');
      return undefined;
    }
    return v;
  };
  const unknownKeys = (obj: Record<string, unknown>, allowed: string[], path: string) => {
    for (const k of Object.keys(obj))
      if (!allowed.includes(k))
        problem(path ? `${path}.${pathKey(k)}` : pathKey(k), `unknown field '${k}' (allowed: ${allowed.join(', ')})`);
  };

  if (!isObject(value)) {
    problem('', 'a program must be an object { version: 1, nodes: [...], edges: [...] }');
    return { program, diagnostics };
  }
  unknownKeys(value, ['version', 'nodes', 'edges', 'comments'], '');
  if (value.version !== 1) problem('version', `version must be 1, got ${JSON.stringify(value.version) ?? 'nothing'}`);
  const topComments = comments(value.comments, 'comments');
  if (topComments) program.comments = topComments;

  if (!Array.isArray(value.nodes)) problem('nodes', 'nodes must be an array');
  else
    value.nodes.forEach((n, k) => {
      const path = `nodes[${k}]`;
      if (!isObject(n)) return problem(path, 'a node must be an object { id, fn, params }');
      unknownKeys(n, ['id', 'fn', 'params', 'comments', 'trailingComment'], path);
      let ok = name(n.id, `${path}.id`, 'id');
      ok = name(n.fn, `${path}.fn`, 'fn') && ok;
      const params: Record<string, ParamValue> = Object.create(null);
      if (n.params !== undefined && !isObject(n.params)) {
        problem(`${path}.params`, 'params must be an object of name → string, number or boolean');
        ok = false;
      } else
        for (const [key, v] of Object.entries(n.params ?? {})) {
          const ppath = `${path}.params.${pathKey(key)}`;
          if (!name(key, ppath, 'a parameter name')) ok = false;
          else if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) params[key] = v;
          else {
            problem(
              ppath,
              `parameter ${key} must be a string, a finite number or a boolean, got ${JSON.stringify(v) ?? String(v)}`,
              String(n.id),
            );
            ok = false;
          }
        }
      if (!ok) return;
      const node: ProgramNode = { id: n.id as string, fn: n.fn as string, params };
      const c = comments(n.comments, `${path}.comments`);
      if (c) node.comments = c;
      const t = trailing(n.trailingComment, `${path}.trailingComment`);
      if (t !== undefined) node.trailingComment = t;
      program.nodes.push(node);
    });

  if (!Array.isArray(value.edges)) problem('edges', 'edges must be an array');
  else
    value.edges.forEach((e, k) => {
      const path = `edges[${k}]`;
      if (!isObject(e)) return problem(path, 'an edge must be an object { from: {node, port}, to: {node, port} }');
      unknownKeys(e, ['from', 'to', 'comments', 'trailingComment'], path);
      let ok = true;
      for (const end of ['from', 'to'] as const) {
        const ref = e[end];
        if (!isObject(ref)) {
          problem(`${path}.${end}`, `${end} must be an object { node, port }`);
          ok = false;
          continue;
        }
        ok = name(ref.node, `${path}.${end}.node`, 'node') && ok;
        ok = name(ref.port, `${path}.${end}.port`, 'port') && ok;
      }
      if (!ok) return;
      const from = e.from as { node: string; port: string };
      const to = e.to as { node: string; port: string };
      const edge: ProgramEdge = { from: { node: from.node, port: from.port }, to: { node: to.node, port: to.port } };
      const c = comments(e.comments, `${path}.comments`);
      if (c) edge.comments = c;
      const t = trailing(e.trailingComment, `${path}.trailingComment`);
      if (t !== undefined) edge.trailingComment = t;
      program.edges.push(edge);
    });
  return { program, diagnostics };
}
