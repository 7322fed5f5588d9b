/**
 * Grammar-constrained decoding, framework-free: before each token, every token whose bytes would take the output
 * off the grammar gets logit −∞. The grammar is any `ByteConstraint` (a byte-level incremental acceptor with
 * immutable states); the core knows nothing of what it accepts (the workflow planner's is
 * src/workflow/planner/constrained/acceptor.ts).
 *
 * Speed with real vocabularies (Qwen: ~151k tokens): the tokens' bytes go into a trie once per tokenizer
 * (`TokenTrie`), and each step walks it from the current state, cutting a whole subtree at the first byte the
 * acceptor refuses, so the work is the number of trie nodes on still-valid paths, not vocabulary × token length.
 * Measured by `npm run bench:constrained` (scripts/bench-constrained.ts).
 *
 * Termination: with `maxTokens` tokens, before each step the acceptor may switch to a forced closing when its
 * shortest finish (in bytes, so at most as many tokens) no longer fits in the tokens left; then only tokens along
 * that closing are allowed, and the end token once it is done.
 *
 * Example:
 *   const trie = TokenTrie.build(tokenBytes(vocab, specialIds, decoderType));
 *   const run = new ConstrainedRun(trie, constraint, { eosIds: [2], maxTokens: 256 });
 *   run.mask(logits);  run.accept(sampledId);  …  run.text()
 */

/** A byte-level incremental acceptor: `next` returns a new state, or undefined when the byte is refused. */
export interface ByteConstraint<S = unknown> {
  start(): S;
  next(state: S, byte: number): S | undefined;
  /** Whether the output may end in this state. */
  canEnd(state: S): boolean;
  /** The state to go on from, given `room` bytes left in all and a next step of up to `stepBytes` bytes (e.g. a forced closing). */
  settle(state: S, room: number, stepBytes: number): S;
  /**
   * Optional shortcut for runs the grammar accepts whatever their bytes (the trie walk then takes whole subtrees of
   * such tokens at once): from `state`, every byte sequence of at most `room` bytes of the given kind is accepted.
   *   'text' — valid UTF-8 continuing with `pending` continuation bytes due, no control character, quote or backslash;
   *   'name' — `[a-z0-9_]`; 'name-start' — `[a-z]` then `[a-z0-9_]`.
   */
  freeRun?(state: S): FreeRun | undefined;
}

/** Printable ASCII except the quote and the backslash: what free text inside a string holds without escapes. */
export const isPlainByte = (b: number) => b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c;

export type FreeRun = { room: number } & ({ kind: 'text'; pending: number } | { kind: 'name' | 'name-start' });

const NAME_BIT = 1 << 4;
const NAME_START_BIT = 1 << 5;
const isNameByte = (b: number) => (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x5f;

/** Continuation bytes a UTF-8 lead byte announces (0: not a lead byte). */
const leadLength = (b: number) => (b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0);

/** Plain data naming a grammar, so it can cross into the LLM worker; the host turns it into a `ByteConstraint`. */
export interface GrammarSpec {
  kind: string;
  data: unknown;
}

/** Builds a `ByteConstraint` from a `GrammarSpec`'s data, per grammar kind (the hosts supply them). */
export type GrammarFactories = Record<string, (data: unknown) => ByteConstraint>;

export function constraintFor(spec: GrammarSpec, factories: GrammarFactories): ByteConstraint {
  const make = factories[spec.kind];
  if (!make) throw new Error(`unknown grammar '${spec.kind}' (known: ${Object.keys(factories).join(', ') || 'none'})`);
  return make(spec.data);
}

// --- token bytes -------------------------------------------------------------------------------------------

/** GPT-2's byte → printable-character table (`chars[byte]`), as byte-level BPE vocabularies (Qwen, SmolLM, Llama 3) spell bytes. */
export function bytesToUnicode(): string[] {
  const bs: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) bs.push(b);
  for (let b = 0xa1; b <= 0xac; b++) bs.push(b);
  for (let b = 0xae; b <= 0xff; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++)
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  const chars: string[] = new Array(256);
  bs.forEach((b, i) => (chars[b] = String.fromCodePoint(cs[i])));
  return chars;
}

const utf8 = new TextEncoder();

/**
 * Each token's output bytes (null: never emitted as text — special tokens). `byteLevel`: the vocabulary spells bytes
 * with GPT-2's table; otherwise SentencePiece conventions (`▁` is a space, `<0x0A>` one byte) and UTF-8.
 */
