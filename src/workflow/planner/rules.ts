/**
 * The offline, rule-based planner: instruction → program, no model. It reads the instruction as
 *   [verb] SOURCE? OPERATION* (into|as|to) TARGET? (of|about|saying SUBJECT)? (with PARAMETERS)?
 * (grammar and vocabulary in src/workflow/README.md, words in ./lexicon.ts), then builds a typed chain over the
 * registered functions: the source node, each operation in the order it is mentioned, type conversions where one
 * step's output type differs from the next step's input (shortest path over converter functions), and the
 * target's producer. Parameters come from the words ("48 frames", "zoom out", "8 colours", "256x256") and are
 * checked against each signature (clamped into range, with a note).
 *
 * Example:
 *   planWithRules('turn this cat photo into a cartoon-style video', getRegistry()).text
 *   // load_image = LoadImage(source="cat.jpg")
 *   // cartoonize = Cartoonize()
 *   // animate_image = AnimateImage()
 *   // load_image.image -> cartoonize.image
 *   // cartoonize.image -> animate_image.image
 */
import { print } from '../lang/print';
import type { FunctionSignature, ParamValue, PortType, ProgramEdge, ProgramJson, ProgramNode, Registry } from '../lang/types';
import { CONVERTERS, FEEDERS, MUSIC, OPERATIONS, SOURCES, TARGETS, size, type Operation, type Target, type WordParams } from './lexicon';

export interface RulesPlan {
  /** Program text (notes first, as `#` comments); '' when nothing was understood. */
  text: string;
  program: ProgramJson;
  notes: string[];
  error?: string;
}

interface Cursor {
  node: string;
  port: string;
  type: PortType;
}

interface Match {
  at: number;
  end: number;
}

function earliest(patterns: RegExp[], text: string): Match | undefined {
  let best: Match | undefined;
  for (const re of patterns) {
    const m = new RegExp(re.source, re.flags.replace('g', '')).exec(text);
    if (m && (!best || m.index < best.at)) best = { at: m.index, end: m.index + m[0].length };
  }
  return best;
}

function latest(patterns: RegExp[], text: string): Match | undefined {
  let best: Match | undefined;
  for (const re of patterns) {
    for (const m of text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))) {
      if (!best || m.index > best.at) best = { at: m.index, end: m.index + m[0].length };
    }
  }
  return best;
}

/** Blanks a span so later matching ignores it but positions stay the same. */
function blank(text: string, m: Match): string {
  return text.slice(0, m.at) + ' '.repeat(m.end - m.at) + text.slice(m.end);
}

/** Words that introduce what to make: "into a video", "as speech", "make a 3D model", "render … as an image". */
const ASKED =
  /\b(?:into|as|to|make|makes|create|generate|produce|draw|render|paint|compose|export|save|output|give me|get|turn (?:it|them) into)\s+(?:(?:a|an|the|some|one)\s+)?(?:[\w-]+\s+){0,3}$/i;

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The quoted text ("…", “…”, '…'), if any. */
function quoted(instruction: string): (Match & { text: string }) | undefined {
  const re = /"([^"]+)"|“([^”]+)”|(?:^|\s)'([^']+)'(?=[\s.,!?;:]|$)/;
  const m = re.exec(instruction);
  if (!m) return undefined;
  const text = m[1] ?? m[2] ?? m[3];
  const at = m.index + m[0].indexOf(text) - 1;
  return { at, end: at + text.length + 2, text };
}

/** The subject of a generation ("an image of a red fox at dawn" → "a red fox at dawn"). */
function subject(text: string): (Match & { text: string }) | undefined {
  const m =
    /\b(?:of|about|showing|depicting|saying|that says|which says|with the (?:words|text))\s+(.+?)(?=\s*(?:,|;|\.\s|\bthen\b|\band then\b|\band (?:make|turn|read|animate|speak|convert|save|export)\b|\binto\b|\bas (?:a|an)\b|\bwith\s+\d|\bat\s+\d|\bin\s+\d|$))/i.exec(
      text,
    );
  if (!m) return undefined;
  const s = m[1].trim();
  // "a histogram of the pixels", "a description of this photo": the object is the input, not a subject.
  if (/^(?:this|my|the|that|it|them)\b/i.test(s)) return undefined;
  const at = m.index + m[0].indexOf(m[1]);
  return { at, end: at + m[1].length, text: s };
}

