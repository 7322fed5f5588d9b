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
import { addChecks, fromJson, parse, print, programTooLarge, toJson } from '../lang';
import type { Diagnostic, ProgramJson, Registry } from '../lang';

export interface Analysis {
  program: ProgramJson;
  /** Syntax errors and the checker's findings, sorted by position. */
  diagnostics: Diagnostic[];
  /** The syntax errors alone (lines that did not parse: graph editing would drop them). */
  syntax: Diagnostic[];
}

export type Imported = { ok: true; text: string; nodes: number } | { ok: false; message: string };

/** At most this many problems are listed in an import's error message (the count says how many there are). */
const LISTED = 5;

export function langApi(registry: Registry) {
  return {
    /** Parse + check: every diagnostic, located. */
    analyse(text: string): Analysis {
      const parsed = parse(text);
      const syntax = parsed.diagnostics.filter((d) => d.severity === 'error');
      return { ...addChecks(parsed, registry), syntax };
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
        const listed = errors.slice(0, LISTED).map((d) => `${d.path ?? `${d.line}:${d.column}`} ${d.message}`).join('; ');
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
