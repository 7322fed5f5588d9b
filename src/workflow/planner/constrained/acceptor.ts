/**
 * A byte-level incremental acceptor for A-Language programs that parse AND check against the function signatures:
 * the grammar under constrained decoding. It reads the program one UTF-8 byte at a time and refuses every byte that
 * would leave the set of prefixes of valid programs, so that whatever is accepted can always still be finished.
 *
 * The accepted form is the canonical text (GRAMMAR.md) with a few limits, one statement per line:
 *   id = Function(param=value, param=value)      # fresh lowercase id; a registered function whose required input
 *                                                #   types some earlier node produces; each parameter at most once,
 *                                                #   values of its type in range; `)` only once the required ones are given
 *   src.output -> dst.input                       # src declared before dst; an input not yet connected, same type
 * The end is accepted only when at least one node exists and every required input is connected. Because edges go from
 * earlier to later nodes there are no cycles, and because each input is fed once there are no double connections.
 * Warnings (an unused output of a node whose other outputs are used) remain possible: they do not stop a run.
 *
 * Limits keep every output finite: `maxNodes`, `maxIdLength`, `maxStringLength` (characters), numbers with at most 9 + 6
 * digits (./number.ts). Termination: `completion(state)` is a short way to finish from any state; `settle(state, room)`
 * switches to that forced closing when the bytes left (`room`) get near its length, and after that only it is accepted.
 * States are immutable (every `next` returns a new one), so a token trie can be walked from one state.
 *
 * Example:
 *   const a = new ProgramAcceptor(getRegistry());
 *   let s = a.start();
 *   for (const b of new TextEncoder().encode('t = TextInput(text="hi")\nc = Case(mode="upper")\nt.text -> c.text')) s = a.next(s, b)!;
 *   a.canEnd(s); // true
 *   a.next(a.start(), 'T'.charCodeAt(0)); // undefined: node ids are lowercase
 */
import type { FreeRun } from '../../../llm/constrained-decoding';
import type { FunctionSignature, ParamSpec, PortSpec, Registry } from '../../lang/types';
import { finishNumber, numberComplete, numberPrefixOk, type NumberSpec } from './number';

export interface AcceptorLimits {
  /** Most nodes in a program (default 8). */
  maxNodes: number;
  /** Longest node id (default 12). */
  maxIdLength: number;
  /** Longest string value, in characters (default 80). */
  maxStringLength: number;
}

export const DEFAULT_LIMITS: AcceptorLimits = { maxNodes: 8, maxIdLength: 12, maxStringLength: 80 };

interface NodeInfo {
  id: string;
  sig: FunctionSignature;
  index: number;
}

/** A node whose line is being written: its id, function and the parameters given so far. */
interface Draft {
  id: string;
  sig: FunctionSignature;
  given: readonly string[];
}

interface Edge {
  src: NodeInfo;
  out: PortSpec;
  dst: NodeInfo;
  inp: PortSpec;
}

/** The committed statements (immutable: a new one per committed line), with lazily computed views. */
interface Prog {
  nodes: readonly NodeInfo[];
  ids: ReadonlySet<string>;
  /** `node.port` of every connected input. */
  fed: ReadonlySet<string>;
  /** Required inputs not yet connected. */
  pending: number;
  cache: { fns?: string[]; fnPrefixes?: Set<string>; edges?: Edge[]; sources?: Set<string>; sourcePrefixes?: Set<string> };
}

type Phase =
  | { k: 'head'; text: string } // the first name of a line ('' at a line start): a node id or an edge's source
  | { k: 'lit'; s: string; i: number; then: Phase } // fixed text still to come
  | { k: 'fn'; id: string; text: string }
  | { k: 'args'; node: Draft; after: boolean } // after '(' (after = false) or after a value
  | { k: 'pname'; node: Draft; text: string }
  | { k: 'str'; node: Draft; len: number; utf8: number } // inside quotes: characters so far, continuation bytes due
  | { k: 'num'; node: Draft; spec: NumberSpec; text: string }
  | { k: 'word'; node: Draft; opts: readonly Uint8Array[]; pos: number } // a choice (quoted) or true/false
  | { k: 'end' } // after a node line: newline or the end
  | { k: 'port'; src: NodeInfo; text: string }
  | { k: 'dst'; src: NodeInfo; out: PortSpec; text: string }
  | { k: 'dstPort'; src: NodeInfo; out: PortSpec; dst: NodeInfo; text: string };