class Builder {
  nodes: ProgramNode[] = [];
  edges: ProgramEdge[] = [];
  notes: string[] = [];

  /** "with the neural …", "using a model": prefer model-backed functions over offline ones. */
  wantsModel: boolean;

  constructor(
    private registry: Registry,
    private whole: string,
  ) {
    // "a 3D model" is a target, not a request for a learned model.
    this.wantsModel =
      /\b(?:neural|ai|deep[- ]learning|transformer)\b|\b(?:with|using|via|by) (?:a |an |the )?(?:[\w-]+ ){0,3}model\b/i.test(whole);
  }

  /**
   * The first registered candidate, preferring one whose input accepts `from` and then one that needs no model
   * download (the offline planner's default is a program that runs offline).
   */
  pick(fns: string[], from?: PortType): FunctionSignature | undefined {
    const sigs = fns.map((f) => this.registry.get(f)).filter((s): s is FunctionSignature => !!s);
    const fits = from ? sigs.filter((s) => s.inputs.some((i) => i.type === from)) : [];
    const pool = fits.length ? fits : sigs;
    return pool.find((s) => Boolean(s.needsModel) === this.wantsModel) ?? pool[0];
  }

  add(sig: FunctionSignature, params: WordParams = {}, clause = this.whole): string {
    const base = snake(sig.name);
    let id = base;
    for (let k = 2; this.nodes.some((n) => n.id === id); k++) id = `${base}_${k}`;
    this.nodes.push({ id, fn: sig.name, params: this.fitParams(sig, { ...this.genericParams(sig, clause), ...params }) });
    return id;
  }

  setParams(id: string, params: WordParams): void {
    const node = this.nodes.find((n) => n.id === id)!;
    node.params = this.fitParams(this.registry.get(node.fn)!, { ...node.params, ...params });
  }

  connect(from: Cursor, to: string, port: string): void {
    this.edges.push({ from: { node: from.node, port: from.port }, to: { node: to, port } });
  }

  /** "radius 5", "levels=8", "12 bins", a choice named in the clause. */
  private genericParams(sig: FunctionSignature, clause: string): Record<string, ParamValue> {
    const out: Record<string, ParamValue> = {};
    const wh = size(clause);
    if (wh && sig.params.some((p) => p.name === 'width') && sig.params.some((p) => p.name === 'height')) [out.width, out.height] = wh;
    for (const p of sig.params) {
      if (p.type === 'number') {
        const words = p.name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
        const m =
          new RegExp(String.raw`\b${words}s?\s*(?:=|:|of|to)?\s*(-?\d+(?:\.\d+)?)`, 'i').exec(clause) ??
          new RegExp(String.raw`(-?\d+(?:\.\d+)?)\s*${words}s?\b`, 'i').exec(clause);
        if (m) out[p.name] = Number(m[1]);
      } else if (p.type === 'choice') {
        const named = p.choices.find(
          (c) =>
            c.length > 2 &&
            new RegExp(String.raw`\b${c.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&').replace(/-/g, '[- ]?')}\b`, 'i').test(clause),
        );
        if (named) out[p.name] = named;
      }
    }
    return out;
  }

