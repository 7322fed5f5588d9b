/**
 * The paper's inference pipeline (A-Language §1.4) over any `LlmBackend`:
 *   1. analyse   — from the reference workflows' names and the function names, the model names the paradigm
 *                  (source → target), the closest reference and the functions it needs;
 *   2. retrieve  — that reference plus the most similar others, 3 in all (./references.ts);
 *   3. nodes     — the model writes the node lines (functions + parameters, ψ1);
 *   4. link      — the model writes the connections (topology, ψ2);
 *   5. check     — parse + check; on errors the diagnostics go back to the model, which returns the whole
 *                  corrected program (at most `maxRepairs` = 3 times). Every checked program is an attempt.
 *
 * Structured generation replaces steps 1–4 with one answer where the backend can (`constrained`, default on):
 *   - a model run here (`llm.grammar`): the prompt shows the retrieved functions (./retrieve-functions.ts) and the
 *     answer is decoded under the program grammar over the WHOLE registry (./constrained), so it parses and checks;
 *   - an endpoint (`llm.jsonSchema`): the program's JSON form with a schema (./schema.ts); the checker's findings go
 *     back for ≤ 3 repairs, also as JSON. An endpoint that refuses `response_format` (HTTP 400) is remembered and
 *     planned through the text pipeline above.
 *
 * Example:
 *   const r = await planWithLlm('turn this cat photo into a cartoon-style video', llm, { registry: getRegistry() });
 *   r.attempts.length // 1 when the first program checked, up to 4
 */
import { analyse, fromJson, parse, print, stripLocs } from '../lang';
import type { Diagnostic, Registry } from '../lang/types';
import type { ChatMessage, ChatOptions, LlmBackend } from '../../llm/types';
import { LlmError } from '../../llm/errors';
import { programGrammar } from './constrained';
import { extractProgram, mentionedFunctions } from './extract';
import { relevantFunctions } from './retrieve-functions';
import { programSchema } from './schema';
import { SYNTAX_GUIDE, knowledge } from './knowledge';
import { referencePrograms, retrieve } from './references';
import type { PlanAttempt, PlanOptions, PlanResult } from './types';

export function formatDiagnostics(diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => `${d.line}:${d.column}: ${d.severity}: ${d.message}${d.node ? ` (node ${d.node})` : ''}`).join('\n');
}

const hasErrors = (ds: Diagnostic[]) => ds.some((d) => d.severity === 'error');

/** How programs are asked for: under the grammar, as JSON with a schema, or as free text. */
type Mode = 'grammar' | 'json' | 'text';

interface Context {
  llm: LlmBackend;
  registry: Registry;
  opts: Omit<PlanOptions, 'backend'>;
  attempts: PlanAttempt[];
  mode: Mode;
}

/** Endpoints (id + label) that refused structured output: planned through text from then on. */
const refusedJson = new Set<string>();

function modeOf(llm: LlmBackend, opts: Omit<PlanOptions, 'backend'>): Mode {
  if (opts.constrained === false) return 'text';
  if (llm.grammar) return 'grammar';
  if (llm.jsonSchema && !refusedJson.has(`${llm.id} ${llm.label}`)) return 'json';
  return 'text';
}

/** Token limit of one whole-program answer under the grammar: room for a few nodes and the forced closing. */
const GRAMMAR_MAX_TOKENS = 640;

async function ask(ctx: Context, system: string, user: string, structured = false): Promise<string> {
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
  const extra: ChatOptions = {};
  if (structured && ctx.mode === 'grammar') extra.grammar = programGrammar(ctx.registry);
  if (structured && ctx.mode === 'json') extra.jsonSchema = { name: 'alang_program', schema: programSchema(ctx.registry) };
  return ctx.llm.chat(messages, {
    temperature: ctx.opts.temperature ?? 0,
    maxTokens: ctx.opts.maxTokens ?? (extra.grammar ? GRAMMAR_MAX_TOKENS : 400),
    signal: ctx.opts.signal,
    onToken: ctx.opts.onToken,
    ...(ctx.opts.seed !== undefined ? { seed: ctx.opts.seed } : {}),
    ...extra,
  });
}

