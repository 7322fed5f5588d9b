/**
 * Scores planner output against the suite (./cases.ts): a program passes when it parses and checks without
 * errors and contains everything its case expects. `runSuite` plans every case with one backend.
 *
 * Example:
 *   const r = scoreProgram(SUITE[0], 'img = LoadImage(source="cat.jpg")', getRegistry());
 *   r.ok // false; r.reasons → ['missing function Cartoonize', …]
 */
import { analyse, paramsWithDefaults, programOutputs } from '../lang';
import type { Registry } from '../lang/types';
import { plan, type PlanOptions } from '../planner';
import { SUITE as FIRST_SUITE, type Category, type SuiteCase } from './cases';
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
  for (const p of e.params ?? []) {
    const nodes = program.nodes.filter((n) => n.fn === p.fn);
    const sig = registry.get(p.fn);
    if (!nodes.length || !sig) continue; // reported as a missing function already, when expected
    const fits = nodes.some((n) => {
      const v = paramsWithDefaults(n, sig)[p.param];
      if (p.equals !== undefined && v !== p.equals) return false;
      if (p.min !== undefined && !(typeof v === 'number' && v >= p.min)) return false;
      if (p.max !== undefined && !(typeof v === 'number' && v <= p.max)) return false;
      return true;
    });
    if (!fits) {
      const want = p.equals !== undefined ? `= ${JSON.stringify(p.equals)}` : `in ${p.min ?? '-∞'}..${p.max ?? '∞'}`;
      reasons.push(`${p.fn}.${p.param} should be ${want}`);
    }
  }
  return { ok: reasons.length === 0, reasons };
}

export interface SuiteResult {
  backend: string;
  passed: number;
  total: number;
  rate: number;
  byCategory: Record<string, { passed: number; total: number }>;
  /** 'dev' and 'heldout' (see SuiteCase.split). */
  bySplit: Record<string, { passed: number; total: number }>;
  cases: {
    id: string;
    category: Category;
    split: NonNullable<SuiteCase['split']>;
    ok: boolean;
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
  for (const [i, c] of cases.entries()) {
    const t0 = performance.now();
    const r = await plan(c.instruction, { backend, registry: opts.registry });
    const ms = performance.now() - t0;
    const score = r.program
      ? scoreProgram(c, r.program, opts.registry)
      : { ok: false, reasons: [r.attempts.at(-1)?.error ?? r.diagnostics[0]?.message ?? 'no program'] };
    const row = {
      id: c.id,
      category: c.category,
      split: c.split ?? 'dev',
      ok: score.ok,
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
    for (const b of [(byCategory[r.category] ??= { passed: 0, total: 0 }), (bySplit[r.split] ??= { passed: 0, total: 0 })]) {
      b.total++;
      if (r.ok) b.passed++;
    }
  }
  const passed = out.filter((r) => r.ok).length;
  return {
    backend: backend === 'rules' ? 'rules' : backend.id,
    passed,
    total: out.length,
    rate: out.length ? passed / out.length : 0,
    byCategory,
    bySplit,
    cases: out,
  };
}
