/**
 * Scores planner output against the suite (./cases.ts, ./heldout2.ts) two ways: strict (the plan does what was
 * asked: right functions, right order, right parameters, status 'ok'; or, for what the function library cannot
 * express, a plan marked partial/failed) and type-only (checks clean and ends in the asked type). `scoreProgram`
 * is the first suite's containment check. `runSuite` plans every case with one backend.
 *
 * Example:
 *   const r = scoreProgram(SUITE[0], 'img = LoadImage(source="cat.jpg")', getRegistry());
 *   r.ok // false; r.reasons → ['missing function Cartoonize', …]
 */
import { analyse, paramsWithDefaults, programOutputs } from '../lang';
import type { ProgramNode, Registry } from '../lang/types';
import { plan, type PlanOptions, type PlanStatus } from '../planner';
import { SUITE as FIRST_SUITE, type Category, type ParamExpectation, type SuiteCase } from './cases';
import { HELDOUT2 } from './heldout2';

export type { SuiteCase, Category, Expectation, StrictExpectation } from './cases';

/** The first suite (dev + heldout) and held-out split 2. */
export const SUITE: SuiteCase[] = [...FIRST_SUITE, ...HELDOUT2];

export interface CaseScore {
  ok: boolean;
  reasons: string[];
}

export function scoreProgram(c: SuiteCase, text: string, registry: Registry): CaseScore {
  const reasons: string[] = [];
  const { program, diagnostics } = analyse(text, registry);
  for (const d of diagnostics.filter((d) => d.severity === 'error')) reasons.push(`${d.line}:${d.column}: ${d.message}`);
  const fns = new Set(program.nodes.map((n) => n.fn));
  const e = c.expect ?? {};
  for (const f of e.functions ?? []) if (!fns.has(f)) reasons.push(`missing function ${f}`);
  for (const group of e.anyOf ?? []) if (!group.some((f) => fns.has(f))) reasons.push(`missing one of ${group.join(' | ')}`);
  for (const f of e.forbid ?? []) if (fns.has(f)) reasons.push(`must not use ${f}`);
  const fnOf = new Map(program.nodes.map((n) => [n.id, n.fn]));
  for (const edge of e.edges ?? []) {
    const m = /^(\w+)\.(\w+)\s*->\s*(\w+)\.(\w+)$/.exec(edge);
    if (!m) throw new Error(`suite case ${c.id}: malformed edge expectation "${edge}"`);
    const [, fa, pa, fb, pb] = m;
    const found = program.edges.some(
      (x) => fnOf.get(x.from.node) === fa && x.from.port === pa && fnOf.get(x.to.node) === fb && x.to.port === pb,
    );
    if (!found) reasons.push(`missing edge ${edge}`);
  }
  if (e.produces?.length) {
    const outTypes = new Set(programOutputs(program, registry).map((o) => o.type));
    for (const t of e.produces) if (!outTypes.has(t)) reasons.push(`produces no ${t}`);
  }
  reasons.push(...paramReasons(e.params ?? [], program.nodes, registry));
  return { ok: reasons.length === 0, reasons };
}

/** The functions a case's strict expectation needs that this build does not register ('A|B': both missing). */
export function missingFunctions(c: SuiteCase, registry: Registry): string[] {
  const steps = [...(c.strict?.chain ?? []), ...(c.strict?.also ?? [])];
  return [...new Set(steps.filter((s) => !s.split('|').some((f) => registry.has(f))))];
}

/** Why the function library cannot express a case (undefined when it can). */
export function cannotExpress(c: SuiteCase, registry: Registry): string | undefined {
  if (c.cannot) return c.cannot;
  if (!c.strict) return undefined;
  const missing = missingFunctions(c, registry);
  return missing.length ? `needs ${missing.join(', ')} (not registered)` : undefined;
}

function matches(step: string, fn: string): boolean {
  return step.split('|').includes(fn);
}

/**
 * The strict verdict: the plan does what was asked. For a case the library can express: status 'ok', no checker
 * error, the chain's functions connected in order, exactly the `also` functions besides, and the parameters. For
 * one it cannot: a plan marked 'partial' or 'failed' (a correct refusal).
 */
