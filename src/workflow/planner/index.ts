/**
 * Natural language → A-Language program. One entry point for the Workflows tab, the CLI and the benchmark:
 *   backend 'rules'      — the offline rule-based planner (./rules.ts), instant, no model;
 *   backend LlmBackend   — an in-browser model or an OpenAI-compatible endpoint (src/llm), through the paper's
 *                          analyse → retrieve → nodes → link → check → repair (≤ 3) pipeline (./llm.ts).
 * Every attempt is returned (and reported through `onAttempt` as it happens) so the UI can show them.
 *
 * Example:
 *   const { program, attempts, diagnostics, ok, status } = await plan('turn this cat photo into a cartoon-style video', { backend: 'rules' });
 *   // program: LoadImage → Cartoonize → AnimateImage; attempts.length === 1; ok === true; status === 'ok'
 *   (await plan('posterize this photo', { backend: 'rules' })).status
 *   // 'failed': diagnostics[0] = { severity: 'error', message: 'no registered function does "posterize"', words: ['posterize'], closest: […] }
 */
import { analyse } from '../lang';
import type { Registry } from '../lang/types';
import { getRegistry } from '../functions';
import { planWithLlm, repairWithLlm } from './llm';
import { planWithRules } from './rules';
import type { PlanAttempt, PlanDiagnostic, PlanOptions, PlanResult, PlanStatus } from './types';

export type { PlanAttempt, PlanDiagnostic, PlanOptions, PlanResult, PlanStage, PlanStatus } from './types';
export { planWithRules } from './rules';
export { formatDiagnostics } from './llm';

export async function plan(
  instruction: string,
  opts: PlanOptions & { inputFiles?: string[] },
): Promise<PlanResult & { status: PlanStatus }> {
  const registry: Registry = opts.registry ?? getRegistry();
  if (opts.backend === 'rules') {
    const r = planWithRules(instruction, registry, { inputFiles: opts.inputFiles });
    // The planner's own diagnostics (what it could not do, in which words) come first, then the checker's.
    const checked = r.text ? analyse(r.text, registry).diagnostics : [];
    const diagnostics: PlanDiagnostic[] = [...r.diagnostics, ...checked];
    const attempt: PlanAttempt = { stage: 'rules', text: r.text, diagnostics, ...(r.error ? { error: r.error } : {}) };
    opts.onAttempt?.(attempt, 0);
    const status: PlanStatus = checked.some((d) => d.severity === 'error') ? 'failed' : r.status;
    return { program: r.text, attempts: [attempt], diagnostics, ok: status === 'ok', backend: 'rules', status };
  }
  const r = await planWithLlm(instruction, opts.backend, { ...opts, registry });
  return { ...r, status: r.status ?? (r.ok ? 'ok' : 'failed') };
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
    return { program, attempts: [attempt], diagnostics, ok: false, backend: 'rules', status: 'failed' };
  }
  return repairWithLlm(instruction, program, error, opts.backend, { ...opts, registry });
}
