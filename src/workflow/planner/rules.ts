/**
 * The offline, rule-based planner: instruction → program, no model. It reads the instruction as
 *   [verb] SOURCE? OPERATION* (into|as|to) TARGET? (of|about|saying SUBJECT)? (with PARAMETERS)?
 * (grammar and vocabulary in src/workflow/README.md, words in ./lexicon.ts), then builds a typed chain over the
 * registered functions: the source node, each operation in the order it is mentioned, type conversions where one
 * step's output type differs from the next step's input (shortest path over converter functions), and the
 * target's producer. Parameters come from the words ("48 frames", "a 14-frame clip", "zoom out", "2x", "40%") and
 * are checked against each signature: a value outside the range is an error, never clamped.
 *
 * It never pretends: a step it cannot map (no registered function does it, or words it does not understand) is a
 * diagnostic with the words and the closest registered functions, and the plan is 'partial' or 'failed'. A
 * description to generate ("an image of a red fox") goes to a text-to-image model when one is registered, never
 * to RenderText; a file name in any quotes is an input, loaded by LoadImage/LoadVideo/LoadAudio when registered.
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
import {
  ACTIONS,
  CONVERTERS,
  FEEDERS,
  GENERATED,
  GENERATED_NOUNS,
  GENERATE_VERB,
  MUSIC,
  OPERATIONS,
  SOURCES,
  TARGETS,
  size,
  type Operation,
  type Target,
  type WordParams,
} from './lexicon';
import type { PlanDiagnostic, PlanStatus } from './types';

export interface RulesPlan {
  /** Program text (notes first, as `#` comments); '' when nothing was understood or nothing could be done. */
  text: string;
  program: ProgramJson;
  notes: string[];
  /** Set when there is no program: why (the diagnostics, joined). */
  error?: string;
  /** What the planner could not do, with the words concerned (line 1, column 1: they are about the instruction). */
  diagnostics: PlanDiagnostic[];
  /** Before checking: plan() turns 'ok' into 'failed' when the checker finds errors. */
  status: PlanStatus;
}

/**
 * Why a diagnostic was raised. 'unmapped' (one step of several could not be done) makes the plan partial; the
 * others make it fail: an impossible value, an input that cannot be loaded, a result type or generation that no
 * function provides.
 */
type Problem = 'unmapped' | 'value' | 'input' | 'target' | 'generation';

/** Longest instruction the rules read (characters, after collapsing white space). */
export const MAX_INSTRUCTION_CHARS = 1000;

/** Functions that only bring an input in: a program of these alone does nothing that was asked. */
const INPUTS = new Set(['LoadImage', 'LoadVideo', 'LoadAudio', 'TextInput', 'Number']);

/** File names the planner loads: by extension, the type and its loader. */
const FILE_TYPES: { type: 'Image' | 'Video' | 'Audio'; exts: string[]; fallback: string }[] = [
  { type: 'Image', exts: ['jpg', 'jpeg', 'png', 'webp', 'gif', 'bmp'], fallback: 'photo' },
  { type: 'Video', exts: ['webm', 'mp4', 'mov', 'mkv'], fallback: 'video' },
  { type: 'Audio', exts: ['wav', 'mp3', 'ogg', 'flac', 'm4a'], fallback: 'recording' },
];

function fileType(name: string): (typeof FILE_TYPES)[number] | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1].toLowerCase();
  return ext ? FILE_TYPES.find((f) => f.exts.includes(ext)) : undefined;
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
function blank(text: string, m: Match, fill = ' '): string {
  return text.slice(0, m.at) + fill.repeat(m.end - m.at) + text.slice(m.end);
}

/** Every match of every pattern. */
function allMatches(patterns: RegExp[], text: string): Match[] {
  const out: Match[] = [];
  for (const re of patterns)
    for (const m of text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)))
      if (m[0].length) out.push({ at: m.index, end: m.index + m[0].length });
  return out;
}