export function strictVerdict(
  c: SuiteCase,
  text: string,
  status: PlanStatus,
  registry: Registry,
  planDiagnostics: readonly { message: string }[] = [],
): CaseScore {
  const cannot = cannotExpress(c, registry);
  if (cannot !== undefined) {
    if (status === 'ok') return { ok: false, reasons: [`should be refused (partial or failed): ${cannot}`] };
    // A refusal for a missing function must name one of them (else it was refused for another reason).
    const missing = c.cannot ? [] : missingFunctions(c, registry).flatMap((s) => s.split('|'));
    const named = !missing.length || planDiagnostics.some((d) => missing.some((f) => d.message.includes(f)));
    return named
      ? { ok: true, reasons: [] }
      : { ok: false, reasons: [`refused, but no diagnostic names the missing ${missing.join(' or ')}`] };
  }
  const s = c.strict;
  if (!s) return { ok: false, reasons: ['case has no strict expectation'] };
  const reasons: string[] = [];
  if (status !== 'ok') reasons.push(`status ${status}`);
  const { program, diagnostics } = analyse(text, registry);
  for (const d of diagnostics.filter((d) => d.severity === 'error')) reasons.push(`${d.line}:${d.column}: ${d.message}`);
  const nodes = program.nodes;
  const linked = (a: string, b: string) => program.edges.some((e) => e.from.node === a && e.to.node === b);
  // Chain: a path of distinct nodes, each fed by the one before.
  const paths: string[][] = [];
  const walk = (path: string[]) => {
    if (path.length === s.chain.length) return void paths.push(path);
    for (const n of nodes)
      if (!path.includes(n.id) && matches(s.chain[path.length], n.fn) && (!path.length || linked(path.at(-1)!, n.id)))
        walk([...path, n.id]);
  };
  walk([]);
  const fnOf = new Map(nodes.map((n) => [n.id, n.fn]));
  const rest = (path: string[]) => nodes.filter((n) => !path.includes(n.id)).map((n) => n.fn);
  const sameAlso = (left: string[]) => {
    const want = [...(s.also ?? [])];
    for (const fn of left) {
      const k = want.findIndex((w) => matches(w, fn));
      if (k < 0) return false;
      want.splice(k, 1);
    }
    return want.length === 0;
  };
  const path = paths.find((p) => sameAlso(rest(p))) ?? paths[0];
  if (!path) reasons.push(`no chain ${s.chain.join(' -> ')} (got ${nodes.map((n) => n.fn).join(', ') || 'nothing'})`);
  else if (!sameAlso(rest(path)))
    reasons.push(
      `other functions should be [${(s.also ?? []).join(', ')}], got [${rest(path).join(', ')}] besides ${path.map((id) => fnOf.get(id)).join(' -> ')}`,
    );
  reasons.push(...paramReasons(s.params ?? c.expect?.params ?? [], program.nodes, registry));
  return { ok: reasons.length === 0, reasons };
}

/** The type-only verdict (the old, lenient measure): checks clean and ends in the asked type. */
export function typeOnlyVerdict(c: SuiteCase, text: string, registry: Registry): boolean {
  const want = c.ends ?? c.expect?.produces?.[0];
  if (!text || !want) return false;
  const { program, diagnostics } = analyse(text, registry);
  if (diagnostics.some((d) => d.severity === 'error')) return false;
  return programOutputs(program, registry).some((o) => o.type === want);
}

