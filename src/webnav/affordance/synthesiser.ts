/**
 * The offline generator: enumerates programs of a small DSL over the perception library, smallest first,
 * renders each to JavaScript source, and keeps the first (so the smallest) that verifies on the sample
 * screens (`verify.ts`). A program is a union of 1–3 clauses; a clause is
 *   regions (text boxes read by OCR | colour components) → filter (all | named in the utterance | …) → emit,
 * or a constant emit (type each quoted phrase, press Enter, drag a slider to a named number). Emits may be composite:
 * a macro (click a field, then type a quoted phrase into it) or a drag. Size = number of DSL steps.
 *
 * Example:
 *   const r = await synthesise(sandbox, 'click-button', { seeds: [1, 2, 3, 4, 5] });
 *   r.program?.source   // function affordances(screen, utterance, lib) { … lib.textBoxes(screen).filter(… mentions …) … }
 *   r.tried             // programs tried before it
 */
import { getTask } from '../tasks/index';
import type { AffordanceProgram } from './program';
import type { AffordanceSandbox } from './sandbox';
import { verifyProgram, type VerifyReport } from './verify';

interface Step {
  /** Short name in the DSL listing, e.g. 'text', 'mentioned', 'click'. */
  name: string;
  /** Cost in the size order (0 for the trivial "all" filter). */
  cost: number;
}

interface RegionStep extends Step {
  js: string;
  comment: string;
}
interface FilterStep extends Step {
  /** JS predicate over `r` (a region); empty for "all". */
  js: string;
  comment: string;
  /** Which region kinds it applies to. */
  on: ('text' | 'components')[];
}
interface EmitStep extends Step {
  /** JS expression of the action(s) for region `r`. */
  js: string;
  comment: string;
}

export interface Clause {
  kind: 'regions' | 'constant';
  region?: RegionStep;
  filter?: FilterStep;
  emit: EmitStep;
  size: number;
}

const REGIONS: RegionStep[] = [
  { name: 'text', cost: 1, js: 'lib.textBoxes(screen)', comment: 'text read by OCR below the instruction bar' },
  { name: 'components', cost: 1, js: 'lib.regions(screen)', comment: 'colour components (widgets, shapes) below the instruction bar' },
];

const FILTERS: FilterStep[] = [
  { name: 'all', cost: 0, js: '', comment: 'all of them', on: ['text', 'components'] },
  { name: 'mentioned', cost: 1, js: 'lib.mentions(utterance, r.text)', comment: 'whose text the utterance mentions', on: ['text'] },
  {
    name: 'quoted',
    cost: 1,
    js: 'lib.quoted(utterance).some((q) => q.toLowerCase() === r.text.toLowerCase())',
    comment: 'whose text is a quoted phrase',
    on: ['text'],
  },
  {
    name: 'color-named',
    cost: 1,
    js: 'lib.mentions(utterance, r.colorName)',
    comment: 'whose colour the utterance names',
    on: ['components'],
  },
  {
    name: 'shape-named',
    cost: 2,
    js: 'lib.mentions(utterance, r.colorName) && lib.mentions(utterance, r.shape)',
    comment: 'whose colour and shape the utterance names',
    on: ['components'],
  },
  {
    name: 'field-like',
    cost: 1,
    js: 'r.w >= 3 * r.h && r.h >= 9 && r.h <= 20',
    comment: 'wide and short (text fields, sliders)',
    on: ['components'],
  },
  {
    name: 'box-like',
    cost: 1,
    js: 'r.w <= 14 && r.h <= 14 && Math.abs(r.w - r.h) <= 2',
    comment: 'small and square (checkboxes, radios, close buttons)',
    on: ['components'],
  },
];

const EMITS: EmitStep[] = [
  { name: 'click-centre', cost: 1, js: 'lib.clickBox(r)', comment: 'click the centre' },
  {
    name: 'click-left',
    cost: 2,
    js: 'lib.click(Math.max(0, r.x - 8), r.y + r.h / 2)',
    comment: 'click just left of it (a checkbox before its label)',
  },
  { name: 'click-along', cost: 2, js: '...lib.clicksAlong(r, 6)', comment: 'click every 6 px along its middle (a slider track)' },
  {
    name: 'click-type-quoted',
    cost: 2,
    js: '...lib.quoted(utterance).map((q) => lib.clickType(r, q))',
    comment: 'click it, then type a quoted phrase (one macro per phrase)',
  },
];

