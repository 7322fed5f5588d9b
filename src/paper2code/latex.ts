/**
 * LaTeX → Paper: one `.tex` file, or a project (zip / tar.gz / tar) whose main file is found and whose
 * `\input`/`\include` are resolved. Math stays as LaTeX text (the model reads it fine); citations, labels,
 * references, comments and the bibliography are dropped.
 *
 * Example:
 *   paperFromLatexProject(await unpackArchive(bytes, 'paper.zip')) // main file found, inputs inlined
 */
import { gunzipSync, unzipSync } from 'fflate';
import { PaperInputError, cleanPaper, type Paper, type PaperSection } from './paper';

export type SourceFiles = Record<string, string>;

const MAX_ARCHIVE_FILES = 2000;
const MAX_UNPACKED_BYTES = 60_000_000;
const MAX_INPUT_DEPTH = 20;

/** Text files of a zip, tar.gz or tar archive (binary files such as figures are skipped). */
export function unpackArchive(bytes: Uint8Array, name: string): SourceFiles {
  const lower = name.toLowerCase();
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const isGzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  let entries: Record<string, Uint8Array>;
  try {
    if (isZip) {
      let total = 0;
      let count = 0;
      entries = unzipSync(bytes, {
        filter: (f) => {
          count++;
          total += f.originalSize;
          if (count > MAX_ARCHIVE_FILES || total > MAX_UNPACKED_BYTES)
            throw new PaperInputError(`${name} holds more than ${MAX_ARCHIVE_FILES} files or ${MAX_UNPACKED_BYTES / 1e6} MB`);
          return isTextName(f.name);
        },
      });
    } else if (isGzip || lower.endsWith('.tar')) {
      const tar = isGzip ? gunzipSync(bytes) : bytes;
      if (tar.length > MAX_UNPACKED_BYTES) throw new PaperInputError(`${name} unpacks to more than ${MAX_UNPACKED_BYTES / 1e6} MB`);
      entries = readTar(tar, name);
    } else {
      throw new PaperInputError(`${name} is not a zip, tar.gz or tar archive`);
    }
  } catch (e) {
    if (e instanceof PaperInputError) throw e;
    throw new PaperInputError(`${name} could not be unpacked: ${e instanceof Error ? e.message : String(e)}`);
  }
  const files: SourceFiles = {};
  const decoder = new TextDecoder();
  for (const [path, data] of Object.entries(entries)) {
    if (!path.endsWith('/') && isTextName(path)) files[normalise(path)] = decoder.decode(data);
  }
  return files;
}

function isTextName(path: string): boolean {
  return /\.(tex|bbl|sty|cls|bib|txt|md)$/i.test(path);
}

