/**
 * The paper as the pipeline sees it: a title and sections of plain text, with citations and reference lists
 * dropped (as PaperCoder's `0_pdf_process.py` drops cite/ref spans and bib entries). Built from Markdown, plain
 * text or LaTeX here, and from PDF text in `pdf-layout.ts`. Every parser is one linear pass over lines.
 *
 * Example:
 *   const p = paperFromMarkdown('# Tiny Nets\n## 1 Method\nWe use SGD [3].\n## References\n[3] …');
 *   // { title: 'Tiny Nets', sections: [{ heading: '1 Method', text: 'We use SGD.' }] }
 */

export interface PaperSection {
  heading: string;
  text: string;
}

export interface Paper {
  title: string;
  sections: PaperSection[];
}

/** Inputs larger than this are refused before parsing (a long paper is ~100k characters). */
export const MAX_PAPER_CHARS = 2_000_000;

export class PaperInputError extends Error {
  override name = 'PaperInputError';
}

const REFERENCE_HEADINGS = /^(\d+(\.\d+)*\.?\s+)?(references|bibliography|works cited|literature cited)\s*$/i;

/** Numeric citations `[3]`, `[1, 4–6]` and author-year citations `(Smith et al., 2020; Lee, 2021)`. */
const NUMERIC_CITE = /\s?\[\d+(?:\s*[-–,]\s*\d+)*\]/g;
// Bounded repetitions keep both patterns linear in the text length.
const AUTHOR_YEAR_CITE = /\s?\((?:see |e\.g\., )?[A-Z][^()\d\n]{0,80}?,? \d{4}[a-z]?(?:; ?[A-Z][^()\d\n]{0,80}?,? \d{4}[a-z]?){0,20}\)/g;

export function dropCitations(text: string): string {
  return text.replace(NUMERIC_CITE, '').replace(AUTHOR_YEAR_CITE, '');
}

export function isReferenceHeading(heading: string): boolean {
  return REFERENCE_HEADINGS.test(heading.trim());
}

/** Drops reference sections and everything after them except appendices; trims and drops empty sections. */
export function cleanPaper(paper: Paper): Paper {
  const sections: PaperSection[] = [];
  let inReferences = false;
  for (const s of paper.sections) {
    if (isReferenceHeading(s.heading)) {
      inReferences = true;
      continue;
    }
    // An appendix after the references is part of the paper again.
    if (inReferences && !/^(appendix|[A-Z](\.\d+)*\s)/i.test(s.heading.trim())) continue;
    inReferences = false;
    const text = dropCitations(s.text)
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    if (text || s.heading.trim()) sections.push({ heading: s.heading.trim(), text });
  }
  return { title: paper.title.trim() || 'Untitled paper', sections: sections.filter((s) => s.text) };
}

export function paperChars(paper: Paper): number {
  return paper.title.length + paper.sections.reduce((n, s) => n + s.heading.length + s.text.length + 2, 0);
}

/** The paper as the model sees it: Markdown with one heading per section. */
export function paperToMarkdown(paper: Paper): string {
  return [`# ${paper.title}`, ...paper.sections.map((s) => `## ${s.heading}\n${s.text}`)].join('\n\n');
}

function checkSize(text: string, what: string): void {
  if (text.length > MAX_PAPER_CHARS)
    throw new PaperInputError(
      `${what} is ${text.length.toLocaleString('en')} characters; the limit is ${MAX_PAPER_CHARS.toLocaleString('en')}`,
    );
}

/** `# Title`, then `##`/`###` headings start sections; text before the first heading becomes "Abstract". */
export function paperFromMarkdown(text: string): Paper {
  checkSize(text, 'The Markdown paper');
  let title = '';
  const sections: PaperSection[] = [];
  let current: PaperSection | undefined;
  let inFence = false;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const h = inFence ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h && h[1].length === 1 && !title) {
      title = h[2];
      continue;
    }
    if (h) {
      current = { heading: h[2], text: '' };
      sections.push(current);
      continue;
    }
    if (!current) {
      if (!line.trim()) continue;
      current = { heading: 'Abstract', text: '' };
      sections.push(current);
    }
    current.text += `${line}\n`;
  }
  return cleanPaper({ title, sections });
}

/** Plain text: the first line is the title; numbered lines such as `2.1 Training` start sections. */
export function paperFromPlainText(text: string): Paper {
  checkSize(text, 'The text paper');
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((l) => l.trim());
  if (first < 0) throw new PaperInputError('The paper is empty');
  const title = lines[first].trim();
  const sections: PaperSection[] = [];
  let current: PaperSection | undefined;
  const headingLine =
    /^(\d+(\.\d+)*\.?|[A-Z]\.\d*)\s+[A-Z][^.!?]{0,80}$|^(abstract|introduction|references|conclusions?|acknowledg(e)?ments)$/i;
  for (const line of lines.slice(first + 1)) {
    const t = line.trim();
    if (t && t.length < 90 && headingLine.test(t)) {
      current = { heading: t, text: '' };
      sections.push(current);
      continue;
    }
    if (!current) {
      if (!t) continue;
      current = { heading: 'Abstract', text: '' };
      sections.push(current);
    }
    current.text += `${line}\n`;
  }
  return cleanPaper({ title, sections });
}
