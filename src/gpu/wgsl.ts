/**
 * WGSL assembly, the one concatenation step for shared shader code: a line `//!include "common/name.wgsl"`
 * is replaced by that file from shaders/common/ (each file at most once per module, includes may include), and
 * generated lines (constants, type aliases) can be put in front. Every output line remembers the file and line it
 * came from, so compile errors point at the right file and line (compile.ts) and not at the assembled text.
 * The library is bundled through Vite (`import.meta.glob`), so this works the same in the page, in workers and in
 * Node (vitest and scripts/run-ts.mjs load modules through Vite too).
 *
 * Example:
 *   import source from '../../shaders/lm/norm.wgsl?raw';   // contains: //!include "common/reduce.wgsl"
 *   const program = assembleWgsl('lm/norm.wgsl', source, wgslConstants({ WG: 64, LAYER: true }));
 *   await ctx.pipeline({ ...program, label: 'lm/norm.wgsl' });
 *   // an error on line 12 of reduce.wgsl reads "shaders/common/reduce.wgsl:12:5: error: ... (in lm/norm.wgsl)"
 */

/** Where a line of an assembled module came from: a file under shaders/ and its 1-based line; file '' = generated. */
export interface LineOrigin {
  file: string;
  line: number;
}

export interface WgslProgram {
  code: string;
  /** One entry per line of `code`. */
  origins: LineOrigin[];
}

const LIBRARY: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob('../../shaders/common/*.wgsl', { query: '?raw', import: 'default', eager: true })).map(([path, text]) => [
    path.replace('../../shaders/', ''),
    text as string,
  ]),
);

const INCLUDE = /^\s*\/\/!include\b(.*)$/;
const INCLUDE_ARG = /^\s+"([^"]+)"\s*$/;

/** Names of the includable files ("common/reduce.wgsl", ...). */
export function wgslLibrary(): string[] {
  return Object.keys(LIBRARY).sort();
}

/**
 * `file` is the path under shaders/ (for messages); `prelude` lines go first, marked as generated.
 * Throws naming the file and line of a malformed or unknown include.
 */
export function assembleWgsl(file: string, source: string, prelude: string[] = [], library: Record<string, string> = LIBRARY): WgslProgram {
  const lines: string[] = [...prelude];
  const origins: LineOrigin[] = prelude.map(() => ({ file: '', line: 0 }));
  const included = new Set<string>();
  const add = (name: string, text: string) => {
    text.split('\n').forEach((line, i) => {
      const directive = INCLUDE.exec(line);
      if (!directive) {
        lines.push(line);
        origins.push({ file: `shaders/${name}`, line: i + 1 });
        return;
      }
      const arg = INCLUDE_ARG.exec(directive[1]);
      if (!arg) throw new Error(`shaders/${name}:${i + 1}: malformed include; write //!include "common/name.wgsl"`);
      const target = arg[1];
      if (!(target in library))
        throw new Error(`shaders/${name}:${i + 1}: unknown include "${target}" (available: ${Object.keys(library).sort().join(', ')})`);
      // The directive line stays (as a comment), so line counts of the including file are easy to follow.
      lines.push(`// included: ${target}`);
      origins.push({ file: `shaders/${name}`, line: i + 1 });
      if (included.has(target)) return;
      included.add(target);
      add(target, library[target]);
    });
  };
  add(file, source);
  return { code: lines.join('\n'), origins };
}

/** `const NAME: u32 = 4u;` / `const FLAG: bool = true;` lines for compile-time constants (they may size arrays). */
export function wgslConstants(consts: Record<string, number | boolean>): string[] {
  return Object.entries(consts).map(([name, value]) => {
    if (typeof value === 'boolean') return `const ${name}: bool = ${value};`;
    if (Number.isInteger(value) && value >= 0) return `const ${name}: u32 = ${value}u;`;
    throw new Error(`specialize: constant ${name} = ${value} must be a boolean or a non-negative integer`);
  });
}