/** ustar: 512-byte headers, name at 0 (100 bytes), size in octal at 124, type at 156, prefix at 345. */
function readTar(tar: Uint8Array, name: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const text = (a: number, b: number) => new TextDecoder().decode(tar.subarray(a, b)).replace(/\0.*$/s, '');
  let off = 0;
  let count = 0;
  while (off + 512 <= tar.length) {
    if (tar[off] === 0) break;
    const size = parseInt(text(off + 124, off + 136).trim() || '0', 8);
    if (!Number.isFinite(size) || off + 512 + size > tar.length)
      throw new PaperInputError(`${name}: a tar entry at byte ${off} is truncated or corrupt`);
    const type = String.fromCharCode(tar[off + 156] || 48);
    const prefix = text(off + 345, off + 500);
    const path = (prefix ? `${prefix}/` : '') + text(off, off + 100);
    if ((type === '0' || type === '\0') && isTextName(path)) out[path] = tar.slice(off + 512, off + 512 + size);
    if (++count > MAX_ARCHIVE_FILES) throw new PaperInputError(`${name} holds more than ${MAX_ARCHIVE_FILES} files`);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

function normalise(path: string): string {
  const parts: string[] = [];
  for (const p of path.replace(/\\/g, '/').split('/')) {
    if (!p || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

/** The file with `\documentclass` and `\begin{document}`; among several, main/paper/ms.tex, else the longest. */
export function findMainFile(files: SourceFiles): string {
  const candidates = Object.keys(files).filter(
    (p) => p.endsWith('.tex') && /\\documentclass/.test(files[p]) && /\\begin\{document\}/.test(files[p]),
  );
  if (candidates.length === 0) {
    const tex = Object.keys(files).filter((p) => p.endsWith('.tex'));
    throw new PaperInputError(
      tex.length
        ? `No .tex file has both \\documentclass and \\begin{document} (looked at ${tex.slice(0, 5).join(', ')})`
        : 'The archive holds no .tex file',
    );
  }
  const preferred = candidates.find((p) => /(^|\/)(main|paper|ms|article)\.tex$/i.test(p));
  return preferred ?? candidates.sort((a, b) => files[b].length - files[a].length || a.localeCompare(b))[0];
}

/** Inlines `\input{x}` / `\include{x}` (relative to the main file's folder, `.tex` added), comments removed first. */
export function resolveInputs(files: SourceFiles, main: string, warnings: string[] = []): string {
  const root = main.includes('/') ? main.slice(0, main.lastIndexOf('/') + 1) : '';
  const visit = (path: string, stack: string[]): string => {
    if (stack.length > MAX_INPUT_DEPTH) throw new PaperInputError(`\\input nesting deeper than ${MAX_INPUT_DEPTH} at ${path}`);
    return stripComments(files[path]).replace(/\\(?:input|include)\s*\{([^}\n]{1,200})\}/g, (_, raw: string) => {
      const name = raw.trim();
      const target = [name, `${name}.tex`].map((n) => normalise(root + n)).find((n) => n in files);
      if (!target) {
        warnings.push(`${path}: \\input{${name}} not found in the archive; skipped`);
        return '';
      }
      if (stack.includes(target))
        throw new PaperInputError(`${path}: \\input{${name}} includes itself (cycle ${[...stack, target].join(' → ')})`);
      return visit(target, [...stack, target]);
    });
  };
  return visit(main, [main]);
}

function stripComments(tex: string): string {
  return tex.replace(/(^|[^\\])%[^\n]*/g, '$1');
}

export function paperFromLatexProject(files: SourceFiles, warnings: string[] = []): Paper {
  const main = findMainFile(files);
  return paperFromLatex(resolveInputs(files, main, warnings));
}

/** `\section{Title}` (one level of nested braces in the title); the rest of the line is kept as text. */
const SECTION = /^\\(section|subsection|subsubsection|paragraph)\*?\s*(?:\[[^\]]*\])?\s*\{((?:[^{}]|\{[^{}]*\})*)\}(.*)$/;
/** Citations go with the space or tie before them, so no "time ." is left. */
const CITE = /\s*~?\\(cite[a-zA-Z]*|nocite)\*?(\[[^\]]*\])*\{[^{}]*\}/g;
/** Commands dropped with their argument. */
const DROP_WITH_ARG =
  /\\(label|ref|eqref|autoref|cref|Cref|pageref|footnote|thanks|bibliographystyle|bibliography|includegraphics|vspace|hspace|url)\*?(\[[^\]]*\])*\{[^{}]*\}/g;
/** Formatting commands whose argument is kept. */
const KEEP_ARG = /\\(textbf|textit|emph|texttt|textsc|underline|mathrm|text)\{([^{}]*)\}/g;

/** A LaTeX document (inputs already resolved) → Paper. Math is kept as written. */
export function paperFromLatex(tex: string): Paper {
  if (tex.length > 2_000_000) throw new PaperInputError(`The LaTeX source is ${tex.length} characters; the limit is 2,000,000`);
  const source = stripComments(tex).replace(/\r\n?/g, '\n');
  const title = /\\title\s*(?:\[[^\]]*\])?\{([^]*?)\}\s*\n/.exec(source)?.[1] ?? '';
  const begin = source.indexOf('\\begin{document}');
  let body = begin >= 0 ? source.slice(begin + '\\begin{document}'.length) : source;
  const end = body.indexOf('\\end{document}');
  if (end >= 0) body = body.slice(0, end);
  body = body.replace(/\\begin\{thebibliography\}[^]*?\\end\{thebibliography\}/g, '');
  body = body.replace(/\\begin\{(figure|table)\*?\}[^]*?\\end\{\1\*?\}/g, (block) => {
    // Captions say what a figure or table shows; the layout code does not.
    const caption = /\\caption\{([^]*?)\}\s*(\\|$)/.exec(block)?.[1];
    return caption ? `\n[Figure/Table: ${caption}]\n` : '\n';
  });
  body = body.replace(/\\begin\{abstract\}/, '\n\\section{Abstract}\n').replace(/\\end\{abstract\}/, '\n');
  body = body.replace(/\\(maketitle|appendix|newpage|clearpage|centering|noindent|small|footnotesize)\b/g, '');
  const sections: PaperSection[] = [];
  let current: PaperSection | undefined;
  for (const line of body.split('\n')) {
    const s = SECTION.exec(line.trim());
    if (s) {
      current = { heading: cleanInline(s[2]).trim(), text: s[3].trim() ? `${cleanInline(s[3])}\n` : '' };
      sections.push(current);
      continue;
    }
    if (!current) {
      if (!line.trim()) continue;
      current = { heading: 'Preamble', text: '' };
      sections.push(current);
    }
    current.text += `${cleanInline(line)}\n`;
  }
  if (!sections.length) throw new PaperInputError('The LaTeX source has no text between \\begin{document} and \\end{document}');
  return cleanPaper({ title: cleanInline(title), sections });
}

function cleanInline(s: string): string {
  let out = s.replace(CITE, '').replace(DROP_WITH_ARG, '');
  // Nested formatting (\textbf{\emph{x}}) unwraps from the inside out; a few passes suffice.
  for (let i = 0; i < 3; i++) out = out.replace(KEEP_ARG, '$2');
  return out
    .replace(/~/g, ' ')
    .replace(/\\\\/g, '\n')
    .replace(/[ \t]{2,}/g, ' ');
}