export interface AcceptorState {
  readonly prog: Prog;
  readonly phase: Phase;
  /** Bytes accepted so far. */
  readonly used: number;
  /** Once closing: the bytes that must follow, and how many of them are done. */
  readonly forced?: Uint8Array;
  readonly fi: number;
  /** Inside strings: `next` by byte (null: refused), filled as the token trie is walked; not part of the state's value. */
  memo?: (AcceptorState | null)[];
}

const RESERVED = new Set(['true', 'false', '__proto__']);
const ID_RE = /^[a-z][a-z0-9_]*$/;
const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_';
const encoder = new TextEncoder();
const NL = 0x0a;
const QUOTE = 0x22;

/** Bytes that a string treats alike (its quote, backslash and control bytes are not plain). */
function byteClass(b: number): number {
  return b < 0x80 ? 0 : b < 0xc0 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
}

const isPlainStringByte = (b: number) => b >= 0x20 && b !== QUOTE && b !== 0x5c && b !== 0x7f && b !== 0xc0 && b !== 0xc1 && b < 0xf5;

function isIdByte(b: number, first: boolean): boolean {
  return (b >= 0x61 && b <= 0x7a) || (!first && ((b >= 0x30 && b <= 0x39) || b === 0x5f));
}

function isNameByte(b: number): boolean {
  return (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x5f;
}

function prefixSet(names: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const n of names) for (let i = 1; i <= n.length; i++) out.add(n.slice(0, i));
  return out;
}

const requiredInputs = (sig: FunctionSignature) => sig.inputs.filter((p) => !p.optional);
const remainingParams = (d: Draft) => d.sig.params.filter((p) => !d.given.includes(p.name));
const requiredDone = (d: Draft) => d.sig.params.every((p) => !p.required || p.default !== undefined || d.given.includes(p.name));
const mustGive = (p: ParamSpec) => Boolean(p.required) && p.default === undefined;

export class ProgramAcceptor {
  readonly limits: AcceptorLimits;
  private readonly sigs: FunctionSignature[];
  private readonly wordOpts = new WeakMap<ParamSpec, Uint8Array[]>();
  /** An upper bound on how much one node line (and the edges it will need) adds to the closing. */
  readonly growth: number;

  constructor(registry: Registry, limits: Partial<AcceptorLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.sigs = [...registry.values()];
    const port = Math.max(1, ...this.sigs.flatMap((s) => [...s.inputs, ...s.outputs].map((p) => p.name.length)));
    const edgeLine = 2 * this.limits.maxIdLength + 2 * port + 7;
    this.growth = Math.max(
      0,
      ...this.sigs.map(
        (s) => this.limits.maxIdLength + 4 + s.name.length + this.callText(s, [], false).length + requiredInputs(s).length * edgeLine,
      ),
    );
  }

  start(): AcceptorState {
    const prog: Prog = { nodes: [], ids: new Set(), fed: new Set(), pending: 0, cache: {} };
    return { prog, phase: { k: 'head', text: '' }, used: 0, fi: 0 };
  }