function paramReasons(params: ParamExpectation[], nodes: ProgramNode[], registry: Registry): string[] {
  const reasons: string[] = [];
  for (const p of params) {
    const found = nodes.filter((n) => n.fn === p.fn);
    const sig = registry.get(p.fn);
    if (!found.length || !sig) continue; // reported as a missing function already, when expected
    const fits = found.some((n) => {
      const v = paramsWithDefaults(n, sig)[p.param];
      // A choice of numbers ("2" | "4") holds the number as text: 2 and "2" are the same request.
      const isChoice = sig.params.find((q) => q.name === p.param)?.type === 'choice';
      if (p.equals !== undefined && (isChoice ? String(v) !== String(p.equals) : v !== p.equals)) return false;
      if (p.min !== undefined && !(typeof v === 'number' && v >= p.min)) return false;
      if (p.max !== undefined && !(typeof v === 'number' && v <= p.max)) return false;
      return true;
    });
    if (!fits) {
      const want = p.equals !== undefined ? `= ${JSON.stringify(p.equals)}` : `in ${p.min ?? '-∞'}..${p.max ?? '∞'}`;
      reasons.push(`${p.fn}.${p.param} should be ${want}`);
    }
  }
  return reasons;
}

interface Tally {
  /** Strict successes. */
  passed: number;
  typeOnly: number;
  total: number;
}

export interface SuiteResult {
  backend: string;
  /** Strict: the plan does what was asked (or correctly refuses what the library cannot express). */
  passed: number;
  /** Type-only: the program checks clean and ends in the asked type (whatever it does). */
  typeOnly: number;
  total: number;
  /** passed / total. */
  rate: number;
  byCategory: Record<string, Tally>;
  /** 'dev', 'heldout', 'heldout2' (see SuiteCase.split). */
  bySplit: Record<string, Tally>;
  /** The instructions this build's function library cannot express, and why. */
  inexpressible: { id: string; instruction: string; why: string }[];
  cases: {
    id: string;
    category: Category;
    split: NonNullable<SuiteCase['split']>;
    /** Strict verdict (kept as `ok` for callers of the first suite runner). */
    ok: boolean;
    typeOnly: boolean;
    status: PlanStatus;
    expressible: boolean;
    reasons: string[];
    attempts: number;
    ms: number;
  }[];
}

/** Plans every case with `backend` and scores it; `onCase` reports progress. */
export async function runSuite(
  backend: PlanOptions['backend'],
  opts: { registry: Registry; cases?: SuiteCase[]; onCase?: (r: SuiteResult['cases'][number], index: number, total: number) => void },
): Promise<SuiteResult> {
  const cases = opts.cases ?? SUITE;
  const out: SuiteResult['cases'] = [];
  const inexpressible: SuiteResult['inexpressible'] = [];
  for (const [i, c] of cases.entries()) {
    const t0 = performance.now();
    const r = await plan(c.instruction, { backend, registry: opts.registry });
    const ms = performance.now() - t0;
    const cannot = cannotExpress(c, opts.registry);
    if (cannot !== undefined) inexpressible.push({ id: c.id, instruction: c.instruction, why: cannot });
    const status = r.status ?? (r.ok ? 'ok' : 'failed');
    const score = strictVerdict(c, r.program, status, opts.registry, r.diagnostics);
    if (!score.ok && !r.program) score.reasons.push(r.attempts.at(-1)?.error ?? r.diagnostics[0]?.message ?? 'no program');
    const row = {
      id: c.id,
      category: c.category,
      split: c.split ?? 'dev',
      ok: score.ok,
      typeOnly: typeOnlyVerdict(c, r.program, opts.registry),
      status,
      expressible: cannot === undefined,
      reasons: score.reasons,
      attempts: r.attempts.length,
      ms,
    };
    out.push(row);
    opts.onCase?.(row, i, cases.length);
  }
  const byCategory: SuiteResult['byCategory'] = {};
  const bySplit: SuiteResult['bySplit'] = {};
  for (const r of out) {
    for (const b of [
      (byCategory[r.category] ??= { passed: 0, typeOnly: 0, total: 0 }),
      (bySplit[r.split] ??= { passed: 0, typeOnly: 0, total: 0 }),
    ]) {
      b.total++;
      if (r.ok) b.passed++;
      if (r.typeOnly) b.typeOnly++;
    }
  }
  const passed = out.filter((r) => r.ok).length;
  return {
    backend: backend === 'rules' ? 'rules' : backend.id,
    passed,
    typeOnly: out.filter((r) => r.typeOnly).length,
    total: out.length,
    rate: out.length ? passed / out.length : 0,
    byCategory,
    bySplit,
    inexpressible,
    cases: out,
  };
}