const JSON_GUIDE = `Answer with the program's JSON form only:
{"version": 1, "nodes": [{"id": "img", "fn": "LoadImage", "params": {"source": "cat.jpg"}}, …],
 "edges": [{"from": {"node": "img", "port": "image"}, "to": {"node": "toon", "port": "image"}}, …]}
Ids are lowercase names. An edge joins an output port to an input port of the same type (Text, Image, Audio,
Video, Mesh, Number, Tensor, Plot), from a node to a later one. Every input that is not optional must be connected.`;

/** The prompt's system part for a whole program: the functions retrieved for the instruction and 2 references. */
function programSystem(ctx: Context, instruction: string, guide: string, extra: string[] = []): string {
  const { registry } = ctx;
  const fns = relevantFunctions(instruction, registry);
  const refs = retrieve(instruction, registry, 2);
  const refText = refs
    .map((r) => `# ${r.name}: ${r.instruction}\n${ctx.mode === 'json' ? JSON.stringify(stripLocs(parse(r.program).program)) : r.program}`)
    .join('\n\n');
  return `${guide}\n\nFunctions you may use:\n${knowledge([...fns, ...extra], registry)}\n\nReference programs:\n${refText}`;
}

/** A structured answer as [program text, diagnostics]: JSON is read, printed as text, then checked. */
function readAnswer(ctx: Context, answer: string): [string, Diagnostic[]] {
  if (ctx.mode !== 'json') {
    const text = ctx.mode === 'grammar' ? answer.trim() : extractProgram(answer);
    return [text, checkText(text, ctx.registry)];
  }
  const start = answer.indexOf('{');
  // Some servers accept `response_format` and ignore it: an answer with no JSON object is read as the text form.
  if (start < 0) {
    const text = extractProgram(answer);
    return [text, checkText(text, ctx.registry)];
  }
  const json = answer.slice(start, answer.lastIndexOf('}') + 1);
  const read = fromJson(json);
  const text = print(read.program).trim();
  if (read.diagnostics.length) return [text, read.diagnostics];
  return [text, checkText(text, ctx.registry)];
}

/** Steps 1–4 in one structured answer (grammar or JSON); then check and repair. `undefined`: the endpoint refused JSON. */
async function planStructured(ctx: Context, instruction: string): Promise<PlanResult | undefined> {
  const { opts } = ctx;
  opts.onStage?.('retrieve');
  const guide = ctx.mode === 'json' ? JSON_GUIDE : SYNTAX_GUIDE;
  const system = programSystem(ctx, instruction, guide);
  opts.onStage?.('program');
  let answer: string;
  try {
    answer = await ask(
      ctx,
      system,
      `Instruction: ${instruction}\n\n${ctx.mode === 'json' ? 'Answer with the program as JSON only.' : 'Write the program: the node lines, then the connection lines. No explanation.'}`,
      true,
    );
  } catch (e) {
    if (ctx.mode === 'json' && e instanceof LlmError && e.status === 400) {
      refusedJson.add(`${ctx.llm.id} ${ctx.llm.label}`);
      return undefined;
    }
    record(ctx, { stage: 'generate', text: '', diagnostics: [], error: errorText(e) });
    return result(ctx);
  }
  opts.onStage?.('check');
  const [text, diagnostics] = readAnswer(ctx, answer);
  const how = ctx.mode === 'json' ? 'JSON with the program schema' : 'decoded under the program grammar (all registered functions)';
  const first = record(ctx, { stage: 'generate', text, diagnostics, raw: `## program (${how})\n${answer}` });
  if (!hasErrors(first.diagnostics) && text) return result(ctx);
  return repairLoop(ctx, instruction, text, first.diagnostics.length ? formatDiagnostics(first.diagnostics) : 'The program is empty.');
}

function record(ctx: Context, attempt: PlanAttempt): PlanAttempt {
  ctx.attempts.push(attempt);
  ctx.opts.onAttempt?.(attempt, ctx.attempts.length - 1);
  return attempt;
}