  /**
   * The state after one more byte, or undefined when no valid program continues that way. Memoised per state; inside
   * a string every byte of one class (ASCII, a UTF-8 lead of each length, a continuation) leads to the same state
   * object, so walking the ~400k nodes of a 151k-token trie from inside a string costs a lookup per node.
   */
  next(s: AcceptorState, b: number): AcceptorState | undefined {
    // Only string states are shared between trie paths, so only they keep a memo (others would just fill memory).
    const shared = s.phase.k === 'str' && !s.forced;
    const hit = shared ? s.memo?.[b] : undefined;
    if (hit !== undefined) return hit ?? undefined;
    let next: AcceptorState | undefined;
    if (!s.forced || (s.fi < s.forced.length && s.forced[s.fi] === b)) {
      const r = this.step(s.prog, s.phase, b);
      if (r) next = { prog: r[0], phase: r[1], used: s.used + 1, forced: s.forced, fi: s.forced ? s.fi + 1 : 0 };
    }
    if (shared) {
      const memo = (s.memo ??= new Array<AcceptorState | null>(256));
      memo[b] = next ?? null;
      if (isPlainStringByte(b)) {
        const cls = byteClass(b);
        for (let x = 0; x < 256; x++) if (byteClass(x) === cls && isPlainStringByte(x)) memo[x] = next ?? null;
      }
    }
    return next;
  }

  /**
   * Runs taken whatever their bytes (ByteConstraint.freeRun): free text inside a string (bytes ≥ characters, so the
   * room is safe), and a new node's id while it is shorter than the limit (any id of that length is still fresh-able).
   */
  freeRun(s: AcceptorState): FreeRun | undefined {
    const ph = s.phase;
    if (s.forced) return undefined;
    if (ph.k === 'str') return { kind: 'text', room: this.limits.maxStringLength - ph.len, pending: ph.utf8 };
    if (ph.k === 'head' && this.nodeOk(s.prog)) {
      const room = this.limits.maxIdLength - ph.text.length - 1;
      return room > 0 ? { kind: ph.text ? 'name' : 'name-start', room } : undefined;
    }
    return undefined;
  }

  /** Whether the program may end here: it parses and checks with no errors. */
  canEnd(s: AcceptorState): boolean {
    if (s.forced && s.fi < s.forced.length) return false;
    const ph = s.phase;
    if ((ph.k === 'head' && ph.text === '') || ph.k === 'end') return this.complete(s.prog);
    if (ph.k === 'dstPort') {
      const edge = this.edges(s.prog).find((e) => e.src === ph.src && e.out === ph.out && e.dst === ph.dst && e.inp.name === ph.text);
      return Boolean(edge) && this.complete(this.withEdge(s.prog, edge!));
    }
    return false;
  }

  /** Bytes that finish a valid program from `s` (empty when it may end now). */
  completion(s: AcceptorState): Uint8Array {
    if (s.forced) return s.forced.slice(s.fi);
    const [continuation, text] = this.finish(s.prog, s.phase);
    const tail = encoder.encode(text);
    if (!continuation) return tail;
    const out = new Uint8Array(continuation + tail.length).fill(0x80);
    out.set(tail, continuation);
    return out;
  }

  /**
   * Before a step that may add up to `stepBytes` bytes, with `room` bytes left in all: when finishing could
   * no longer fit, the state switches to its forced closing (then only that is accepted).
   */
  settle(s: AcceptorState, room: number, stepBytes = 1): AcceptorState {
    if (s.forced) return s;
    const closing = this.completion(s);
    if (closing.length + stepBytes + this.growth < room) return s;
    return { ...s, forced: closing, fi: 0 };
  }

  /** Whether the state is closing (only the forced bytes are accepted). */
  isClosing(s: AcceptorState): boolean {
    return Boolean(s.forced);
  }

  // --- the grammar ---------------------------------------------------------------------------------

