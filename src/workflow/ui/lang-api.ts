/**
 * What the Workflows tab asks of the language, run in the lang worker (workers/workflow-lang.worker.ts) so a
 * big or hostile program never blocks the page: analyse the editor text, turn an opened file or a restored
 * recipe into program text, export JSON. Plain functions over plain data; tested in Node.
 *
 * Example:
 *   const api = langApi(getRegistry());
 *   api.analyse('n = Number(value=2)');                       // { program, diagnostics: [] }
 *   api.importProgram('p.json', jsonText);                    // { ok: true, text: 'n = Number(value=2)\n', … }
 */
import { addChecks, fromJson, parse, print, programTooLarge, stripLocs, toJson } from '../lang';
import type { Diagnostic, ProgramJson, Registry } from '../lang';

/**
 * What the page gets back for its editor text: everything it shows, and no more, because copying a program
 * of 60k nodes and 40k diagnostics to the page costs as much as the page should ever spend. A program of up
 * to FULL_PROGRAM_NODES nodes comes whole (the graph view edits it); a larger one as its first LISTED_NODES
 * nodes, with the counts.
 */
export interface Analysis {
  /** The whole program when `complete`, else its first LISTED_NODES nodes (no edges). */
  program: ProgramJson;
  complete: boolean;
  nodeCount: number;
  /** The first SENT_DIAGNOSTICS diagnostics (syntax and checker, sorted by position). */
  diagnostics: Diagnostic[];
  diagnosticCount: number;
  errorCount: number;
  /** The first syntax errors (lines that did not parse: graph editing would drop them), and how many. */
  syntax: Diagnostic[];
  syntaxCount: number;
}

export const FULL_PROGRAM_NODES = 300;
export const LISTED_NODES = 200;
export const SENT_DIAGNOSTICS = 1000;

export type Imported = { ok: true; text: string; nodes: number } | { ok: false; message: string };

/** At most this many problems are listed in an import's error message (the count says how many there are). */
const LISTED = 5;

export function langApi(registry: Registry) {
  return {
    /** Parse + check: every diagnostic, located. */
    analyse(text: string): Analysis {
      const parsed = parse(text);
      const syntax = parsed.diagnostics.filter((d) => d.severity === 'error');
      const { program, diagnostics } = addChecks(parsed, registry);
      const complete = program.nodes.length <= FULL_PROGRAM_NODES;
      return {
        program: complete ? program : { version: 1, nodes: program.nodes.slice(0, LISTED_NODES), edges: [] },
        complete,
        nodeCount: program.nodes.length,
        diagnostics: diagnostics.slice(0, SENT_DIAGNOSTICS),
        diagnosticCount: diagnostics.length,
        errorCount: diagnostics.filter((d) => d.severity === 'error').length,
        syntax: syntax.slice(0, 10),
        syntaxCount: syntax.length,
      };
    },

    /** The program to run (without source positions), or its first error and how many there are. */
    runnable(text: string): { ok: true; program: ProgramJson } | { ok: false; first: Diagnostic; errorCount: number } {
      const { program, diagnostics } = addChecks(parse(text), registry);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      return errors.length ? { ok: false, first: errors[0], errorCount: errors.length } : { ok: true, program: stripLocs(program) };
    },

    /**
     * A program from outside as editor text: `.json` is validated and printed canonically; text (an `.alang`
     * file, a recipe) is kept as written. Too large, or JSON with errors: a message naming the file and why.
     */
    importProgram(name: string, text: string): Imported {
      const tooLarge = programTooLarge(name, text.length);
      if (tooLarge) return { ok: false, message: tooLarge };
      if (!/\.json$/i.test(name)) return { ok: true, text, nodes: parse(text).program.nodes.length };
      const { program, diagnostics } = fromJson(text);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (errors.length) {
        const listed = errors
          .slice(0, LISTED)
          .map((d) => `${d.path ?? `${d.line}:${d.column}`} ${d.message}`)
          .join('; ');
        const more = errors.length > LISTED ? ` (and ${errors.length - LISTED} more)` : '';
        return { ok: false, message: `${name} is not a valid program: ${listed}${more}` };
      }
      return { ok: true, text: print(program), nodes: program.nodes.length };
    },

    /** The JSON form of the editor text (the caller exports only text without syntax errors). */
    exportJson(text: string): string {
      return toJson(parse(text).program);
    },
  };
}

export type LangApi = ReturnType<typeof langApi>;
