/**
 * PaperCoder's pipeline over any `LlmBackend`: planning (one conversation: plan → architecture → logic →
 * config.yaml), analysis (one call per file), coding (one call per file in task-list order, every earlier
 * file in the prompt, context fitted by `context.ts`), then run and repair (SEARCH/REPLACE edits, ≤ 3 rounds).
 *
 * Resumable: each step runs only when its artifact is missing, and the state is handed to `onState` after
 * every step, so a failure (HTTP 401/429, a time-out, a cancel) loses nothing and the next call continues.
 * `editArtifact` clears exactly what depends on an edited artifact.
 *
 * Example:
 *   const state = newProject(paper);
 *   await runPipeline(state, { llm, runner, onState: (s) => save(s) });
 *   state.files['main.py'];
 */
import { LlmError } from '../llm/errors';
import type { ChatMessage, LlmBackend, TokenUsage } from '../llm/types';
import { estimateTokens, fitContext, repoAsText } from './context';
import { EditError, applyEdits, codeFromAnswer, parseEdits } from './edits';
import { paperToMarkdown } from './paper';
import { analysisMessages, codingMessages, planningMessages, repairMessages, schemaRepairMessage } from './prompts';
import type { Parsed } from './schema';
import { CONFIG_FILE, parseDesign, parseLogic, taskOrder, type TaskOrder } from './tasks';
import type { ProjectState, RepairRound, RunResult, StageCall } from './types';

export type Runner = (files: Record<string, string>, entry: string, opts: { signal?: AbortSignal }) => Promise<RunResult>;

/** USD per million tokens. */
export interface Prices {
  input: number;
  output: number;
}

export interface PipelineOptions {
  llm: LlmBackend;
  signal?: AbortSignal;
  temperature?: number;
  /** Room for each answer, in tokens. */
  maxTokens?: number;
  /** The model's context window in tokens; coding prompts are fitted to it minus `maxTokens`. */
  contextTokens?: number;
  /** Runs the repository; without it the pipeline stops after coding. */
  runner?: Runner;
  maxRepairRounds?: number;
  /** Each model call fails with a clear message after this long (default 10 minutes). */
  requestTimeoutMs?: number;
  /** Called after every step with the (mutated) state: save it. */
  onState?: (state: ProjectState) => void | Promise<void>;
  /** Streamed answer text, per call key. */
  onToken?: (key: string, text: string) => void;
  /** A call is about to be made (key, for progress). */
  onStage?: (key: string) => void;
}

export const DEFAULT_CONTEXT_TOKENS = 128_000;
export const DEFAULT_MAX_TOKENS = 8_192;
export const DEFAULT_REPAIR_ROUNDS = 3;
export const DEFAULT_REQUEST_TIMEOUT_MS = 600_000;