  private step(prog: Prog, ph: Phase, b: number): [Prog, Phase] | undefined {
    const c = b < 0x80 ? String.fromCharCode(b) : '';
    switch (ph.k) {
      case 'head': {
        if (isIdByte(b, ph.text === '')) {
          const t = ph.text + c;
          const asNode =
            this.nodeOk(prog) && t.length <= this.limits.maxIdLength && (t.length < this.limits.maxIdLength || this.fresh(prog, t));
          if (asNode || [...this.sources(prog)].some((id) => id.startsWith(t))) return [prog, { k: 'head', text: t }];
          return undefined;
        }
        if (c === ' ' && ph.text && this.nodeOk(prog) && this.fresh(prog, ph.text)) {
          return [prog, { k: 'lit', s: ' = ', i: 1, then: { k: 'fn', id: ph.text, text: '' } }];
        }
        if (c === '.' && this.sources(prog).has(ph.text)) {
          return [prog, { k: 'port', src: prog.nodes.find((n) => n.id === ph.text)!, text: '' }];
        }
        return undefined;
      }
      case 'lit':
        if (c !== ph.s[ph.i]) return undefined;
        return [prog, ph.i + 1 === ph.s.length ? ph.then : { ...ph, i: ph.i + 1 }];
      case 'fn': {
        if (isNameByte(b)) {
          const t = ph.text + c;
          return this.functionPrefixes(prog).has(t) ? [prog, { ...ph, text: t }] : undefined;
        }
        if (c === '(' && this.functions(prog).includes(ph.text)) {
          const sig = this.sigs.find((f) => f.name === ph.text)!;
          return [prog, { k: 'args', node: { id: ph.id, sig, given: [] }, after: false }];
        }
        return undefined;
      }
      case 'args':
        return this.argsStep(prog, ph.node, ph.after, b);
      case 'pname': {
        const rest = remainingParams(ph.node);
        if (isNameByte(b)) {
          const t = ph.text + c;
          return rest.some((p) => p.name.startsWith(t)) ? [prog, { ...ph, text: t }] : undefined;
        }
        const spec = rest.find((p) => p.name === ph.text);
        if (c !== '=' || !spec) return undefined;
        return [prog, this.valueStart({ ...ph.node, given: [...ph.node.given, spec.name] }, spec)];
      }
      case 'str': {
        if (ph.utf8 > 0) return b >= 0x80 && b <= 0xbf ? [prog, { ...ph, utf8: ph.utf8 - 1 }] : undefined;
        if (b === QUOTE) return [prog, { k: 'args', node: ph.node, after: true }];
        if (b === 0x5c || b < 0x20 || b === 0x7f || ph.len >= this.limits.maxStringLength) return undefined;
        if (b < 0x80) return [prog, { ...ph, len: ph.len + 1 }];
        const more = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
        return more ? [prog, { ...ph, len: ph.len + 1, utf8: more }] : undefined;
      }
      case 'num': {
        if (c === ',' || c === ')') return numberComplete(ph.text, ph.spec) ? this.argsStep(prog, ph.node, true, b) : undefined;
        const t = ph.text + c;
        return c && numberPrefixOk(t, ph.spec) ? [prog, { ...ph, text: t }] : undefined;
      }
      case 'word': {
        if ((c === ',' || c === ')') && ph.opts.some((o) => o.length === ph.pos)) return this.argsStep(prog, ph.node, true, b);
        const opts = ph.opts.filter((o) => o[ph.pos] === b);
        return opts.length ? [prog, { ...ph, opts, pos: ph.pos + 1 }] : undefined;
      }
      case 'end':
        return b === NL ? [prog, { k: 'head', text: '' }] : undefined;
      case 'port': {
        const outs = this.edges(prog).filter((e) => e.src === ph.src);
        if (isNameByte(b)) {
          const t = ph.text + c;
          return outs.some((e) => e.out.name.startsWith(t)) ? [prog, { ...ph, text: t }] : undefined;
        }
        const edge = outs.find((e) => e.out.name === ph.text);
        if (c !== ' ' || !edge) return undefined;
        return [prog, { k: 'lit', s: ' -> ', i: 1, then: { k: 'dst', src: ph.src, out: edge.out, text: '' } }];
      }
      case 'dst': {
        const cands = this.edges(prog).filter((e) => e.src === ph.src && e.out === ph.out);
        if (isNameByte(b)) {
          const t = ph.text + c;
          return cands.some((e) => e.dst.id.startsWith(t)) ? [prog, { ...ph, text: t }] : undefined;
        }
        const edge = cands.find((e) => e.dst.id === ph.text);
        if (c !== '.' || !edge) return undefined;
        return [prog, { k: 'dstPort', src: ph.src, out: ph.out, dst: edge.dst, text: '' }];
      }
      case 'dstPort': {
        const cands = this.edges(prog).filter((e) => e.src === ph.src && e.out === ph.out && e.dst === ph.dst);
        if (isNameByte(b)) {
          const t = ph.text + c;
          return cands.some((e) => e.inp.name.startsWith(t)) ? [prog, { ...ph, text: t }] : undefined;
        }
        const edge = cands.find((e) => e.inp.name === ph.text);
        if (b !== NL || !edge) return undefined;
        return [this.withEdge(prog, edge), { k: 'head', text: '' }];
      }
    }
  }