const CONSTANTS: EmitStep[] = [
  { name: 'type-quoted', cost: 1, js: 'lib.quoted(utterance).map((q) => lib.type(q))', comment: 'type each quoted phrase' },
  { name: 'key-enter', cost: 1, js: "[lib.key('Enter')]", comment: 'press Enter' },
  {
    name: 'drag-to-number',
    cost: 2,
    js: 'lib.tracks(screen).flatMap((t) => lib.numbers(utterance).flatMap((n) => lib.dragsTo(t, n)))',
    comment: 'drag each slider track to where a named number would be (scales 0–10, 0–20, 0–100)',
  },
];

/** Every clause of the DSL, smallest first (ties keep the listing order above). */
export function allClauses(): Clause[] {
  const out: Clause[] = [];
  for (const region of REGIONS) {
    for (const filter of FILTERS) {
      if (!filter.on.includes(region.name as 'text' | 'components')) continue;
      for (const emit of EMITS) out.push({ kind: 'regions', region, filter, emit, size: region.cost + filter.cost + emit.cost });
    }
  }
  for (const emit of CONSTANTS) out.push({ kind: 'constant', emit, size: emit.cost });
  return out
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.size - b.c.size || a.i - b.i)
    .map(({ c }) => c);
}

export function clauseName(c: Clause): string {
  return c.kind === 'constant' ? c.emit.name : `${c.region!.name} → ${c.filter!.name} → ${c.emit.name}`;
}

/** Renders clauses to a readable affordance program. */
export function renderProgram(clauses: Clause[]): string {
  const body = clauses.map((c) => {
    if (c.kind === 'constant') return `  // ${c.emit.comment}\n  actions.push(...${c.emit.js});`;
    const filtered = c.filter!.js ? `${c.region!.js}.filter((r) => ${c.filter!.js})` : c.region!.js;
    return `  // ${c.region!.comment}, ${c.filter!.comment} → ${c.emit.comment}\n  for (const r of ${filtered}) actions.push(${c.emit.js});`;
  });
  return `function affordances(screen, utterance, lib) {\n  const actions = [];\n${body.join('\n')}\n  return actions;\n}\n`;
}

/** Programs of up to `maxClauses` clauses, in order of total size (then enumeration order). */
export function* enumeratePrograms(maxClauses = 3): Generator<Clause[]> {
  const clauses = allClauses();
  const combos: { cs: Clause[]; size: number; order: number }[] = [];
  let order = 0;
  const rec = (start: number, picked: Clause[]) => {
    if (picked.length > 0) combos.push({ cs: picked, size: picked.reduce((s, c) => s + c.size, 0), order: order++ });
    if (picked.length === maxClauses) return;
    for (let i = start; i < clauses.length; i++) rec(i + 1, [...picked, clauses[i]]);
  };
  rec(0, []);
  combos.sort((a, b) => a.size - b.size || a.cs.length - b.cs.length || a.order - b.order);
  for (const c of combos) yield c.cs;
}

export interface SynthesisResult {
  task: string;
  program: AffordanceProgram | null;
  /** DSL listing of the kept program, e.g. ['text → mentioned → click-centre']. */
  clauses: string[];
  size: number;
  tried: number;
  report: VerifyReport | null;
  /** Why the last few candidates failed (what "continue the search" skipped). */
  rejected: { program: string; reason: string }[];
}

export interface SynthesisOptions {
  seeds?: number[];
  maxClauses?: number;
  /** Stop after trying this many programs. */
  budget?: number;
  signal?: AbortSignal;
  onTry?: (program: string, ok: boolean, reason: string) => void;
}

export async function synthesise(sandbox: AffordanceSandbox, task: string, opts: SynthesisOptions = {}): Promise<SynthesisResult> {
  const seeds = opts.seeds ?? [1, 2, 3, 4, 5];
  const budget = opts.budget ?? 400;
  const rejected: SynthesisResult['rejected'] = [];
  let tried = 0;
  for (const clauses of enumeratePrograms(opts.maxClauses ?? 3)) {
    if (tried >= budget || opts.signal?.aborted) break;
    tried++;
    const source = renderProgram(clauses);
    const name = clauses.map(clauseName).join(' + ');
    // Fail fast on the first sample; only survivors are checked on all of them.
    const quick = await verifyProgram(sandbox, source, task, seeds.slice(0, 1));
    const report = quick.ok ? await verifyProgram(sandbox, source, task, seeds) : quick;
    opts.onTry?.(name, report.ok, report.failures[0] ?? '');
    if (report.ok) {
      return {
        task,
        program: { name: `synth:${task}`, family: getTask(task).family, origin: 'synthesiser', source },
        clauses: clauses.map(clauseName),
        size: clauses.reduce((s, c) => s + c.size, 0),
        tried,
        report,
        rejected: rejected.slice(-10),
      };
    }
    rejected.push({ program: name, reason: report.failures[0] ?? 'failed' });
  }
  return { task, program: null, clauses: [], size: 0, tried, report: null, rejected: rejected.slice(-10) };
}