/** Words that introduce what to make: "into a video", "as speech", "make a 3D model", "render … as an image". */
const ASKED =
  /\b(?:into|as|to|make|makes|create|generate|produce|draw|render|paint|compose|export|save|output|give me|get|turn (?:it|them) into)\s+(?:(?:a|an|the|some|one)\s+)?(?:[\w-]+\s+){0,3}$/i;

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Every quoted span ("…", “…”, '…', ‘…’, `…`); an apostrophe inside a word ("what's") does not open a quote. */
function quotes(instruction: string): (Match & { text: string })[] {
  const re = /"([^"]+)"|“([^”]+)”|‘([^’]+)’|`([^`]+)`|(?<![\w'])'([^']+)'(?![\w'])/g;
  return [...instruction.matchAll(re)].map((m) => {
    const text = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
    return { at: m.index, end: m.index + m[0].length, text };
  });
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
  diagnostics: (PlanDiagnostic & { problem: Problem })[] = [];

  /** "with the neural …", "using a model": prefer model-backed functions over offline ones. */
  wantsModel: boolean;
  /** Speech uses the real TTS model unless an offline or synthetic voice is asked for. */
  offlineVoice: boolean;

  constructor(
    private registry: Registry,
    private whole: string,
  ) {
    // "a 3D model" is a target, not a request for a learned model.
    this.wantsModel =
      /\b(?:neural|ai|deep[- ]learning|transformer)\b|\b(?:with|using|via|by) (?:a |an |the )?(?:[\w-]+ ){0,3}model\b/i.test(whole);
    this.offlineVoice = /\b(?:offline|synthetic|synthesi[sz]ed|robotic)\b|\bwithout (?:a |any )?(?:model|download)\b/i.test(whole);
  }

  report(problem: Problem, message: string, words: string[], closest?: string[]): void {
    if (this.diagnostics.some((d) => d.message === message)) return;
    const known = closest?.filter((f) => this.registry.has(f));
    this.diagnostics.push({
      severity: 'error',
      message,
      line: 1,
      column: 1,
      words: words.filter(Boolean),
      ...(known?.length ? { closest: known } : {}),
      problem,
    });
  }

  /**
   * The first registered candidate, preferring one whose input accepts `from` and then one that needs no model
   * download (the offline planner's default is a program that runs offline); for speech, the real TTS model.
   */
  pick(fns: string[], from?: PortType): FunctionSignature | undefined {
    const sigs = fns.map((f) => this.registry.get(f)).filter((s): s is FunctionSignature => !!s);
    const fits = from ? sigs.filter((s) => s.inputs.some((i) => i.type === from)) : [];
    const pool = fits.length ? fits : sigs;
    const speech = pool.some((s) => s.name === 'TextToSpeech' || s.name === 'SpeakText');
    const model = speech ? !this.offlineVoice : this.wantsModel;
    return pool.find((s) => Boolean(s.needsModel) === model) ?? pool[0];
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

  /** "radius 5", "levels=8", "12 bins", "40% strength", a choice named in the clause. */
  private genericParams(sig: FunctionSignature, clause: string): Record<string, ParamValue> {
    const out: Record<string, ParamValue> = {};
    const wh = size(clause);
    if (wh && sig.params.some((p) => p.name === 'width') && sig.params.some((p) => p.name === 'height')) [out.width, out.height] = wh;
    for (const p of sig.params) {
      if (p.type === 'number') {
        const words = p.name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
        const n = String.raw`((?:(?<=^|[\s(=:])-)?\d+(?:\.\d+)?)(\s*%)?`;
        const m =
          new RegExp(String.raw`\b${words}s?\s*(?:=|:|of|to|at)?\s*${n}`, 'i').exec(clause) ??
          new RegExp(String.raw`${n}\s*${words}s?\b`, 'i').exec(clause);
        if (m) {
          const v = Number(m[1]);
          // "40% strength" on a 0..1 parameter is 0.4; on a 0..100 one it is 40.
          out[p.name] = m[2] && p.max !== undefined && p.max <= 1 ? v / 100 : v;
        }
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

  /** Keeps only known parameters of the right type. A number outside its range is kept and reported: never clamped. */
  private fitParams(sig: FunctionSignature, params: WordParams): Record<string, ParamValue> {
    const out: Record<string, ParamValue> = {};
    for (const [name, value] of Object.entries(params)) {
      const spec = sig.params.find((p) => p.name === name);
      if (!spec) continue;
      if (spec.type === 'number' && typeof value === 'number' && Number.isFinite(value)) {
        const v = spec.integer ? Math.round(value) : value;
        if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
          const range = `${spec.min ?? '-∞'}..${spec.max ?? '∞'}`;
          this.report('value', `${sig.name}.${name} cannot be ${v}: it must be within ${range}`, [valueWords(this.whole, value)]);
        }
        out[name] = v;
      } else if (spec.type === 'choice' && typeof value === 'string') {
        // A value the user asked for that is not on offer is an error to show, never a silent default.
        if (!spec.choices.includes(value))
          this.report('value', `${sig.name}.${name} cannot be ${value}: it must be one of ${spec.choices.join(', ')}`, [
            valueWords(this.whole, value),
          ]);
        out[name] = value;
      } else if (spec.type === 'string' && typeof value === 'string') out[name] = value;
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
        this.report(
          'target',
          `${sig.name} needs ${input.type}, and no registered function turns ${from.type} into ${input.type}`,
          [],
          [sig.name],
        );
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
  const said = instruction.replace(/\s+/g, ' ').trim();
  // Numbers attached to words read as if apart: "a 14-frame clip" is "a 14 frame clip" (not "3-d").
  const whole = said.replace(/(\d)-(?=[a-ce-z]|d[a-z])/gi, '$1 ');
  const empty: ProgramJson = { version: 1, nodes: [], edges: [] };
  if (said.length > MAX_INSTRUCTION_CHARS) {
    // Word patterns scan the text many times; an instruction is a sentence or two, not a document.
    const error = `The instruction is ${said.length} characters long; the offline planner reads at most ${MAX_INSTRUCTION_CHARS}. Describe the task in a sentence or two.`;
    return { text: '', program: empty, notes: [], error, diagnostics: [diagnostic(error, [])], status: 'failed' };
  }
  if (!whole) {
    const error = 'The instruction is empty: describe what to make, e.g. "turn this cat photo into a cartoon-style video".';
    return { text: '', program: empty, notes: [], error, diagnostics: [diagnostic(error, [])], status: 'failed' };
  }

  const b = new Builder(registry, whole);
  let text = whole;

  // Quotes: a file name is an input (left in place for the source patterns), anything else is the text to use.
  const files: Record<string, string[]> = { Image: [], Video: [], Audio: [] };
  let givenText: string | undefined;
  let givenAt = -1;
  for (const q of quotes(whole)) {
    const kind = /^[^\\/:*?"<>|]+\.[a-z0-9]{2,4}$/i.test(q.text.trim()) ? fileType(q.text.trim()) : undefined;
    if (kind) {
      files[kind.type].push(q.text.trim());
      text = blank(text, { at: q.at, end: q.at + 1 }); // the quote marks only
      text = blank(text, { at: q.end - 1, end: q.end });
      continue;
    }
    if (givenText === undefined) {
      givenText = q.text;
      givenAt = q.at;
    }
    text = blank(text, q);
    // "the text "…"", "the words "…"": the noun names the quote, it is not a target.
    const noun = /\b(?:the |a |an )?(?:text|words?|line|sentence|title|phrase|message)\s*$/i.exec(text.slice(0, q.at));
    if (noun) text = blank(text, { at: noun.index, end: noun.index + noun[0].length });
  }
  // "Read this sentence aloud: The library closes at six." — the words after the colon are the text, nothing else.
  const colon = givenText === undefined ? /:\s+(\S.*)$/.exec(text) : null;
  if (colon && text.slice(0, colon.index).trim().split(/\s+/).length >= 2) {
    givenText = colon[1].trim();
    givenAt = colon.index;
    text = blank(text, { at: colon.index, end: text.length });
    const noun = /\b(?:this|the following|these|the)\s+(?:text|words?|line|sentence|title|phrase|message|paragraph)\b/i.exec(text);
    if (noun) text = blank(text, { at: noun.index, end: noun.index + noun[0].length });
  }
  // Bare file names.
  for (const m of text.matchAll(/(?<![\w.-])[\w-]+\.([a-z0-9]{2,4})\b/gi)) {
    const kind = fileType(m[0]);
    if (kind && !files[kind.type].includes(m[0])) files[kind.type].push(m[0]);
  }

  // A description to generate: "an image of a red fox", "a video of waves", "a 3D model of a dragon".
  let generate: { type: PortType; match: Match; subject: string } | undefined;
  const anyFile = files.Image.length + files.Video.length + files.Audio.length > 0;
  if (!anyFile && givenText === undefined) {
    for (const g of GENERATED) {
      const m = g.pattern.exec(text);
      const subj = m ? subject(text.slice(m.index)) : undefined;
      if (m && subj && (!generate || m.index < generate.match.at))
        generate = { type: g.type, match: { at: m.index, end: m.index + subj.end }, subject: subj.text };
    }
  } else if (!anyFile && givenText !== undefined) {
    // "an image of 'a red fox'", "generate a picture: a red fox", "the prompt "…"": a description, not words to draw.
    const before = whole.slice(0, givenAt).replace(/[\s:]+$/, ' ');
    for (const g of GENERATED) {
      const m = [...before.matchAll(new RegExp(g.pattern.source, 'gi'))].find((x) => x.index + x[0].length === before.length);
      const asked = GENERATE_VERB.exec(before);
      const noun = asked && new RegExp(`(?:${GENERATED_NOUNS[g.type]})\\s*$`, 'i').exec(before.trimEnd());
      const hit = m ?? noun ?? /\bprompt\s*$/i.exec(before.trimEnd());
      if (hit && !generate)
        generate = { type: hit === m || hit === noun ? g.type : 'Image', match: { at: hit.index, end: before.length }, subject: givenText };
    }
  }
  if (generate && SOURCES.some((s) => s.type !== 'Tensor' && earliest(s.patterns, text))) generate = undefined;
  if (generate) {
    text = blank(text, generate.match);
    givenText = generate.subject;
  }
  const subj = givenText === undefined ? subject(text) : undefined;
  if (subj) text = blank(text, subj);
  givenText ??= subj?.text;

  // What the instruction's words were consumed by (for unmapped steps): '·' so no pattern reads across a blank.
  let rest = text;
  const consume = (m: Match | undefined) => {
    if (m) rest = blank(rest, m, '·');
  };

  // Source: "this cat photo", "recording.wav", …
  let source: { type: PortType; fns: string[]; match: Match } | undefined;
  for (const s of SOURCES) {
    const m = earliest(s.patterns, text);
    if (m && (!source || m.at < source.match.at)) source = { type: s.type, fns: s.fns, match: m };
  }
  const sourcePhrase = source ? whole.slice(source.match.at, source.match.end) : '';
  if (source) {
    text = blank(text, source.match);
    consume(source.match);
  }
  const inputType: PortType | undefined = generate ? 'Image' : source?.type;
  // With no input, a step about pictures still fits when a picture is made ("put the words … on a picture and blur it").
  const madeTypes = new Set(TARGETS.filter((t) => earliest(t.patterns, text)).map((t) => t.type));
  const fitsInput = (types: PortType[]) => (inputType ? types.includes(inputType) : types.some((t) => madeTypes.has(t)));

  // Operations, in the order they are mentioned; "smooth" only about a picture, "add" only with numbers.
  const ops: { op: Operation; at: number; words: string }[] = [];
  for (const op of OPERATIONS) {
    const m = earliest(op.patterns, text);
    if (!m || (op.unless && earliest(op.unless, text))) continue;
    if (op.requires && !op.requires.test(text)) continue;
    if (op.onlyFor && !(op.needsInput ? inputType && op.onlyFor.includes(inputType) : fitsInput(op.onlyFor))) continue;
    ops.push({ op, at: m.at, words: whole.slice(m.at, m.end) });
    for (const x of allMatches(op.patterns, text)) consume(x);
  }
  ops.sort((x, y) => x.at - y.at);

  // Target: the modality the instruction asks to end with. A noun right after "into/as/to/make/…" counts first,
  // then the last one named ("caption this photo and read it aloud" ends in speech); music before speech.
  let target: { t: Target; at: number; asked: boolean; words: string } | undefined;
  const consider = (t: Target, m: Match | undefined) => {
    if (!m) return;
    const asked = ASKED.test(text.slice(Math.max(0, m.at - 60), m.at));
    if (!target || (asked && !target.asked) || (asked === target.asked && m.at > target.at))
      target = { t, at: m.at, asked, words: whole.slice(m.at, m.end) };
  };
  consider(MUSIC, latest(MUSIC.patterns, text));
  for (const t of TARGETS) if (!(t.type === 'Audio' && target?.t === MUSIC)) consider(t, latest(t.patterns, text));
  for (const t of [MUSIC, ...TARGETS]) for (const x of allMatches(t.patterns, text)) consume(x);
  // "a histogram", "a depth map", "a caption" are operations that already produce the target's type.
  if (target && target.t.type !== 'Video' && target.t.type !== 'Mesh') {
    const t = target.t;
    if (ops.some((o) => o.op.fns.some((f) => registry.get(f)?.outputs.some((out) => out.type === t.type)))) target = undefined;
  }

  // Steps asked for in words no operation consumed: reported, never dropped.
  for (const a of ACTIONS) {
    const m = a.pattern.exec(rest);
    if (m) b.report('unmapped', `no registered function does "${m[0].trim()}"`, [m[0].trim()], a.related);
  }
  for (const m of rest.matchAll(/\b[a-z]{3,}(?:ize|ise|ify)\b/gi))
    if (!/^(?:size|resize|otherwise|advise|rise|wise|noise|praise|surprise|promise|premise|exercise|franchise|visuali[sz]e)$/i.test(m[0]))
      b.report('unmapped', `no registered function does "${m[0]}"`, [m[0]]);

  if (!source && ops.length === 0 && !target && givenText === undefined && !generate && !anyFile) {
    const error = `I could not find a task in "${said}". Name what to start from and what to make, e.g. "turn this cat photo into a cartoon-style video", "read \\"hello\\" aloud", "make a 3D model from this photo".`;
    return { text: '', program: empty, notes: [], error, diagnostics: [diagnostic(error, [])], status: 'failed' };
  }

  // Feeders for open inputs: the source, the files named in order, the quoted/subject text, the numbers in order.
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
      const loader = fns.join(' or ') || `a ${t} input`;
      const phrase = source?.type === t ? sourcePhrase : (files[t]?.[0] ?? '');
      b.report(
        'input',
        `the instruction gives ${t.toLowerCase()} input${phrase ? ` (${phrase})` : ''}, but no registered function loads it (${loader} is not registered)`,
        [phrase],
      );
      return undefined;
    }
    const params: Record<string, ParamValue> = {};
    const file = FILE_TYPES.find((f) => FEEDERS[f.type]?.includes(sig.name));
    // A second picture/video/recording is loaded only when the user gives one: a file name, a dropped file,
    // or a plural ("these two photos"); never an invented placeholder.
    const loaded = b.nodes.filter((n) => n.fn === sig.name).length;
    const given =
      !file ||
      files[file.type].length > 0 ||
      loaded === 0 ||
      (opts.inputFiles ?? []).filter((f) => file.exts.some((e) => f.toLowerCase().endsWith(`.${e}`))).length > loaded ||
      /\b(?:these|two|both|all|three|several)\b|s\b$/i.test(sourcePhrase);
    if (!given) {
      b.report(
        'input',
        `another ${t.toLowerCase()} input is needed, and the instruction names none (give its file name, e.g. 'second.${file!.exts[0]}')`,
        [sourcePhrase],
      );
      return undefined;
    }
    if (file) {
      const param = sig.params.find((p) => p.type === 'string')?.name ?? 'source';
      params[param] = files[file.type].shift() ?? fileName(sourcePhrase, opts.inputFiles, file.exts, file.fallback, loaded);
    }
    if (sig.name === 'TextInput') params.text = givenText ?? whole;
    if (sig.name === 'Number' && numbers.length) params.value = numbers.shift()!;
    const id = b.add(sig, params);
    const out = sig.outputs.find((o) => o.type === t) ?? sig.outputs[0];
    return { node: id, port: out.name, type: out.type };
  };
  // A named file with no "this photo" phrase is the source.
  if (!source) {
    const kind = FILE_TYPES.find((f) => files[f.type].length);
    if (kind) source = { type: kind.type, fns: FEEDERS[kind.type] ?? [], match: { at: 0, end: 0 } };
  }

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
  if (generate) cur = generated(b, generate, feed);

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
        } else
          b.report(
            'target',
            `asked for ${t.type.toLowerCase()} ("${target.words}"), but no registered function turns ${cur.type} into ${t.type}`,
            [target.words],
          );
      } else
        b.report('target', `asked for ${t.type.toLowerCase()} ("${target.words}"), but no registered function makes it here`, [
          target.words,
        ]);
    }
  };

  // A step that cannot take the current value waits for a later one that can ("describe what happens 2 seconds
  // into this video": the frame is extracted first).
  const queue = [...ops];
  while (queue.length) {
    let k = 0;
    const takes = (o: (typeof ops)[number]) => {
      const sig = b.pick(o.op.fns, cur?.type);
      return !!sig && !!cur && sig.inputs.some((i) => i.type === cur!.type || b.path(cur!.type, i.type));
    };
    if (cur && !takes(queue[0])) k = Math.max(0, queue.findIndex(takes));
    const [{ op, at, words }] = queue.splice(k, 1);
    const sig = b.pick(op.fns, cur?.type);
    if (!sig) {
      b.report('unmapped', `"${words}" needs ${op.fns.join(' or ')}, which this build does not register`, [words], op.related);
      continue;
    }
    // "compose a melody and show its waveform": a target named before a step that cannot take the current
    // value is made first.
    if (target && !targetDone && target.at < at && !(cur && sig.inputs.some((i) => i.type === cur!.type))) applyTarget();
    if (!cur && sig.inputs[0]) cur = start(sig.inputs[0].type);
    const params = op.params?.(whole, whole, sig) ?? {};
    const next = b.apply(sig, cur, params, whole, feed);
    if (next) cur = next;
  }
  if (!targetDone) applyTarget();
  if (!cur && givenText !== undefined && !generate) cur = feed('Text');

  const program: ProgramJson = { version: 1, nodes: b.nodes, edges: b.edges };
  const diagnostics = b.diagnostics.map(({ problem: _, ...d }) => d);
  const does = b.nodes.some((n) => !INPUTS.has(n.fn));
  if (!does && b.diagnostics.length === 0) {
    const words = rest.replace(/·+/g, ' ').replace(/\s+/g, ' ').trim();
    b.report('unmapped', `no step I can map${words ? ` in "${words}"` : ''}: the program would only load its input`, words ? [words] : []);
    diagnostics.push(...b.diagnostics.slice(-1).map(({ problem: _, ...d }) => d));
  }
  const fatal = b.diagnostics.some((d) => d.problem !== 'unmapped');
  const status: PlanStatus = !does || fatal ? 'failed' : b.diagnostics.length ? 'partial' : 'ok';
  if (!does) {
    // Nothing asked was done: no program to pretend with, only the reasons.
    return { text: '', program: empty, notes: b.notes, error: diagnostics.map((d) => d.message).join('; '), diagnostics, status };
  }
  const header = [
    `# planned offline from: ${said}`,
    ...b.notes.map((n) => `# note: ${n}`),
    ...diagnostics.map((d) => `# ${status === 'failed' ? 'error' : 'not done'}: ${d.message}`),
  ];
  return { text: `${header.join('\n')}\n${print(program)}`, program, notes: b.notes, diagnostics, status };
}