  private argsStep(prog: Prog, node: Draft, after: boolean, b: number): [Prog, Phase] | undefined {
    const c = String.fromCharCode(b);
    if (c === ')' && requiredDone(node)) return [this.withNode(prog, node.id, node.sig), { k: 'end' }];
    const rest = remainingParams(node);
    if (after) return c === ',' && rest.length ? [prog, { k: 'lit', s: ', ', i: 1, then: { k: 'pname', node, text: '' } }] : undefined;
    return isNameByte(b) && rest.some((p) => p.name.startsWith(c)) ? [prog, { k: 'pname', node, text: c }] : undefined;
  }

  private valueStart(node: Draft, spec: ParamSpec): Phase {
    switch (spec.type) {
      case 'string':
        return { k: 'lit', s: '"', i: 0, then: { k: 'str', node, len: 0, utf8: 0 } };
      case 'number':
        return { k: 'num', node, spec, text: '' };
      default:
        return { k: 'word', node, opts: this.words(spec), pos: 0 };
    }
  }

  /** The literal spellings of a choice (JSON strings) or a boolean, as bytes. */
  private words(spec: ParamSpec): Uint8Array[] {
    let w = this.wordOpts.get(spec);
    if (!w) {
      const texts = spec.type === 'choice' ? spec.choices.map((x) => JSON.stringify(x)) : ['true', 'false'];
      this.wordOpts.set(spec, (w = texts.map((t) => encoder.encode(t))));
    }
    return w;
  }

  // --- the program so far ----------------------------------------------------------------------------

  private nodeOk(prog: Prog): boolean {
    return prog.nodes.length < this.limits.maxNodes;
  }

  private fresh(prog: Prog, id: string): boolean {
    return ID_RE.test(id) && !RESERVED.has(id) && !prog.ids.has(id) && id.length <= this.limits.maxIdLength;
  }

  private complete(prog: Prog): boolean {
    return prog.nodes.length > 0 && prog.pending === 0;
  }

  /** Functions whose required inputs can be fed: each required input type is an output of some node already there. */
  private functions(prog: Prog): string[] {
    if (!prog.cache.fns) {
      const types = new Set(prog.nodes.flatMap((n) => n.sig.outputs.map((o) => o.type)));
      prog.cache.fns = this.sigs.filter((s) => requiredInputs(s).every((p) => types.has(p.type))).map((s) => s.name);
    }
    return prog.cache.fns;
  }

  /** Every edge still possible: an output of an earlier node into a free input of the same type of a later one. */
  private edges(prog: Prog): Edge[] {
    if (!prog.cache.edges) {
      const edges: Edge[] = [];
      for (const dst of prog.nodes)
        for (const inp of dst.sig.inputs) {
          if (prog.fed.has(`${dst.id}.${inp.name}`)) continue;
          for (const src of prog.nodes.slice(0, dst.index))
            for (const out of src.sig.outputs) if (out.type === inp.type) edges.push({ src, out, dst, inp });
        }
      prog.cache.edges = edges;
    }
    return prog.cache.edges;
  }

