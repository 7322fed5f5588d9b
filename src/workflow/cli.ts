/**
 * The A-Language command line (`npm run alang -- …`, run through scripts/run-ts.mjs):
 *
 *   check FILE… [--json]       parse + check; exit 1 when any file has errors. FILE is .alang text or .json.
 *   fmt FILE [--write] [--json] print the canonical text (or the JSON form); --write rewrites FILE in place.
 *   plan "instruction" [--backend rules|openai] [--json]   the planner (src/workflow/planner), offline by default;
 *                              --json: { program, attempts, diagnostics (severity, message, words, …), status };
 *                              status "ok" | "partial" | "failed"; exit 1 when it failed.
 *
 * Bad input gets a located message (file:line:column), never a stack trace.
 *
 * Example:
 *   npm run alang -- check examples/workflows/cat-cartoon-video.alang --json
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { addChecks, formatMegabytes, fromJson, MAX_PROGRAM_BYTES, parse, print, programOutputs, toJson } from './lang';
import type { Diagnostic, ProgramJson } from './lang';
import { getRegistry } from './functions';
import type { PlanOptions, PlanResult } from './planner/types';
import { openAiCompatible } from '../llm/openai';
import type { LlmBackend } from '../llm/types';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

const USAGE = `usage:
  alang check FILE… [--json]
  alang fmt FILE [--write] [--json]
  alang plan "instruction" [--backend rules|openai] [--url URL] [--model NAME] [--json]
      (openai: the key comes from OPENAI_API_KEY; URL and model also from OPENAI_BASE_URL, OPENAI_MODEL)
`;

interface FileReport {
  file: string;
  ok: boolean;
  diagnostics: { severity: Diagnostic['severity']; line: number; column: number; node: string | null; message: string }[];
  outputs: { node: string; port: string; type: string }[];
}

/** Reads FILE as text syntax or (for .json) the JSON form; a read failure is a diagnostic too. */
async function load(file: string): Promise<{ program: ProgramJson; diagnostics: Diagnostic[]; text?: string }> {
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_PROGRAM_BYTES) {
      const message = `file is ${formatMegabytes(size)}; programs are limited to ${formatMegabytes(MAX_PROGRAM_BYTES)}`;
      return { program: { version: 1, nodes: [], edges: [] }, diagnostics: [{ severity: 'error', message, line: 1, column: 1 }] };
    }
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read file (${code ?? String(e)})`;
    return { program: { version: 1, nodes: [], edges: [] }, diagnostics: [{ severity: 'error', message: why, line: 1, column: 1 }] };
  }
  return { ...(file.toLowerCase().endsWith('.json') ? fromJson(text) : parse(text)), text };
}

/**
 * Text that is safe to print to a terminal: control characters (C0 except tab, DEL, C1) become their visible
 * symbols (ESC → ␛) or U+FFFD, and bidi overrides become U+FFFD, one character each so carets stay aligned.
 * A source file can then never move the cursor, recolour or overwrite what the checker printed.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this replaces
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}

/** Where line `n` (1-based) starts and ends in `text`, without splitting the whole file once per diagnostic. */
function sourceLine(text: string, n: number, starts: number[]): string | undefined {
  if (!starts.length) {
    starts.push(0);
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
  }
  if (n < 1 || n > starts.length) return undefined;
  const end = n < starts.length ? starts[n] - 1 : text.length;
  return text.slice(starts[n - 1], end).replace(/\r$/, '');
}

/** `file:line:column: severity: message [node.port]`, then the source line and a caret under the column. */
function located(file: string, d: Diagnostic, text?: string, starts: number[] = []): string {
  const where = d.node ? ` [${d.node}${d.port ? `.${d.port}` : ''}]` : '';
  const raw = text === undefined ? undefined : sourceLine(text.replace(/^\uFEFF/, ''), d.line, starts);
  // Very long lines are cut around the column (a minified file must not print megabytes per diagnostic).
  const from = raw && raw.length > 200 ? Math.max(0, d.column - 100) : 0;
  const source = raw && (from > 0 ? '…' : '') + raw.slice(from, from + 200);
  const caret = Math.max(0, d.column - 1 - from + (from > 0 ? 1 : 0));
  const excerpt = source ? `  ${terminalSafe(source)}\n  ${' '.repeat(caret)}^\n` : '';
  return terminalSafe(`${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${where}`) + `\n${excerpt}`;
}

async function checkFiles(files: string[], json: boolean, io: CliIo): Promise<number> {
  const registry = getRegistry();
  const reports: FileReport[] = [];
  for (const file of files) {
    const { program, diagnostics: syntax, text } = await load(file);
    const { diagnostics } = addChecks({ program, diagnostics: syntax }, registry);
    const ok = !diagnostics.some((d) => d.severity === 'error');
    reports.push({
      file,
      ok,
      diagnostics: diagnostics.map((d) => ({
        severity: d.severity,
        line: d.line,
        column: d.column,
        node: d.node ?? null,
        message: d.message,
      })),
      outputs: programOutputs(program, registry),
    });
    if (!json) {
      const starts: number[] = [];
      for (const d of diagnostics) io.err(located(file, d, text, starts));
      if (ok) io.out(`${terminalSafe(file)}: ok (${program.nodes.length} nodes, ${program.edges.length} edges)\n`);
    }
  }
  if (json) io.out(JSON.stringify(reports, null, 2) + '\n');
  return reports.every((r) => r.ok) ? 0 : 1;
}

async function fmt(file: string, write: boolean, json: boolean, io: CliIo): Promise<number> {
  const { program, diagnostics, text } = await load(file);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  // Formatting drops lines that do not parse, so refuse rather than lose what the user wrote.
  if (errors.length) {
    const starts: number[] = [];
    for (const d of errors) io.err(located(file, d, text, starts));
    io.err(`${terminalSafe(file)}: not formatted; fix the syntax errors first\n`);
    return 1;
  }
  const asJson = json || (write && file.toLowerCase().endsWith('.json'));
  const formatted = asJson ? toJson(program) : print(program);
  if (!write) {
    io.out(formatted);
    return 0;
  }
  if (formatted !== text) await writeFile(file, formatted, 'utf8');
  io.err(`${file}: ${formatted === text ? 'already formatted' : 'formatted'}\n`);
  return 0;
}

interface PlannerModule {
  plan(instruction: string, options: PlanOptions): Promise<PlanResult>;
}

/** The planner, when this build has one (src/workflow/planner/index.ts); an empty glob otherwise. */
const plannerModules = import.meta.glob<PlannerModule>('./planner/index.ts');

/** `--backend openai` reads the endpoint from --url / OPENAI_BASE_URL, --model / OPENAI_MODEL, the key from OPENAI_API_KEY. */
function openAiBackend(values: Record<string, string>): LlmBackend {
  const baseUrl = values['--url'] ?? process.env.OPENAI_BASE_URL;
  const model = values['--model'] ?? process.env.OPENAI_MODEL;
  if (!baseUrl || !model)
    throw new UsageError(
      '--backend openai needs --url URL (or OPENAI_BASE_URL) and --model NAME (or OPENAI_MODEL); the key comes from OPENAI_API_KEY',
    );
  return openAiCompatible({ baseUrl, model, apiKey: process.env.OPENAI_API_KEY });
}

async function plan(instruction: string, backend: PlanOptions['backend'], json: boolean, io: CliIo): Promise<number> {
  const load = plannerModules['./planner/index.ts'];
  if (!load) {
    io.err('alang plan: planner not available in this build (src/workflow/planner/index.ts is missing)\n');
    return 1;
  }
  const planner = await load();
  const result = await planner.plan(instruction, { backend });
  const status = result.status ?? (result.ok ? 'ok' : 'failed');
  if (json) {
    // Every diagnostic has the words of the instruction it is about ([] for the checker's, which are about the program).
    const diagnostics = result.diagnostics.map((d) => ({ ...d, words: d.words ?? [] }));
    io.out(JSON.stringify({ program: result.program, attempts: result.attempts, diagnostics, status }, null, 2) + '\n');
  } else {
    io.out(result.program.endsWith('\n') || !result.program ? result.program : `${result.program}\n`);
    for (const d of result.diagnostics) io.err(located('plan', d, result.program));
    if (status !== 'ok') io.err(`plan: ${status}\n`);
  }
  return status === 'failed' ? 1 : 0;
}

/** Splits argv into positional arguments and known flags; unknown flags are an error. */
function parseArgs(argv: string[], flags: string[], valued: string[] = []) {
  const positional: string[] = [];
  const set = new Set<string>();
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0 && valued.includes(a.slice(0, eq))) {
      values[a.slice(0, eq)] = a.slice(eq + 1);
    } else if (valued.includes(a)) {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      values[a] = argv[++i];
    } else if (a.startsWith('--')) {
      if (!flags.includes(a)) throw new UsageError(`unknown option ${a}`);
      set.add(a);
    } else positional.push(a);
  }
  return { positional, set, values };
}

class UsageError extends Error {}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check': {
        const { positional, set } = parseArgs(rest, ['--json']);
        if (!positional.length) throw new UsageError('check needs at least one FILE');
        return await checkFiles(positional, set.has('--json'), io);
      }
      case 'fmt': {
        const { positional, set } = parseArgs(rest, ['--write', '--json']);
        if (positional.length !== 1) throw new UsageError('fmt takes exactly one FILE');
        return await fmt(positional[0], set.has('--write'), set.has('--json'), io);
      }
      case 'plan': {
        const { positional, set, values } = parseArgs(rest, ['--json'], ['--backend', '--url', '--model']);
        if (positional.length !== 1) throw new UsageError('plan takes one instruction (quote it)');
        const backend = values['--backend'] ?? 'rules';
        if (backend !== 'rules' && backend !== 'openai') throw new UsageError(`unknown backend '${backend}' (rules or openai)`);
        return await plan(positional[0], backend === 'rules' ? 'rules' : openAiBackend(values), set.has('--json'), io);
      }
      case undefined:
      case 'help':
      case '--help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`alang: ${e.message}\n${USAGE}`);
      return 2;
    }
    // Anything else is a bug or an environment problem: one clear line, no stack trace.
    io.err(`alang ${command}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