function diagnostic(message: string, words: string[]): PlanDiagnostic {
  return { severity: 'error', message, line: 1, column: 1, words };
}

/**
 * The start of a generation request: the description into a text-to-image model. Text → video and text → 3D have
 * no browser-capable model: reported, not faked with RenderText.
 */
function generated(
  b: Builder,
  g: { type: PortType; match: Match; subject: string },
  feed: (t: PortType) => Cursor | undefined,
): Cursor | undefined {
  const words = [g.subject];
  if (g.type === 'Video') {
    b.report('generation', `no browser-capable text-to-video model exists, so a video of "${g.subject}" cannot be generated`, words, [
      'TextToImage',
      'AnimateImage',
    ]);
    return undefined;
  }
  if (g.type === 'Mesh') {
    b.report('generation', `no text-to-3D model is available, so a 3D model of "${g.subject}" cannot be generated`, words, [
      'TextToImage',
      'DepthToMesh',
    ]);
    return undefined;
  }
  const sig = b.pick(['TextToImage']);
  if (!sig) {
    b.report(
      'generation',
      `generating an image of "${g.subject}" needs a text-to-image model (TextToImage), which this build does not register; RenderText would only draw the words`,
      words,
      ['RenderText'],
    );
    return undefined;
  }
  return b.apply(sig, feed('Text'), {}, '', feed);
}