  private sources(prog: Prog): Set<string> {
    return (prog.cache.sources ??= new Set(this.edges(prog).map((e) => e.src.id)));
  }

  /** Every non-empty prefix of a source id (a lookup per byte instead of a scan). */
  private prefixes(prog: Prog): Set<string> {
    return (prog.cache.sourcePrefixes ??= prefixSet(this.sources(prog)));
  }

  private functionPrefixes(prog: Prog): Set<string> {
    return (prog.cache.fnPrefixes ??= prefixSet(this.functions(prog)));
  }

  private withNode(prog: Prog, id: string, sig: FunctionSignature): Prog {
    return {
      nodes: [...prog.nodes, { id, sig, index: prog.nodes.length }],
      ids: new Set([...prog.ids, id]),
      fed: prog.fed,
      pending: prog.pending + requiredInputs(sig).length,
      cache: {},
    };
  }

  private withEdge(prog: Prog, e: Edge): Prog {
    return {
      nodes: prog.nodes,
      ids: prog.ids,
      fed: new Set([...prog.fed, `${e.dst.id}.${e.inp.name}`]),
      pending: prog.pending - (e.inp.optional ? 0 : 1),
      cache: {},
    };
  }

  // --- closing: a short completion from any state -------------------------------------------------------

  /** The rest of a node's call from its parameters on: the required parameters not given yet, then `)`. */
  private callText(sig: FunctionSignature, given: readonly string[], after: boolean): string {
    const req = sig.params.filter((p) => mustGive(p) && !given.includes(p.name));
    if (!req.length) return ')';
    return `${after ? ', ' : ''}${req.map((p) => `${p.name}=${this.shortestValue(p)}`).join(', ')})`;
  }

  private shortestValue(p: ParamSpec): string {
    if (p.type === 'string') return '""';
    if (p.type === 'number') return finishNumber('', p);
    const words = p.type === 'choice' ? p.choices.map((x) => JSON.stringify(x)) : ['true'];
    return words.reduce((a, w) => (encoder.encode(w).length < encoder.encode(a).length ? w : a));
  }

  /** Edge lines for every required input still unconnected (each from its shortest-named source). */
  private pendingText(prog: Prog): string {
    let text = '';
    for (const dst of prog.nodes)
      for (const inp of requiredInputs(dst.sig)) {
        if (prog.fed.has(`${dst.id}.${inp.name}`)) continue;
        let best = '';
        for (const src of prog.nodes.slice(0, dst.index))
          for (const out of src.sig.outputs)
            if (out.type === inp.type && (!best || src.id.length + out.name.length < best.length - 1)) best = `${src.id}.${out.name}`;
        text += `${best} -> ${dst.id}.${inp.name}\n`;
      }
    return text;
  }

  private afterNode(prog: Prog, d: Draft, callRest: string): string {
    return `${callRest}\n${this.pendingText(this.withNode(prog, d.id, d.sig))}`;
  }

  /** The cheapest function (with the prefix typed) to declare as `id`, from its name's remaining letters on. */
  private bestFunction(prog: Prog, id: string, prefix: string): string {
    let best: string | undefined;
    for (const name of this.functions(prog)) {
      if (!name.startsWith(prefix)) continue;
      const sig = this.sigs.find((f) => f.name === name)!;
      const text = `${name.slice(prefix.length)}(${this.afterNode(prog, { id, sig, given: [] }, this.callText(sig, [], false))}`;
      if (best === undefined || text.length < best.length) best = text;
    }
    return best!;
  }

  private freshId(prog: Prog, prefix: string): string {
    if (prefix && this.fresh(prog, prefix)) return prefix;
    for (const c of ID_CHARS) if (this.fresh(prog, prefix + c)) return prefix + c;
    for (const c of ID_CHARS) for (const d of ID_CHARS) if (this.fresh(prog, prefix + c + d)) return prefix + c + d;
    throw new Error(`no fresh id starts with '${prefix}'`);
  }