function result(ctx: Context): PlanResult {
  const usable = [...ctx.attempts].reverse().find((a) => a.text);
  const last = usable ?? ctx.attempts.at(-1);
  // A backend failure before any program: its message is the diagnostic, so callers that only show
  // diagnostics (the CLI) still say what happened.
  const failed = !last?.text && last?.error ? [{ severity: 'error' as const, message: last.error, line: 1, column: 1 }] : [];
  const diagnostics = last?.text ? last.diagnostics : failed;
  return {
    program: last?.text ?? '',
    attempts: ctx.attempts,
    diagnostics,
    ok: Boolean(last?.text) && !hasErrors(diagnostics) && !last?.error,
    backend: ctx.llm.id,
  };
}

/** Runs the whole pipeline. Backend failures (network, HTTP) end it with an attempt that carries the error. */
export async function planWithLlm(
  instruction: string,
  llm: LlmBackend,
  opts: Omit<PlanOptions, 'backend'> & { registry: Registry },
): Promise<PlanResult> {
  const ctx: Context = { llm, registry: opts.registry, opts, attempts: [], mode: modeOf(llm, opts) };
  if (ctx.mode !== 'text') {
    const structured = await planStructured(ctx, instruction);
    if (structured) return structured;
    ctx.mode = 'text';
  }
  const registry = opts.registry;
  let raw = ctx.attempts.length ? '' : refusedNote(ctx);
  let text = '';
  try {
    // 1. analyse — as in the paper, the model sees the instruction and the reference workflows (names and one
    // line each), plus the function names; it answers with the paradigm, the closest reference and the functions.
    opts.onStage?.('analyse');
    const refs0 = referencePrograms(registry);
    const analysis = await ask(
      ctx,
      `You plan workflows for a typed function graph.\nReference workflows:\n${refs0.map((r) => `${r.name}: ${r.description}`).join('\n')}\nFunction names: ${[...registry.keys()].join(', ')}`,
      `Instruction: ${instruction}\n\nAnswer in three lines, nothing else:\nPARADIGM: <what it starts from> -> <what it must produce>\nREFERENCE: <the closest reference workflow>\nFUNCTIONS: <the function names needed, in order, comma-separated>`,
    );
    raw += `## analyse\n${analysis}\n`;
    const wanted = mentionedFunctions(analysis, registry.keys());
    const chosen = refs0.find((r) => new RegExp(`\\b${r.name}\\b`).test(analysis));

    // 2. retrieve — the reference the model chose, then the most similar others (3 in all).
    opts.onStage?.('retrieve');
    const similar = retrieve(`${instruction} ${wanted.join(' ')}`, registry, 3);
    const refs = [...(chosen ? [chosen] : []), ...similar.filter((r) => r !== chosen)].slice(0, 3);
    const inPlay = [...wanted, ...refs.flatMap((r) => r.functions)];
    const refText = refs.map((r) => `# ${r.name}: ${r.instruction}\n${r.program}`).join('\n\n');
    const system = `${SYNTAX_GUIDE}\n\nFunctions you may use:\n${knowledge(inPlay, registry)}\n\nReference programs:\n${refText}`;

    // 3. nodes (functions + parameters)
    opts.onStage?.('nodes');
    const nodesAnswer = await ask(
      ctx,
      system,
      `Instruction: ${instruction}\nAnalysis:\n${analysis.trim()}\n\nWrite only the node lines (id = Function(param=value, …)), one per line, no connections, no explanation.`,
    );
    raw += `## nodes\n${nodesAnswer}\n`;
    const nodeLines = extractProgram(nodesAnswer)
      .split('\n')
      .filter((l) => !l.includes('->'))
      .join('\n');

    // 4. link (topology)
    opts.onStage?.('link');
    const used = mentionedFunctions(nodeLines, registry.keys());
    const linkAnswer = await ask(
      ctx,
      `${SYNTAX_GUIDE}\n\nPorts of the functions used:\n${knowledge(used, registry)}`,
      `Instruction: ${instruction}\nNodes:\n${nodeLines}\n\nWrite only the connection lines (id.outputPort -> id.inputPort) that make the data flow from the inputs to the result. Connect every required input. No explanation.`,
    );
    raw += `## link\n${linkAnswer}\n`;
    const edgeLines = extractProgram(linkAnswer)
      .split('\n')
      .filter((l) => l.includes('->'))
      .join('\n');
    text = [nodeLines, edgeLines].filter(Boolean).join('\n');
  } catch (e) {
    record(ctx, { stage: 'generate', text, diagnostics: [], error: errorText(e), raw });
    return result(ctx);
  }

  // 5. check
  opts.onStage?.('check');
  const first = record(ctx, { stage: 'generate', text, diagnostics: checkText(text, registry), raw });
  if (!hasErrors(first.diagnostics) && text) return result(ctx);
  return repairLoop(ctx, instruction, text, first.diagnostics.length ? formatDiagnostics(first.diagnostics) : 'The program is empty.');
}