export function tokenBytes(
  vocab: Iterable<[string, number]>,
  size: number,
  special: Iterable<number>,
  byteLevel: boolean,
): (Uint8Array | null)[] {
  const out: (Uint8Array | null)[] = new Array(size).fill(null);
  const table = byteLevel ? new Map(bytesToUnicode().map((ch, b) => [ch, b])) : undefined;
  for (const [text, id] of vocab) {
    if (id < 0 || id >= size) continue;
    if (table) {
      const bytes = [...text].map((ch) => table.get(ch));
      out[id] = bytes.every((b) => b !== undefined) ? Uint8Array.from(bytes as number[]) : utf8.encode(text);
    } else {
      const hex = /^<0x([0-9A-Fa-f]{2})>$/.exec(text);
      out[id] = hex ? Uint8Array.of(parseInt(hex[1], 16)) : utf8.encode(text.replaceAll('\u2581', ' '));
    }
  }
  for (const id of special) if (id >= 0 && id < size) out[id] = null;
  for (let id = 0; id < size; id++) if (out[id]?.length === 0) out[id] = null;
  return out;
}

// --- the token trie ----------------------------------------------------------------------------------------

/**
 * Tokens by their bytes, as a trie in flat arrays: node 0 is the root; children are a first-child / next-sibling list
 * (the root's 256 children also in a direct table); `tokenAt[node]` the first token ending there, `sameBytes[token]`
 * the next token with the same bytes (-1 ends both lists).
 */
export class TokenTrie {
  private constructor(
    /** Each token's bytes (null: never allowed), as built from. */
    readonly tokens: readonly (Uint8Array | null)[],
    readonly byte: Uint8Array,
    readonly firstChild: Int32Array,
    readonly nextSibling: Int32Array,
    readonly tokenAt: Int32Array,
    readonly sameBytes: Int32Array,
    readonly tokenLength: Int32Array,
    /** Tokens in depth-first order; the tokens of node n's subtree are order[first[n] .. end[n]). */
    readonly order: Int32Array,
    readonly first: Int32Array,
    readonly end: Int32Array,
    /**
     * Bit k (0–3) set: every path down from node n (its own byte first) is free text (plain ASCII or valid UTF-8) when
     * entered with k continuation bytes due; NAME_BIT / NAME_START_BIT: every path down is a name run (see FreeRun).
     */
    readonly textMask: Uint8Array,
    /** The deepest path down from node n, in bytes (its own byte included). */
    readonly depthBelow: Int32Array,
    /** The longest token in node n's subtree, in bytes. */
    readonly longestBelow: Int32Array,
  ) {}

  get vocabSize(): number {
    return this.sameBytes.length;
  }

  get nodes(): number {
    return this.byte.length;
  }

  static build(tokens: (Uint8Array | null)[]): TokenTrie {
    const byte: number[] = [0];
    const firstChild: number[] = [-1];
    const nextSibling: number[] = [-1];
    const tokenAt: number[] = [-1];
    const rootChild = new Int32Array(256).fill(-1);
    const sameBytes = new Int32Array(tokens.length).fill(-1);
    const tokenLength = new Int32Array(tokens.length);
    tokens.forEach((bytes, id) => {
      if (!bytes) return;
      tokenLength[id] = bytes.length;
      let node = 0;
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        let child = node === 0 ? rootChild[b] : firstChild[node];
        if (node !== 0) while (child >= 0 && byte[child] !== b) child = nextSibling[child];
        if (child < 0) {
          child = byte.length;
          byte.push(b);
          firstChild.push(-1);
          tokenAt.push(-1);
          nextSibling.push(firstChild[node]);
          firstChild[node] = child;
          if (node === 0) rootChild[b] = child;
        }
        node = child;
      }
      sameBytes[id] = tokenAt[node];
      tokenAt[node] = id;
    });
    // Depth-first numbering (iterative: post-order fills the per-subtree facts).
    const n = byte.length;
    const order = new Int32Array(tokens.length);
    const first = new Int32Array(n);
    const end = new Int32Array(n);
    const textMask = new Uint8Array(n);
    const depthBelow = new Int32Array(n);
    const longestBelow = new Int32Array(n);
    let k = 0;
    const stack: number[] = [0];
    const expanded = new Uint8Array(n);
    while (stack.length) {
      const node = stack[stack.length - 1];
      if (!expanded[node]) {
        expanded[node] = 1;
        first[node] = k;
        for (let t = tokenAt[node]; t >= 0; t = sameBytes[t]) {
          order[k++] = t;
          longestBelow[node] = Math.max(longestBelow[node], tokenLength[t]);
        }
        for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) stack.push(c);
        continue;
      }
      stack.pop();
      end[node] = k;
      let children = 0b111111; // the bits every child has
      let depth = 0;
      for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) {
        longestBelow[node] = Math.max(longestBelow[node], longestBelow[c]);
        children &= textMask[c];
        depth = Math.max(depth, depthBelow[c]);
      }
      depthBelow[node] = depth + 1;
      if (node !== 0) {
        const b = byte[node];
        const lead = leadLength(b);
        let mask = 0;
        if ((isPlainByte(b) && children & 1) || (lead && children & (1 << lead))) mask |= 1;
        if (b >= 0x80 && b <= 0xbf) for (let k = 1; k <= 3; k++) if (children & (1 << (k - 1))) mask |= 1 << k;
        if (isNameByte(b) && children & NAME_BIT) mask |= NAME_BIT;
        if (b >= 0x61 && b <= 0x7a && children & NAME_BIT) mask |= NAME_START_BIT;
        textMask[node] = mask;
      }
    }
    return new TokenTrie(
      tokens,
      Uint8Array.from(byte),
      Int32Array.from(firstChild),
      Int32Array.from(nextSibling),
      Int32Array.from(tokenAt),
      sameBytes,
      tokenLength,
      order,
      first,
      end,
      textMask,
      depthBelow,
      longestBelow,
    );
  }

  /**
   * The tokens the constraint accepts from `state` (written into `out`; returns how many) and the longest of them in
   * bytes. Walks the trie depth-first, cutting a subtree at the first refused byte.
   */
  allowed<S>(constraint: ByteConstraint<S>, state: S, out: Int32Array): { count: number; longest: number; visited: number } {
    let count = 0;
    let longest = 0;
    let visited = 0;
    const nodes: number[] = [0];
    const states: S[] = [state];
    while (nodes.length) {
      const node = nodes.pop()!;
      const s = states.pop()!;
      const free = constraint.freeRun?.(s);
      const bit = !free ? 0 : free.kind === 'text' ? 1 << free.pending : free.kind === 'name' ? NAME_BIT : NAME_START_BIT;
      for (let child = this.firstChild[node]; child >= 0; child = this.nextSibling[child]) {
        visited++;
        if (this.textMask[child] & bit && this.depthBelow[child] <= free!.room) {
          // A subtree of tokens the grammar takes whatever their bytes, and that all fit: all of them are allowed.
          for (let i = this.first[child]; i < this.end[child]; i++) out[count++] = this.order[i];
          if (this.longestBelow[child] > longest) longest = this.longestBelow[child];
          continue;
        }
        const next = constraint.next(s, this.byte[child]);
        if (next === undefined) continue;
        for (let t = this.tokenAt[child]; t >= 0; t = this.sameBytes[t]) {
          out[count++] = t;
          if (this.tokenLength[t] > longest) longest = this.tokenLength[t];
        }
        if (this.firstChild[child] >= 0) {
          nodes.push(child);
          states.push(next);
        }
      }
    }
    return { count, longest, visited };
  }
}

