/**
 * What a planner returns: the program text it settled on, every attempt on the way (generated, then repaired),
 * and the checker's diagnostics for the final program.
 */
import type { Diagnostic, Registry } from '../lang/types';
import type { LlmBackend } from '../../llm/types';

export interface PlanAttempt {
  /** 'rules': the offline planner; 'generate': the LLM pipeline's first program; 'repair': a fix after errors. */
  stage: 'rules' | 'generate' | 'repair';
  /** Program text of this attempt ('' when the backend failed before producing one). */
  text: string;
  /** Parse + check diagnostics of `text`. */
  diagnostics: Diagnostic[];
  /** Why this attempt produced no usable program (backend error, nothing understood). */
  error?: string;
  /** The model's raw answer(s) for this attempt, for the UI's "show attempt". */
  raw?: string;
}

/**
 * Did the plan do what was asked: 'ok' (every step mapped, the program checks clean), 'partial' (a program that
 * does some of it; the diagnostics say what was left out), 'failed' (no program does it: nothing mapped, an
 * impossible value, a checker error, or no function of this build can do the task).
 */
export type PlanStatus = 'ok' | 'partial' | 'failed';

/** A checker diagnostic, or a planner one: then `words` are the words of the instruction it is about. */
export interface PlanDiagnostic extends Diagnostic {
  words?: string[];
  /** For a step that could not be mapped: the registered functions closest to what was asked. */
  closest?: string[];
}

export interface PlanResult {
  program: string;
  attempts: PlanAttempt[];
  /** The planner's own diagnostics (about the instruction) first, then the checker's on the final program. */
  diagnostics: PlanDiagnostic[];
  /** True when the final program has no error diagnostics (and, from plan(), when status is 'ok'). */
  ok: boolean;
  /** 'rules' or the LLM backend's id. */
  backend: string;
  /** Always set by plan(); a backend may leave it out ('ok' when ok, else 'failed'). */
  status?: PlanStatus;
}

/**
 * Progress of the LLM pipeline, for the UI ("analysing…", "linking…"). 'program': the whole program in one answer
 * (decoded under the grammar, or as JSON with a schema), instead of analyse → nodes → link.
 */
export type PlanStage = 'analyse' | 'retrieve' | 'nodes' | 'link' | 'program' | 'check' | 'repair';

export interface PlanOptions {
  backend: 'rules' | LlmBackend;
  /** Called after each attempt is checked (the tab lists them as they come). */
  onAttempt?: (attempt: PlanAttempt, index: number) => void;
  onStage?: (stage: PlanStage) => void;
  /** Streamed model text, where the backend streams. */
  onToken?: (text: string) => void;
  /** Defaults to every registered function. */
  registry?: Registry;
  signal?: AbortSignal;
  /** Repairs after the first program (paper: 3). */
  maxRepairs?: number;
  /** Token limit per LLM call. */
  maxTokens?: number;
  /**
   * Structured generation where the backend has it (default true): an in-browser/Node model decodes under the
   * program grammar (every sample parses and checks); an endpoint is asked for JSON with the program's schema (and
   * falls back to text when it refuses). false: the plain-text pipeline.
   */
  constrained?: boolean;
  /** Sampling temperature (default 0: greedy) and seed, e.g. to draw several programs. */
  temperature?: number;
  seed?: number;
}