/** Feeds a check or run error back to the model: up to `maxRepairs` corrected programs, each checked. */
export async function repairWithLlm(
  instruction: string,
  program: string,
  error: string,
  llm: LlmBackend,
  opts: Omit<PlanOptions, 'backend'> & { registry: Registry },
): Promise<PlanResult> {
  const ctx: Context = { llm, registry: opts.registry, opts, attempts: [], mode: modeOf(llm, opts) };
  return repairLoop(ctx, instruction, program, error);
}

async function repairLoop(ctx: Context, instruction: string, program: string, error: string): Promise<PlanResult> {
  const { registry, opts } = ctx;
  let text = program;
  let problems = error;
  for (let i = 0; i < (opts.maxRepairs ?? 3); i++) {
    opts.onStage?.('repair');
    const used = mentionedFunctions(text, registry.keys());
    const refs = retrieve(`${instruction} ${used.join(' ')}`, registry, 2);
    let answer: string;
    try {
      if (ctx.mode === 'text') {
        answer = await ask(
          ctx,
          `${SYNTAX_GUIDE}\n\nFunctions you may use:\n${knowledge([...used, ...refs.flatMap((r) => r.functions)], registry)}\n\nReference programs:\n${refs.map((r) => r.program).join('\n\n')}`,
          `Instruction: ${instruction}\n\nProgram:\n${text || '(empty)'}\n\nErrors:\n${problems}\n\nFix the errors. Answer with the complete corrected program only.`,
        );
      } else {
        const json = ctx.mode === 'json';
        const shown = json ? JSON.stringify(stripLocs(parse(text).program)) : text || '(empty)';
        answer = await ask(
          ctx,
          programSystem(ctx, instruction, json ? JSON_GUIDE : SYNTAX_GUIDE, used),
          `Instruction: ${instruction}\n\nProgram${json ? ' (JSON)' : ''}:\n${shown}\n\nErrors:\n${problems}\n\nFix the errors. Answer with the complete corrected program${json ? ' as JSON' : ''} only.`,
          true,
        );
      }
    } catch (e) {
      if (ctx.mode === 'json' && e instanceof LlmError && e.status === 400) {
        // The endpoint has no structured output: this repair (and later plans) as text.
        refusedJson.add(`${ctx.llm.id} ${ctx.llm.label}`);
        ctx.mode = 'text';
        i--;
        continue;
      }
      record(ctx, { stage: 'repair', text: '', diagnostics: [], error: errorText(e) });
      break;
    }
    let diagnostics: Diagnostic[];
    [text, diagnostics] = readAnswer(ctx, answer);
    opts.onStage?.('check');
    const attempt = record(ctx, { stage: 'repair', text, diagnostics, raw: answer });
    if (text && !hasErrors(attempt.diagnostics)) break;
    problems = attempt.diagnostics.length ? formatDiagnostics(attempt.diagnostics) : 'The answer contained no program lines.';
  }
  return result(ctx);
}

export function checkText(text: string, registry: Registry): Diagnostic[] {
  if (!text.trim()) return [{ severity: 'error', message: 'no program lines in the answer', line: 1, column: 1 }];
  return analyse(text, registry).diagnostics;
}

function refusedNote(ctx: Context): string {
  return ctx.llm.jsonSchema && refusedJson.has(`${ctx.llm.id} ${ctx.llm.label}`)
    ? '## structured output refused by the endpoint (HTTP 400): planned as text\n'
    : '';
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