// --- one constrained generation ------------------------------------------------------------------------------

export interface RunOptions {
  /** The end-of-sequence token ids (allowed only where the constraint may end). */
  eosIds: number[];
  /** The generation's token limit: the closing is forced in time to end within it. */
  maxTokens: number;
}

/**
 * The state of one constrained generation: `mask(logits)` before sampling each token, `accept(id)` after.
 * Keeps the accepted bytes, so `text()` is exactly what the constraint accepted.
 */
export class ConstrainedRun<S = unknown> {
  private state: S;
  private generated = 0;
  private readonly bytes: number[] = [];
  private readonly ids: Int32Array;
  /** Per step: trie nodes visited (for the benchmark). */
  readonly visits: number[] = [];

  constructor(
    private readonly trie: TokenTrie,
    private readonly constraint: ByteConstraint<S>,
    private readonly opts: RunOptions,
  ) {
    this.state = constraint.start();
    this.ids = new Int32Array(trie.vocabSize);
  }

  /** Sets every refused token's logit to −∞ (in place); `logits` has one entry per token. */
  mask(logits: Float32Array): void {
    const room = this.opts.maxTokens - this.generated - 1; // one token stays for the end
    let r = this.trie.allowed(this.constraint, this.state, this.ids);
    const settled = this.constraint.settle(this.state, room, r.longest);
    if (settled !== this.state) {
      this.state = settled;
      r = this.trie.allowed(this.constraint, this.state, this.ids);
    }
    this.visits.push(r.visited);
    const ends = this.constraint.canEnd(this.state);
    const kept = new Float32Array(r.count);
    for (let i = 0; i < r.count; i++) kept[i] = logits[this.ids[i]];
    const eos = this.opts.eosIds.map((id) => logits[id]);
    logits.fill(-Infinity);
    for (let i = 0; i < r.count; i++) logits[this.ids[i]] = kept[i];
    // Nothing allowed and no end either would be a bug in the grammar: end rather than emit garbage.
    if (ends || r.count === 0)
      this.opts.eosIds.forEach((id, k) => {
        if (id < logits.length) logits[id] = Number.isFinite(eos[k]) ? eos[k] : 0;
      });
  }

  /** Advances past the sampled token (the end token and tokens outside the grammar change nothing). */
  accept(id: number): void {
    this.generated++;
    if (this.opts.eosIds.includes(id)) return;
    const bytes = this.trie.tokens[id] ?? new Uint8Array();
    let s: S | undefined = this.state;
    for (const b of bytes) {
      s = s === undefined ? undefined : this.constraint.next(s, b);
    }
    if (s === undefined) return;
    this.state = s;
    for (const b of bytes) this.bytes.push(b);
  }

  canEnd(): boolean {
    return this.constraint.canEnd(this.state);
  }

  /** The accepted output, decoded as UTF-8. */
  text(): string {
    return new TextDecoder().decode(Uint8Array.from(this.bytes));
  }
}
