/**
 * Any supported paper file → Paper, by name and content: PDF (through the given `pdf` reader, which runs
 * pdfjs in a worker in the page), LaTeX (one .tex, or a zip/tar.gz/tar project), Markdown, plain text.
 *
 * Example:
 *   await paperFromFile('paper.zip', bytes, { pdf })  // main .tex found, \input resolved
 */
import { paperFromLatexProject, unpackArchive, type SourceFiles } from './latex';
import { PaperInputError, paperFromMarkdown, paperFromPlainText, type Paper } from './paper';

export interface InputOptions {
  pdf?: (bytes: Uint8Array) => Promise<Paper>;
  /** Other files of a single .tex's project (its \input targets), by path relative to it. */
  siblings?: SourceFiles;
  /** Notes such as unresolved \input files. */
  warnings?: string[];
}

export const ACCEPTED = '.pdf,.tex,.zip,.gz,.tgz,.tar,.md,.markdown,.txt';

export async function paperFromFile(name: string, bytes: Uint8Array, opts: InputOptions = {}): Promise<Paper> {
  const lower = name.toLowerCase();
  const head = new TextDecoder().decode(bytes.subarray(0, 1024));
  if (lower.endsWith('.pdf') || head.startsWith('%PDF-')) {
    if (!opts.pdf) throw new PaperInputError('PDF input needs the PDF reader');
    return opts.pdf(bytes);
  }
  if (/\.(zip|tar\.gz|tgz|tar|gz)$/.test(lower)) return paperFromLatexProject(unpackArchive(bytes, name), opts.warnings);
  const text = new TextDecoder().decode(bytes);
  if (text.includes('\0')) throw new PaperInputError(`${name} is a binary file, not a paper (accepted: ${ACCEPTED})`);
  if (lower.endsWith('.tex') || /\\documentclass|\\begin\{document\}/.test(text)) {
    const main = name.split('/').pop()!;
    return paperFromLatexProject({ ...(opts.siblings ?? {}), [main]: text }, opts.warnings);
  }
  if (lower.endsWith('.md') || lower.endsWith('.markdown') || /^#\s/m.test(text)) return paperFromMarkdown(text);
  return paperFromPlainText(text);
}
