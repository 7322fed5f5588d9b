/**
 * Text syntax → `ProgramJson`. One statement per line (grammar in src/workflow/GRAMMAR.md):
 *
 *   img  = LoadImage(source="cat.jpg")   # a node: id = Function(param=literal, …)
 *   img.image -> toon.image               # an edge: node.outputPort -> node.inputPort
 *
 * Never throws: a line that does not parse becomes a located `Diagnostic` and is skipped, so the
 * statements around it still reach the checker and the graph view. Columns count UTF-16 code units, 1-based.
 *
 * Example:
 *   const { program, diagnostics } = parse('a = TextInput(text="hi")\nb = Case(mode="upper")\na.text -> b.text');
 *   // program.nodes[1] → { id: 'b', fn: 'Case', params: { mode: 'upper' }, … }; diagnostics → []
 */
import type { Diagnostic, Loc, ParamValue, ProgramEdge, ProgramJson, ProgramNode } from './types';

type TokenKind = 'ident' | 'number' | 'string' | '=' | '(' | ')' | ',' | '.' | '->' | 'comment' | 'end';

interface Token {
  kind: TokenKind;
  /** Source text of the token (for strings and comments: the decoded value). */
  text: string;
  value?: ParamValue;
  column: number;
}

/** Names that would clash with JavaScript objects when used as keys. */
export const RESERVED_NAMES = new Set(['true', 'false', '__proto__']);

export const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Sticky (`y`): matched in place at `lastIndex`, so a long line is never copied once per number.
const NUMBER_RE = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class LineError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'end of line';
    case 'ident':
      return `'${t.text}'`;
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${t.text}`;
    case 'comment':
      return 'a comment';
    default:
      return `'${t.kind}'`;
  }
}

/** Tokens of one line; the last is always 'end' (a comment, if any, comes right before it). */
function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    const column = i + 1;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '#') {
      tokens.push({ kind: 'comment', text: line.slice(i + 1), column });
      i = line.length;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < line.length && /[A-Za-z0-9_]/.test(line[j])) j++;
      tokens.push({ kind: 'ident', text: line.slice(i, j), column });
      i = j;
    } else if (c === '-' && line[i + 1] === '>') {
      tokens.push({ kind: '->', text: '->', column });
      i += 2;
    } else if (/[-0-9.]/.test(c) && ((NUMBER_RE.lastIndex = i), NUMBER_RE.test(line))) {
      const text = line.slice(i, NUMBER_RE.lastIndex);
      const value = Number(text) + 0; // -0 becomes 0: JSON cannot carry -0, and no parameter needs it
      if (!Number.isFinite(value)) throw new LineError(`number ${text} is too large`, column);
      const next = line[i + text.length];
      if (next !== undefined && /[A-Za-z0-9_.]/.test(next)) {
        throw new LineError(`unexpected '${next}' after the number ${text}`, i + text.length + 1);
      }
      tokens.push({ kind: 'number', text, value, column });
      i += text.length;
    } else if (c === '"') {
      const [value, end] = readString(line, i);
      tokens.push({ kind: 'string', text: value, value, column });
      i = end;
    } else if ('=(),.'.includes(c)) {
      tokens.push({ kind: c as TokenKind, text: c, column });
      i++;
    } else {
      const message = c === "'" ? `unexpected character "'"; strings use double quotes` : `unexpected character '${c}'`;
      throw new LineError(message, column);
    }
  }
  tokens.push({ kind: 'end', text: '', column: line.length + 1 });
  return tokens;
}

/** Reads a double-quoted string starting at `start`; returns the value and the index after the closing quote. */
function readString(line: string, start: number): [string, number] {
  let out = '';
  let i = start + 1;
  while (i < line.length) {
    const c = line[i];
    if (c === '"') return [out, i + 1];
    if (c === '\\') {
      const e = line[i + 1];
      if (e === undefined) break;
      if (Object.hasOwn(SIMPLE_ESCAPES, e)) {
        out += SIMPLE_ESCAPES[e];
        i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(line.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(line.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        throw new LineError(`unknown escape '\\${e}' in string (use \\" \\\\ \\n \\t \\r \\b \\f \\/ or \\uXXXX)`, i + 1);
      }
    } else if (c < ' ') {
      throw new LineError('control character in string; write it as an escape such as \\t', i + 1);
    } else {
      out += c;
      i++;
    }
  }
  throw new LineError('string is not closed; add a closing "', start + 1);
}

type Statement =
  { kind: 'node'; node: ProgramNode } | { kind: 'edge'; edge: ProgramEdge } | { kind: 'comment'; text: string } | { kind: 'blank' };

