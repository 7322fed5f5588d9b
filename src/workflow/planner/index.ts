/**
 * Natural language → A-Language program. One entry point for the Workflows tab, the CLI and the benchmark:
 *   backend 'rules'      — the offline rule-based planner (./rules.ts), instant, no model;
 *   backend LlmBackend   — an in-browser model or an OpenAI-compatible endpoint (src/llm), through the paper's
 *                          analyse → retrieve → nodes → link → check → repair (≤ 3) pipeline (./llm.ts).
 * Every attempt is returned (and reported through `onAttempt` as it happens) so the UI can show them.
 *
 * Example:
 *   const { program, attempts, diagnostics, ok } = await plan('turn this cat photo into a cartoon-style video', { backend: 'rules' });
 *   // program: LoadImage → Cartoonize → AnimateImage; attempts.length === 1; ok === true
 */
import { analyse } from '../lang';
import type { Registry } from '../lang/types';
import { getRegistry } from '../functions';
import { planWithLlm, repairWithLlm } from './llm';
import { planWithRules } from './rules';
import type { PlanAttempt, PlanOptions, PlanResult } from './types';

export type { PlanAttempt, PlanOptions, PlanResult, PlanStage } from './types';
export { planWithRules } from './rules';
export { formatDiagnostics } from './llm';

export async function plan(instruction: string, opts: PlanOptions & { inputFiles?: string[] }): Promise<PlanResult> {
  const registry: Registry = opts.registry ?? getRegistry();
  if (opts.backend === 'rules') {
    const r = planWithRules(instruction, registry, { inputFiles: opts.inputFiles });
    // Nothing understood: the reason is the one diagnostic, so every caller (CLI, tab) shows it.
    const diagnostics = r.text
      ? analyse(r.text, registry).diagnostics
      : [{ severity: 'error' as const, message: r.error ?? 'no program', line: 1, column: 1 }];
    const attempt: PlanAttempt = { stage: 'rules', text: r.text, diagnostics, ...(r.error ? { error: r.error } : {}) };
    opts.onAttempt?.(attempt, 0);
    return {
      program: r.text,
      attempts: [attempt],
      diagnostics,
      ok: !r.error && !diagnostics.some((d) => d.severity === 'error'),
      backend: 'rules',
    };
  }
  return planWithLlm(instruction, opts.backend, { ...opts, registry });
}

/**
 * After a run error: hands the error (node, port, message) back to the LLM for up to 3 repairs.
 * The rules backend cannot repair; it returns the program unchanged with the error as an attempt.
 */
export async function repair(instruction: string, program: string, error: string, opts: PlanOptions): Promise<PlanResult> {
  const registry: Registry = opts.registry ?? getRegistry();
  if (opts.backend === 'rules') {
    const diagnostics = analyse(program, registry).diagnostics;
    const attempt: PlanAttempt = {
      stage: 'rules',
      text: program,
      diagnostics,
      error: `The offline planner cannot repair a program; fix it in the editor (${error})`,
    };
    opts.onAttempt?.(attempt, 0);
    return { program, attempts: [attempt], diagnostics, ok: false, backend: 'rules' };
  }
  return repairWithLlm(instruction, program, error, opts.backend, { ...opts, registry });
}