  /** Keeps only known parameters of the right type; clamps numbers into range. */
  private fitParams(sig: FunctionSignature, params: WordParams): Record<string, ParamValue> {
    const out: Record<string, ParamValue> = {};
    for (const [name, value] of Object.entries(params)) {
      const spec = sig.params.find((p) => p.name === name);
      if (!spec) continue;
      if (spec.type === 'number' && typeof value === 'number' && Number.isFinite(value)) {
        let v = spec.integer ? Math.round(value) : value;
        if (spec.min !== undefined && v < spec.min) v = spec.min;
        if (spec.max !== undefined && v > spec.max) v = spec.max;
        if (v !== value) this.notes.push(`${sig.name}.${name}: ${value} is outside ${spec.min ?? '-∞'}..${spec.max ?? '∞'}; using ${v}`);
        out[name] = v;
      } else if (spec.type === 'choice' && typeof value === 'string' && spec.choices.includes(value)) out[name] = value;
      else if (spec.type === 'string' && typeof value === 'string') out[name] = value;
      else if (spec.type === 'boolean' && typeof value === 'boolean') out[name] = value;
    }
    return out;
  }

  /** Shortest chain of converter functions (lexicon CONVERTERS that are registered) from one type to another. */
  path(from: PortType, to: PortType): FunctionSignature[] | undefined {
    if (from === to) return [];
    const edgesFrom = (t: PortType): { to: PortType; sig: FunctionSignature }[] => {
      const out: { to: PortType; sig: FunctionSignature }[] = [];
      for (const c of CONVERTERS.filter((c) => c.from === t)) {
        const sig = this.pick(c.fns);
        if (sig && sig.inputs.some((i) => i.type === t) && sig.outputs.some((o) => o.type === c.to)) out.push({ to: c.to, sig });
      }
      return out;
    };
    const prev = new Map<PortType, { type: PortType; sig: FunctionSignature }>();
    const queue: PortType[] = [from];
    const seen = new Set<PortType>([from]);
    while (queue.length) {
      const t = queue.shift()!;
      for (const e of edgesFrom(t)) {
        if (seen.has(e.to)) continue;
        seen.add(e.to);
        prev.set(e.to, { type: t, sig: e.sig });
        if (e.to === to) {
          const chain: FunctionSignature[] = [];
          for (let cur: PortType = to; cur !== from;) {
            const p = prev.get(cur)!;
            chain.unshift(p.sig);
            cur = p.type;
          }
          return chain;
        }
        queue.push(e.to);
      }
    }
    return undefined;
  }

  /** Adds `sig`, fed from `cur` (converting its type if needed) and feeders for other required inputs. */
  apply(
    sig: FunctionSignature,
    cur: Cursor | undefined,
    params: WordParams,
    clause: string,
    feed: (t: PortType) => Cursor | undefined,
  ): Cursor | undefined {
    let input = cur ? (sig.inputs.find((i) => i.type === cur.type) ?? sig.inputs[0]) : sig.inputs[0];
    let from = cur;
    if (input && from && from.type !== input.type) {
      // Prefer an input the current type can reach with the shortest chain.
      let best: { input: typeof input; chain: FunctionSignature[] } | undefined;
      for (const i of sig.inputs) {
        const chain = this.path(from.type, i.type);
        if (chain && (!best || chain.length < best.chain.length)) best = { input: i, chain };
      }
      if (!best) {
        this.notes.push(`cannot turn ${from.type} into ${input.type} for ${sig.name}`);
        return undefined;
      }
      input = best.input;
      from = this.chain(from, best.chain);
    }
    if (input && !from) from = feed(input.type);
    const id = this.add(sig, params, clause);
    if (input && from) this.connect(from, id, input.name);
    for (const other of sig.inputs) {
      if (other === input || other.optional) continue;
      const f = feed(other.type);
      if (f) this.connect(f, id, other.name);
    }
    const out = (from && sig.outputs.find((o) => o.type === from.type)) ?? sig.outputs[0];
    return out ? { node: id, port: out.name, type: out.type } : undefined;
  }

  chain(from: Cursor, sigs: FunctionSignature[]): Cursor {
    let cur = from;
    for (const sig of sigs) cur = this.apply(sig, cur, {}, this.whole, () => undefined) ?? cur;
    return cur;
  }
}