function parseLine(tokens: Token[], lineNo: number): Statement {
  let pos = 0;
  const peek = () => tokens[pos];
  const at = (t: Token): Loc => ({ line: lineNo, column: t.column });
  const expect = (kind: TokenKind, what: string): Token => {
    const t = tokens[pos];
    if (t.kind !== kind) throw new LineError(`expected ${what}, found ${describe(t)}`, t.column);
    pos++;
    return t;
  };
  const name = (what: string): Token => {
    const t = expect('ident', what);
    if (RESERVED_NAMES.has(t.text)) throw new LineError(`'${t.text}' cannot be used as a name`, t.column);
    return t;
  };
  // The comment, if any, sits just before 'end'.
  const last = tokens[tokens.length - 2];
  const comment = last?.kind === 'comment' ? last.text : undefined;
  if (comment !== undefined) tokens.splice(tokens.length - 2, 1);

  if (peek().kind === 'end') return comment === undefined ? { kind: 'blank' } : { kind: 'comment', text: comment };

  const first = name('a node name or an edge (node.port -> node.port)');
  if (peek().kind === '=') {
    pos++;
    const fn = name('a function name after =');
    expect('(', `'(' after ${fn.text}`);
    // Null-prototype bags: a parameter called `constructor` or `toString` is just a name.
    const params: Record<string, ParamValue> = Object.create(null);
    const paramLocs: Record<string, Loc> = Object.create(null);
    while (peek().kind !== ')') {
      const p = name("a parameter name or ')'");
      if (Object.hasOwn(paramLocs, p.text)) throw new LineError(`parameter '${p.text}' is given twice`, p.column);
      expect('=', `'=' after parameter ${p.text}`);
      const v = peek();
      if (v.kind === 'string' || v.kind === 'number') {
        params[p.text] = v.value!;
      } else if (v.kind === 'ident' && (v.text === 'true' || v.text === 'false')) {
        params[p.text] = v.text === 'true';
      } else {
        const hint = v.kind === 'ident' ? ` (strings need quotes: "${v.text}")` : '';
        throw new LineError(`expected a value (string, number, true or false) for ${p.text}, found ${describe(v)}${hint}`, v.column);
      }
      paramLocs[p.text] = at(p);
      pos++;
      if (peek().kind === ',') pos++;
      else if (peek().kind !== ')')
        throw new LineError(`expected ',' or ')' after the value of ${p.text}, found ${describe(peek())}`, peek().column);
    }
    pos++;
    expect('end', 'end of line after )');
    const node: ProgramNode = { id: first.text, fn: fn.text, params, loc: at(first), fnLoc: at(fn), paramLocs };
    if (comment !== undefined) node.trailingComment = comment;
    return { kind: 'node', node };
  }
  if (peek().kind === '.') {
    pos++;
    const fromPort = name(`a port name after '${first.text}.'`);
    expect('->', `'->' after ${first.text}.${fromPort.text}`);
    const toNode = name("a node name after '->'");
    expect('.', `'.' and a port name after ${toNode.text}`);
    const toPort = name(`a port name after '${toNode.text}.'`);
    expect('end', 'end of line after the edge');
    const edge: ProgramEdge = {
      from: { node: first.text, port: fromPort.text },
      to: { node: toNode.text, port: toPort.text },
      loc: at(first),
      toLoc: at(toNode),
    };
    if (comment !== undefined) edge.trailingComment = comment;
    return { kind: 'edge', edge };
  }
  throw new LineError(`expected '=' (a node) or '.' (an edge) after '${first.text}', found ${describe(peek())}`, peek().column);
}

export function parse(text: string): { program: ProgramJson; diagnostics: Diagnostic[] } {
  const program: ProgramJson = { version: 1, nodes: [], edges: [] };
  const diagnostics: Diagnostic[] = [];
  let pending: string[] = [];
  // A UTF-8 byte order mark (as some editors save) is not part of the program.
  const lines = String(text)
    .replace(/^\uFEFF/, '')
    .split('\n');
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineNo = index + 1;
    let statement: Statement;
    try {
      statement = parseLine(tokenize(line), lineNo);
    } catch (e) {
      const column = e instanceof LineError ? e.column : 1;
      const message = e instanceof Error ? e.message : String(e);
      const diagnostic: Diagnostic = { severity: 'error', message, line: lineNo, column };
      // A broken node declaration still names its node, so the graph view can mark it.
      const declared = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
      if (declared && !RESERVED_NAMES.has(declared)) diagnostic.node = declared;
      diagnostics.push(diagnostic);
      pending = [];
      return;
    }
    if (statement.kind === 'comment') {
      pending.push(statement.text);
    } else if (statement.kind === 'node' || statement.kind === 'edge') {
      const item = statement.kind === 'node' ? statement.node : statement.edge;
      if (pending.length) item.comments = pending;
      pending = [];
      if (statement.kind === 'node') program.nodes.push(statement.node);
      else program.edges.push(statement.edge);
    }
    // A blank line keeps the comments above it attached to the next statement.
  });
  if (pending.length) program.comments = pending;
  return { program, diagnostics };
}