/**
 * Image → Mesh: a depth map (the one already in the chain, else PseudoDepth offline) into DepthToMesh, with the
 * photo itself as the mesh colour.
 */
function toMesh(b: Builder, cur: Cursor | undefined, feed: (t: PortType) => Cursor | undefined): Cursor | undefined {
  const mesher = b.pick(['DepthToMesh']);
  if (!mesher || !cur) {
    b.report('target', 'no registered function turns a picture into a mesh', [], ['DepthToMesh']);
    return undefined;
  }
  if (cur.type === 'Mesh') return cur;
  if (cur.type !== 'Image') {
    const chain = b.path(cur.type, 'Image');
    if (!chain) {
      b.report('target', `no chain of registered functions turns ${cur.type} into a picture for a mesh`, []);
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
      b.report('target', 'no depth function registered (PseudoDepth or EstimateDepth)', []);
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

/** A dropped file of that kind, else "<noun>.<ext>" ("this cat photo" → cat.jpg); named files are taken before this. */
function fileName(phrase: string, inputFiles: string[] | undefined, exts: string[], fallback: string, index = 0): string {
  const ext = exts[0];
  const dropped = inputFiles?.filter((f) => exts.some((e) => f.toLowerCase().endsWith(`.${e}`)))[index];
  if (dropped) return dropped;
  const words = phrase
    .toLowerCase()
    .split(/\s+/)
    .slice(1, -1)
    .filter((w) => !/^(this|my|the|that|our|these|those|a|an|of|old|new|little|two|both|three|all|several)$/.test(w));
  return `${words.length ? words.join('-') : fallback}${index ? `-${index + 1}` : ''}.${ext}`;
}

/** The words of the instruction around a number ("-5 fps", "300%"), for a diagnostic. */
function valueWords(whole: string, value: number | string): string {
  const shown = typeof value === 'number' ? String(value).replace(/^-/, '-?') : value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alt = typeof value === 'number' ? `|${value * 100}` : '';
  const m = new RegExp(String.raw`(?:${shown}${alt})(?:\s*%)?(?:\s+[\w-]+)?`).exec(whole);
  return m ? m[0].trim() : String(value);
}