export function planWithRules(instruction: string, registry: Registry, opts: { inputFiles?: string[] } = {}): RulesPlan {
  const whole = instruction.replace(/\s+/g, ' ').trim();
  const empty: ProgramJson = { version: 1, nodes: [], edges: [] };
  if (!whole)
    return {
      text: '',
      program: empty,
      notes: [],
      error: 'The instruction is empty: describe what to make, e.g. "turn this cat photo into a cartoon-style video".',
    };

  const b = new Builder(registry, whole);
  let text = whole;
  const quote = quoted(whole);
  if (quote) {
    text = blank(text, quote);
    // "the text "…"", "the words "…"": the noun names the quote, it is not a target.
    const noun = /\b(?:the |a |an )?(?:text|words?|line|sentence|title|phrase|message)\s*$/i.exec(text.slice(0, quote.at));
    if (noun) text = blank(text, { at: noun.index, end: noun.index + noun[0].length });
  }
  const subj = quote ? undefined : subject(text);
  if (subj) text = blank(text, subj);
  const givenText = quote?.text ?? subj?.text;

  // Source: "this cat photo", "recording.wav", …
  let source: { type: PortType; fns: string[]; match: Match } | undefined;
  for (const s of SOURCES) {
    const m = earliest(s.patterns, text);
    if (m && (!source || m.at < source.match.at)) source = { type: s.type, fns: s.fns, match: m };
  }
  const sourcePhrase = source ? whole.slice(source.match.at, source.match.end) : '';
  if (source) text = blank(text, source.match);

  // Operations, in the order they are mentioned.
  const ops: { op: Operation; at: number }[] = [];
  for (const op of OPERATIONS) {
    const m = earliest(op.patterns, text);
    if (m && !(op.unless && earliest(op.unless, text))) ops.push({ op, at: m.at });
  }
  ops.sort((x, y) => x.at - y.at);

  // Target: the modality the instruction asks to end with. A noun right after "into/as/to/make/…" counts first,
  // then the last one named ("caption this photo and read it aloud" ends in speech); music before speech.
  let target: { t: Target; at: number; asked: boolean } | undefined;
  const consider = (t: Target, m: Match | undefined) => {
    if (!m) return;
    const asked = ASKED.test(text.slice(Math.max(0, m.at - 60), m.at));
    if (!target || (asked && !target.asked) || (asked === target.asked && m.at > target.at)) target = { t, at: m.at, asked };
  };
  consider(MUSIC, latest(MUSIC.patterns, text));
  for (const t of TARGETS) if (!(t.type === 'Audio' && target?.t === MUSIC)) consider(t, latest(t.patterns, text));
  // "a histogram", "a depth map", "a caption" are operations that already produce the target's type.
  if (target && target.t.type !== 'Video' && target.t.type !== 'Mesh') {
    const t = target.t;
    if (ops.some((o) => o.op.fns.some((f) => registry.get(f)?.outputs.some((out) => out.type === t.type)))) target = undefined;
  }

  if (!source && ops.length === 0 && !target && !givenText) {
    return {
      text: '',
      program: empty,
      notes: [],
      error: `I could not find a task in "${whole}". Name what to start from and what to make, e.g. "turn this cat photo into a cartoon-style video", "read \\"hello\\" aloud", "make a 3D model from this photo".`,
    };
  }

  // Feeders for open inputs: the source, the quoted/subject text, the numbers of the instruction in order.
  const numbers = [...text.matchAll(/(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])/g)].map((m) => Number(m[0]));
  let sourceUsed = false;
  const feed = (t: PortType): Cursor | undefined => {
    if (source && !sourceUsed && t === source.type) {
      sourceUsed = true;
      return addSource(source.type, source.fns);
    }
    return addSource(t, FEEDERS[t] ?? []);
  };
  const addSource = (t: PortType, fns: string[]): Cursor | undefined => {
    const sig = b.pick(fns);
    if (!sig) {
      b.notes.push(`no function registered that provides ${t}`);
      return undefined;
    }
    const params: Record<string, ParamValue> = {};
    if (sig.name === 'LoadImage')
      params.source = fileName(whole, sourcePhrase, opts.inputFiles, ['jpg', 'jpeg', 'png', 'webp', 'gif', 'bmp'], 'jpg', 'photo');
    if (sig.name === 'LoadAudio')
      params.source = fileName(whole, sourcePhrase, opts.inputFiles, ['wav', 'mp3', 'ogg', 'flac', 'm4a'], 'wav', 'recording');
    if (sig.name === 'LoadVideo') params.source = fileName(whole, sourcePhrase, opts.inputFiles, ['webm', 'mp4', 'mov'], 'webm', 'video');
    if (sig.name === 'TextInput') params.text = givenText ?? whole;
    if (sig.name === 'Number' && numbers.length) params.value = numbers.shift()!;
    const id = b.add(sig, params);
    const out = sig.outputs.find((o) => o.type === t) ?? sig.outputs[0];
    return { node: id, port: out.name, type: out.type };
  };

  // Where a chain starts when a step needs `t` and nothing flows yet: the named source, else the quoted or
  // subject text, else a feeder of `t`; converted to `t` when a chain of converters exists.
  const start = (t: PortType): Cursor | undefined => {
    const first =
      source && !sourceUsed ? feed(source.type) : givenText !== undefined && t !== 'Text' && b.path('Text', t) ? feed('Text') : feed(t);
    if (!first || first.type === t) return first;
    const chain = b.path(first.type, t);
    return chain ? b.chain(first, chain) : first;
  };

  let cur: Cursor | undefined = source ? feed(source.type) : undefined;
  let targetDone = false;
  const applyTarget = () => {
    targetDone = true;
    if (!target) return;
    const t = target.t;
    // "the waveform of the spoken words": a type already made on the way, not asked for, is not the end.
    const made = b.nodes.some((n) => registry.get(n.fn)?.outputs.some((o) => o.type === t.type) && !(FEEDERS[t.type] ?? []).includes(n.fn));
    if (made && !target.asked && cur?.type !== t.type) return;
    const params = t.params?.(whole) ?? {};
    if (t.type === 'Mesh') {
      cur = toMesh(b, cur ?? start('Image'), feed) ?? cur;
    } else if (cur && cur.type === t.type) {
      // Already the right type (e.g. "animate … into a video"): apply the target's parameters to its producer.
      const last = [...b.nodes].reverse().find((n) => t.fns.includes(n.fn));
      if (last) b.setParams(last.id, params);
    } else {
      const producer = b.pick(t.fns, cur?.type ?? (givenText !== undefined ? 'Text' : undefined));
      if (!cur && producer?.inputs[0]) cur = start(producer.inputs[0].type);
      if (producer && (!producer.inputs.length || (cur && producer.inputs.some((i) => i.type === cur!.type)))) {
        cur = b.apply(producer, cur, params, whole, feed) ?? cur;
      } else if (cur) {
        const chain = b.path(cur.type, t.type);
        if (chain) {
          cur = b.chain(cur, chain);
          const last = b.nodes.at(-1);
          if (last && t.fns.includes(last.fn)) b.setParams(last.id, params);
        } else b.notes.push(`no chain of registered functions turns ${cur.type} into ${t.type}`);
      } else b.notes.push(`no registered function makes ${t.type} here`);
    }
  };

  for (const { op, at } of ops) {
    const sig = b.pick(op.fns, cur?.type);
    if (!sig) {
      b.notes.push(`"${op.id}" needs ${op.fns.join(' or ')}, which this build does not register; step skipped`);
      continue;
    }
    // "compose a melody and show its waveform": a target named before a step that cannot take the current
    // value is made first.
    if (target && !targetDone && target.at < at && !(cur && sig.inputs.some((i) => i.type === cur!.type))) applyTarget();
    if (!cur && sig.inputs[0]) cur = start(sig.inputs[0].type);
    const params = op.params?.(whole, whole) ?? {};
    const next = b.apply(sig, cur, params, whole, feed);
    if (next) cur = next;
  }
  if (!targetDone) applyTarget();
  if (!cur && givenText !== undefined) cur = feed('Text');

  const program: ProgramJson = { version: 1, nodes: b.nodes, edges: b.edges };
  if (b.nodes.length === 0) {
    return {
      text: '',
      program,
      notes: b.notes,
      error: `Nothing to build for "${whole}": ${b.notes.join('; ') || 'no matching functions'}`,
    };
  }
  const header = [`# planned offline from: ${whole.replace(/\n/g, ' ')}`, ...b.notes.map((n) => `# note: ${n}`)];
  return { text: `${header.join('\n')}\n${print(program)}`, program, notes: b.notes };
}