  /** The shortest finish through one of `edges`, `typed` being the part of its line already written. */
  private edgeFinish(prog: Prog, edges: Edge[], typed: string): string | undefined {
    let best: string | undefined;
    for (const e of edges) {
      const line = `${e.src.id}.${e.out.name} -> ${e.dst.id}.${e.inp.name}`;
      if (!line.startsWith(typed)) continue;
      const text = `${line.slice(typed.length)}\n${this.pendingText(this.withEdge(prog, e))}`;
      if (best === undefined || text.length < best.length) best = text;
    }
    return best;
  }

  /** [continuation bytes due, text]: how to finish from `ph`. */
  private finish(prog: Prog, ph: Phase): [number, string] {
    const node = (d: Draft, rest: string) => this.afterNode(prog, d, rest);
    switch (ph.k) {
      case 'head': {
        if (!ph.text) {
          if (prog.nodes.length) return [0, this.pendingText(prog)];
          const id = this.freshId(prog, '');
          return [0, `${id} = ${this.bestFunction(prog, id, '')}`];
        }
        const options: string[] = [];
        const edge = this.edgeFinish(prog, this.edges(prog), ph.text);
        if (edge !== undefined) options.push(edge);
        if (this.nodeOk(prog) && (this.fresh(prog, ph.text) || ph.text.length < this.limits.maxIdLength)) {
          const id = this.freshId(prog, ph.text);
          options.push(`${id.slice(ph.text.length)} = ${this.bestFunction(prog, id, '')}`);
        }
        return [0, options.reduce((a, b) => (b.length < a.length ? b : a))];
      }
      case 'lit': {
        const [k, rest] = this.finish(prog, ph.then);
        return [k, ph.s.slice(ph.i) + rest];
      }
      case 'fn':
        return [0, this.bestFunction(prog, ph.id, ph.text)];
      case 'args':
        return [0, node(ph.node, this.callText(ph.node.sig, ph.node.given, ph.after))];
      case 'pname': {
        const rest = remainingParams(ph.node).filter((p) => p.name.startsWith(ph.text));
        const p = rest.find(mustGive) ?? rest[0];
        const after = this.callText(ph.node.sig, [...ph.node.given, p.name], true);
        return [0, `${p.name.slice(ph.text.length)}=${this.shortestValue(p)}${node(ph.node, after)}`];
      }
      case 'str':
        return [ph.utf8, `"${node(ph.node, this.callText(ph.node.sig, ph.node.given, true))}`];
      case 'num':
        return [0, finishNumber(ph.text, ph.spec) + node(ph.node, this.callText(ph.node.sig, ph.node.given, true))];
      case 'word': {
        const word = ph.opts.reduce((a, o) => (o.length < a.length ? o : a));
        const rest = new TextDecoder().decode(word.slice(ph.pos));
        return [0, rest + node(ph.node, this.callText(ph.node.sig, ph.node.given, true))];
      }
      case 'end': {
        const pending = this.pendingText(prog);
        return [0, pending ? `\n${pending}` : ''];
      }
      case 'port':
        return [
          0,
          this.edgeFinish(
            prog,
            this.edges(prog).filter((e) => e.src === ph.src),
            `${ph.src.id}.${ph.text}`,
          )!,
        ];
      case 'dst': {
        const edges = this.edges(prog).filter((e) => e.src === ph.src && e.out === ph.out);
        return [0, this.edgeFinish(prog, edges, `${ph.src.id}.${ph.out.name} -> ${ph.text}`)!];
      }
      case 'dstPort': {
        const edges = this.edges(prog).filter((e) => e.src === ph.src && e.out === ph.out && e.dst === ph.dst);
        return [0, this.edgeFinish(prog, edges, `${ph.src.id}.${ph.out.name} -> ${ph.dst.id}.${ph.text}`)!];
      }
    }
  }
}