/** A failed step, naming it; the state keeps everything done before it. */
export class StageError extends Error {
  override name = 'StageError';
  constructor(
    readonly key: string,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

const STAGE_NAMES: Record<string, string> = {
  plan: 'Planning (overall plan)',
  design: 'Planning (architecture design)',
  logic: 'Planning (logic design)',
  config: 'Planning (config.yaml)',
};

export function stageName(key: string): string {
  const [kind, rest] = [key.split(':')[0], key.split(':').slice(1).join(':')];
  if (STAGE_NAMES[kind]) return STAGE_NAMES[kind];
  if (kind === 'analysis') return `Analysis of ${rest}`;
  if (kind === 'code') return `Coding of ${rest}`;
  if (kind === 'repair') return `Repair round ${rest}`;
  if (kind === 'review') return `Review sample ${rest}`;
  return key;
}

function describeFailure(key: string, e: unknown): StageError {
  if (e instanceof StageError) return e;
  const what = stageName(key);
  if (e instanceof LlmError) {
    if (e.kind === 'aborted') return new StageError(key, `Cancelled during ${what}; everything before it is kept`, e);
    const hint =
      e.status === 401 || e.status === 403
        ? ' — check the API key'
        : e.status === 429
          ? ' — the endpoint is rate-limiting or out of quota; wait and press Continue'
          : e.kind === 'network'
            ? ' — for a server without CORS headers, run a local proxy that adds them and point the endpoint URL at it'
            : '';
    return new StageError(key, `${what} failed: ${e.message}${hint}. Nothing done so far is lost; Continue resumes here.`, e);
  }
  if (e instanceof DOMException && e.name === 'AbortError')
    return new StageError(key, `Cancelled during ${what}; everything before it is kept`, e);
  return new StageError(key, `${what} failed: ${e instanceof Error ? e.message : String(e)}`, e);
}

/** One model call, recorded in `state.calls`. */
export async function ask(
  state: ProjectState,
  opts: PipelineOptions,
  key: string,
  messages: ChatMessage[],
  note?: string,
): Promise<string> {
  opts.onStage?.(key);
  const t0 = Date.now();
  let response: string;
  let usage: TokenUsage | undefined;
  const limitMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(limitMs);
  try {
    if (opts.signal?.aborted) throw new LlmError('aborted', 'cancelled');
    response = await opts.llm.chat(messages, {
      onUsage: (u) => (usage = u),
      signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
      temperature: opts.temperature,
      maxTokens: opts.maxTokens ?? DEFAULT_MAX_TOKENS,
      onToken: opts.onToken ? (t) => opts.onToken!(key, t) : undefined,
    });
  } catch (e) {
    if (timeout.aborted && !opts.signal?.aborted) {
      throw new StageError(
        key,
        `${stageName(key)} failed: the endpoint did not answer within ${Math.round(limitMs / 1000)} s. Nothing done so far is lost; Continue resumes here.`,
        e,
      );
    }
    throw describeFailure(key, e);
  }
  const call: StageCall = {
    key,
    messages,
    response,
    inTokens: usage?.promptTokens ?? messages.reduce((n, m) => n + estimateTokens(m.content), 0),
    outTokens: usage?.completionTokens ?? estimateTokens(response),
    ...(usage ? { counted: true } : {}),
    ms: Date.now() - t0,
    ...(note ? { note } : {}),
  };
  state.calls.push(call);
  return response;
}

/** A call whose answer must parse; one repair round with the parse error, then a clear failure. */
export async function askStructured<T>(
  state: ProjectState,
  opts: PipelineOptions,
  key: string,
  messages: ChatMessage[],
  parse: (answer: string) => Parsed<T>,
): Promise<{ answer: string; value: T }> {
  const answer = await ask(state, opts, key, messages);
  const first = parse(answer);
  if (first.ok) return { answer, value: first.value };
  const retry = await ask(
    state,
    opts,
    `${key}:repair`,
    [...messages, { role: 'assistant', content: answer }, schemaRepairMessage(first.error)],
    `schema repair: ${first.error}`,
  );
  const second = parse(retry);
  if (second.ok) return { answer: retry, value: second.value };
  throw new StageError(key, `${stageName(key)}: the model's JSON was malformed twice (${second.error}); edit the answer or run again`);
}

const save = async (state: ProjectState, opts: PipelineOptions) => {
  await opts.onState?.(state);
};

/** The task order from the stored design and logic (throws TaskListError with the reason). */
export function currentTaskOrder(state: ProjectState): TaskOrder {
  const design = parseDesign(state.designText ?? '');
  const logic = parseLogic(state.logicText ?? '');
  if (!design.ok) throw new StageError('design', `The architecture design does not parse: ${design.error}`);
  if (!logic.ok) throw new StageError('logic', `The logic design does not parse: ${logic.error}`);
  return taskOrder(design.value, logic.value, state.language);
}

function logicDescription(state: ProjectState, file: string): string {
  const logic = parseLogic(state.logicText ?? '');
  return logic.ok ? (logic.value['Logic Analysis'].find(([f]) => f === file)?.[1] ?? '') : '';
}

export async function runPipeline(state: ProjectState, opts: PipelineOptions): Promise<ProjectState> {
  let key = 'plan';
  try {
    state.error = undefined;
    const paperText = paperToMarkdown(state.paper);
    if (!state.plan) {
      state.plan = await ask(state, opts, 'plan', planningMessages(state, paperText, 1));
      await save(state, opts);
    }
    key = 'design';
    if (!state.designText) {
      const { value } = await askStructured(state, opts, 'design', planningMessages(state, paperText, 2), parseDesign);
      state.designText = JSON.stringify(value, null, 2);
      await save(state, opts);
    }
    key = 'logic';
    if (!state.logicText) {
      const { value } = await askStructured(state, opts, 'logic', planningMessages(state, paperText, 3), parseLogic);
      state.logicText = JSON.stringify(value, null, 2);
      await save(state, opts);
    }
    const tasks = currentTaskOrder(state);
    state.notes = tasks.notes;
    key = 'config';
    if (state.config === undefined) {
      const answer = await ask(state, opts, 'config', planningMessages(state, paperText, 4));
      state.config = codeFromAnswer(answer, CONFIG_FILE);
      state.files[CONFIG_FILE] = state.config;
      await save(state, opts);
    }
    for (const file of tasks.order) {
      key = `analysis:${file}`;
      if (state.analyses[file] !== undefined) continue;
      state.analyses[file] = await ask(state, opts, key, analysisMessages(state, paperText, file, logicDescription(state, file)));
      await save(state, opts);
    }
    const budget = (opts.contextTokens ?? DEFAULT_CONTEXT_TOKENS) - (opts.maxTokens ?? DEFAULT_MAX_TOKENS);
    for (const [i, file] of tasks.order.entries()) {
      key = `code:${file}`;
      if (state.files[file] !== undefined) continue;
      const analysis = state.analyses[file] ?? '';
      const fitted = fitContext({
        paper: state.paper,
        files: state.files,
        earlierOrder: tasks.order.slice(0, i),
        focus: `${file} ${analysis}`,
        budgetTokens: budget,
        build: (p, e) =>
          codingMessages(state, p, file, analysis, e)
            .map((m) => m.content)
            .join('\n'),
      });
      const answer = await ask(state, opts, key, codingMessages(state, fitted.paperText, file, analysis, fitted.earlier), fitted.note);
      state.codingRaw[file] = answer;
      state.files[file] = codeFromAnswer(answer, file);
      await save(state, opts);
    }
    if (opts.runner) {
      key = 'run';
      await runAndRepair(state, opts, tasks);
    }
    return state;
  } catch (e) {
    const err =
      e instanceof EditError || (e instanceof Error && e.name === 'TaskListError')
        ? new StageError(key, `${stageName(key)}: ${e.message}`, e)
        : describeFailure(key, e);
    state.error = err.message;
    await save(state, opts);
    throw err;
  }
}

/** The failure fed back to the model: the located error first, then the end of stderr and stdout. */
export function failureLog(r: RunResult): string {
  const tail = (s: string, n: number) => (s.length > n ? `…${s.slice(-n)}` : s);
  const parts = [r.timedOut ? 'The program was stopped: it ran past the time limit (an endless loop?).' : `Exit code ${r.exitCode}.`];
  if (r.error) parts.push(r.error);
  if (r.stderr.trim()) parts.push(`stderr:\n${tail(r.stderr, 4000)}`);
  if (r.stdout.trim()) parts.push(`stdout (end):\n${tail(r.stdout, 1500)}`);
  return parts.join('\n');
}

async function runAndRepair(state: ProjectState, opts: PipelineOptions, tasks: TaskOrder): Promise<void> {
  const run = async () => {
    opts.onStage?.('run');
    const r = await opts.runner!(state.files, tasks.entry, { signal: opts.signal });
    // A cancelled run is no result to repair from; the next Continue runs again.
    if (opts.signal?.aborted) throw new StageError('run', 'Cancelled during the run; everything before it is kept');
    state.run = r;
    await save(state, opts);
    return r;
  };
  let result = state.run ?? (await run());
  const max = opts.maxRepairRounds ?? DEFAULT_REPAIR_ROUNDS;
  let editNote = '';
  while (!result.ok && state.repairs.filter((r) => !r.reverted).length < max) {
    const n = state.repairs.length + 1;
    const log = failureLog(result) + editNote;
    const answer = await ask(
      state,
      opts,
      `repair:${n}`,
      repairMessages(state, repoAsText(state.files, [...tasks.order, CONFIG_FILE]), log, tasks.entry),
    );
    // Mutate the stored element, not the literal: a reactive (proxied) state copies what is pushed into it.
    const round: RepairRound = state.repairs[state.repairs.push({ round: n, log, edits: [], before: {} }) - 1];
    try {
      round.edits = parseEdits(answer);
      const applied = applyEdits(state.files, round.edits);
      round.before = applied.before;
      state.files = applied.files;
      editNote = '';
      result = await run();
      round.result = result;
    } catch (e) {
      if (!(e instanceof EditError)) throw e;
      round.editError = e.message;
      editNote = `\nYour previous edits could not be applied: ${e.message}`;
    }
    await save(state, opts);
  }
}

/** Undoes a repair round (and every later one still applied), restoring the files as they were before it. */
export function revertRepair(state: ProjectState, round: number): void {
  for (const r of [...state.repairs].reverse()) {
    if (r.round < round || r.reverted) continue;
    Object.assign(state.files, r.before);
    r.reverted = true;
  }
  state.run = undefined;
}

export type ArtifactRef =
  { kind: 'paper' } | { kind: 'plan' | 'design' | 'logic' | 'config' } | { kind: 'analysis' | 'file'; file: string };

/**
 * Replaces an artifact with the user's text and clears what depends on it, so `runPipeline` redoes only that.
 * Planning turns feed everything after them; an analysis feeds its file's code and later files' code (they
 * see it); the paper (JSON of {title, sections}) feeds everything; a file edit keeps the other files (regenerating them would discard work) and clears the run.
 */
export function editArtifact(state: ProjectState, ref: ArtifactRef, text: string): string[] {
  const cleared: string[] = [];
  const clearCode = (from: number, order: string[]) => {
    for (const f of order.slice(from)) {
      if (state.files[f] !== undefined) cleared.push(f);
      delete state.files[f];
      delete state.codingRaw[f];
    }
  };
  const order = (() => {
    try {
      return currentTaskOrder(state).order;
    } catch {
      return Object.keys(state.analyses);
    }
  })();
  const clearFromConfig = () => {
    cleared.push(...Object.keys(state.analyses).map((f) => `analysis of ${f}`));
    state.analyses = {};
    clearCode(0, [...new Set([...order, ...Object.keys(state.files).filter((f) => f !== CONFIG_FILE)])]);
  };
  const stages = ['plan', 'design', 'logic', 'config'] as const;
  if (ref.kind === 'paper') {
    state.paper = JSON.parse(text) as ProjectState['paper'];
    const had = state.plan !== undefined;
    const rest = editArtifact(state, { kind: 'plan' }, '');
    state.plan = undefined;
    return had ? ['plan', ...rest] : rest;
  }
  if (ref.kind === 'plan' || ref.kind === 'design' || ref.kind === 'logic' || ref.kind === 'config') {
    if (ref.kind === 'design' && !parseDesign(text).ok)
      throw new StageError('design', `The edited architecture design does not parse: ${(parseDesign(text) as { error: string }).error}`);
    if (ref.kind === 'logic' && !parseLogic(text).ok)
      throw new StageError('logic', `The edited logic design does not parse: ${(parseLogic(text) as { error: string }).error}`);
    const later = stages.slice(stages.indexOf(ref.kind) + 1);
    if (ref.kind === 'plan') state.plan = text;
    if (ref.kind === 'design') state.designText = text;
    if (ref.kind === 'logic') state.logicText = text;
    if (ref.kind === 'config') {
      state.config = text;
      state.files[CONFIG_FILE] = text;
    }
    for (const s of later) {
      if (s === 'design' && state.designText !== undefined) (cleared.push('design'), (state.designText = undefined));
      if (s === 'logic' && state.logicText !== undefined) (cleared.push('logic'), (state.logicText = undefined));
      if (s === 'config' && state.config !== undefined)
        (cleared.push('config'), (state.config = undefined), delete state.files[CONFIG_FILE]);
    }
    clearFromConfig();
  } else if (ref.kind === 'analysis') {
    state.analyses[ref.file] = text;
    const i = order.indexOf(ref.file);
    clearCode(i < 0 ? 0 : i, order);
  } else if (ref.kind === 'file') {
    state.files[ref.file] = text;
  }
  state.run = undefined;
  state.repairs = [];
  state.review = undefined;
  return cleared;
}

export interface StageUsage {
  stage: 'planning' | 'analysis' | 'coding' | 'repair' | 'review';
  calls: number;
  inTokens: number;
  outTokens: number;
  /** USD, when prices were given. */
  cost?: number;
}

export function usageByStage(state: ProjectState, prices?: Prices): StageUsage[] {
  const stageOf = (key: string): StageUsage['stage'] => {
    const k = key.split(':')[0];
    return k === 'analysis' ? 'analysis' : k === 'code' ? 'coding' : k === 'repair' ? 'repair' : k === 'review' ? 'review' : 'planning';
  };
  const rows = new Map<StageUsage['stage'], StageUsage>();
  for (const c of state.calls) {
    const s = stageOf(c.key);
    const row = rows.get(s) ?? { stage: s, calls: 0, inTokens: 0, outTokens: 0 };
    row.calls++;
    row.inTokens += c.inTokens;
    row.outTokens += c.outTokens;
    rows.set(s, row);
  }
  return [...rows.values()].map((r) => (prices ? { ...r, cost: (r.inTokens * prices.input + r.outTokens * prices.output) / 1e6 } : r));
}