/**
 * Image → Mesh: a depth map (the one already in the chain, else PseudoDepth offline) into DepthToMesh, with the
 * photo itself as the mesh colour.
 */
function toMesh(b: Builder, cur: Cursor | undefined, feed: (t: PortType) => Cursor | undefined): Cursor | undefined {
  const mesher = b.pick(['DepthToMesh']);
  if (!mesher || !cur) {
    b.notes.push('no registered function turns a picture into a mesh');
    return undefined;
  }
  if (cur.type === 'Mesh') return cur;
  if (cur.type !== 'Image') {
    const chain = b.path(cur.type, 'Image');
    if (!chain) {
      b.notes.push(`no chain of registered functions turns ${cur.type} into a picture for a mesh`);
      return undefined;
    }
    cur = b.chain(cur, chain);
  }
  const depthFns = ['PseudoDepth', 'EstimateDepth'];
  const curNode = b.nodes.find((n) => n.id === cur!.node);
  let depth = cur;
  let photo: Cursor | undefined;
  if (curNode && depthFns.includes(curNode.fn)) {
    const into = b.edges.find((e) => e.to.node === curNode.id);
    if (into) photo = { node: into.from.node, port: into.from.port, type: 'Image' };
  } else {
    const depthSig = b.pick(depthFns);
    if (!depthSig) {
      b.notes.push('no depth function registered (PseudoDepth or EstimateDepth)');
      return undefined;
    }
    photo = cur;
    depth = b.apply(depthSig, cur, {}, '', feed) ?? cur;
  }
  const id = b.add(mesher, {});
  const depthPort = mesher.inputs.find((i) => i.name === 'depth') ?? mesher.inputs[0];
  b.connect(depth, id, depthPort.name);
  const colorPort = mesher.inputs.find((i) => i !== depthPort && i.type === 'Image');
  if (colorPort && photo) b.connect(photo, id, colorPort.name);
  const out = mesher.outputs.find((o) => o.type === 'Mesh') ?? mesher.outputs[0];
  return { node: id, port: out.name, type: out.type };
}

/** The file the instruction names ("cat.jpg"), else a dropped file of that kind, else "<noun>.<ext>" ("this cat photo" → cat.jpg). */
function fileName(whole: string, phrase: string, inputFiles: string[] | undefined, exts: string[], ext: string, fallback: string): string {
  const named = new RegExp(String.raw`\b[\w-]+\.(?:${exts.join('|')})\b`, 'i').exec(whole);
  if (named) return named[0];
  const dropped = inputFiles?.find((f) => exts.some((e) => f.toLowerCase().endsWith(`.${e}`)));
  if (dropped) return dropped;
  const words = phrase
    .toLowerCase()
    .split(/\s+/)
    .slice(1, -1)
    .filter((w) => !/^(this|my|the|that|our|these|a|an|of|old|new|little)$/.test(w));
  return `${words.length ? words.join('-') : fallback}.${ext}`;
}
