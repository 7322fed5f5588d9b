/**
 * PDF text items (with position and font size, as pdfjs gives them) → Paper. Framework-free, so it is
 * tested on known layouts. Steps, each linear in the number of items after a sort:
 *   1. items → lines (same baseline, same column); a page is two-column when both halves hold many lines;
 *   2. reading order: full-width lines above the columns, the left column, the right column, the rest;
 *   3. headers, footers and page numbers dropped: lines in the top/bottom band that are a page number or
 *      repeat (digits ignored) on other pages;
 *   4. headings: noticeably larger than the body font, or numbered ("3.1 Training") in a bold face; the
 *      title is the largest line(s) on page 1;
 *   5. hyphenation joined ("classi-" + "fier"); equations stay as the text pdfjs gives.
 */
import { cleanPaper, type Paper, type PaperSection } from './paper';

export interface PdfItem {
  str: string;
  /** Left edge and baseline, in PDF units (origin bottom-left). */
  x: number;
  y: number;
  width: number;
  fontSize: number;
  bold: boolean;
}

export interface PdfPage {
  width: number;
  height: number;
  items: PdfItem[];
}

interface Line {
  text: string;
  x: number;
  y: number;
  right: number;
  fontSize: number;
  bold: boolean;
  page: number;
  column: 'full' | 'left' | 'right';
}

/** Running headers and footers sit in the top and bottom 9% of a page. */
const MARGIN_BAND = 0.09;

function itemColumn(it: PdfItem, mid: number): Line['column'] {
  const gap = 4;
  if (it.x + it.width <= mid + gap) return 'left';
  if (it.x >= mid - gap) return 'right';
  return 'full';
}

function pageLines(page: PdfPage, index: number): Line[] {
  const mid = page.width / 2;
  const items = page.items.filter((it) => it.str.trim() || it.str === ' ');
  const cols = items.map((it) => itemColumn(it, mid));
  // Decide if the page is two-column: enough text on each side of the middle.
  const left = cols.filter((c) => c === 'left').length;
  const right = cols.filter((c) => c === 'right').length;
  const twoColumn = left >= 5 && right >= 5;
  const keyed = items.map((it, i) => ({ it, col: twoColumn ? cols[i] : ('full' as const) }));
  keyed.sort((a, b) => (a.col === b.col ? 0 : a.col < b.col ? -1 : 1) || b.it.y - a.it.y || a.it.x - b.it.x);
  const lines: Line[] = [];
  let cur: Line | undefined;
  for (const { it, col } of keyed) {
    const sameLine = cur && cur.column === col && Math.abs(cur.y - it.y) <= Math.max(cur.fontSize, it.fontSize) * 0.5;
    if (!sameLine) {
      cur = { text: it.str, x: it.x, y: it.y, right: it.x + it.width, fontSize: it.fontSize, bold: it.bold, page: index, column: col };
      lines.push(cur);
      continue;
    }
    const gap = it.x - cur!.right;
    cur!.text += (gap > it.fontSize * 0.15 && !cur!.text.endsWith(' ') && !it.str.startsWith(' ') ? ' ' : '') + it.str;
    cur!.right = Math.max(cur!.right, it.x + it.width);
    cur!.fontSize = Math.max(cur!.fontSize, it.fontSize);
    cur!.bold = cur!.bold && it.bold;
  }
  for (const l of lines) l.text = l.text.replace(/\s+/g, ' ').trim();
  const kept = lines.filter((l) => l.text);
  if (!twoColumn) return kept.sort((a, b) => b.y - a.y);
  // The top of the columns, ignoring a running header that may sit above the title.
  const columnTop = Math.max(...kept.filter((l) => l.column !== 'full' && l.y < page.height * (1 - MARGIN_BAND)).map((l) => l.y));
  const fullAbove = kept.filter((l) => l.column === 'full' && l.y > columnTop).sort((a, b) => b.y - a.y);
  const fullBelow = kept.filter((l) => l.column === 'full' && l.y <= columnTop).sort((a, b) => b.y - a.y);
  const byY = (c: Line['column']) => kept.filter((l) => l.column === c).sort((a, b) => b.y - a.y);
  return [...fullAbove, ...byY('left'), ...byY('right'), ...fullBelow];
}

const PAGE_NUMBER = /^(page\s*)?[-–]?\s*\d{1,4}\s*[-–]?(\s*(of|\/)\s*\d{1,4})?$/i;
const normaliseRepeat = (t: string) => t.toLowerCase().replace(/\d+/g, '#');

function dropMargins(pages: PdfPage[], lines: Line[]): Line[] {
  const inBand = (l: Line) => {
    const h = pages[l.page].height;
    return l.y > h * (1 - MARGIN_BAND) || l.y < h * MARGIN_BAND;
  };
  const pagesWith = new Map<string, Set<number>>();
  for (const l of lines) {
    if (!inBand(l)) continue;
    const k = normaliseRepeat(l.text);
    if (!pagesWith.has(k)) pagesWith.set(k, new Set());
    pagesWith.get(k)!.add(l.page);
  }
  return lines.filter(
    (l) => !(inBand(l) && (PAGE_NUMBER.test(l.text) || (pages.length > 1 && pagesWith.get(normaliseRepeat(l.text))!.size >= 2))),
  );
}

function bodyFontSize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const k = Math.round(l.fontSize * 2) / 2;
    weight.set(k, (weight.get(k) ?? 0) + l.text.length);
  }
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

const NUMBERED = /^(\d{1,2}(\.\d{1,2}){0,3}|[A-Z](\.\d{1,2}){0,2})\.?\s+\S/;
const NAMED = /^(abstract|references|bibliography|acknowledg(e)?ments?|appendix)$/i;

function isHeading(l: Line, body: number): boolean {
  if (l.text.length > 90 || /[.,;:]$/.test(l.text) || !/[A-Za-z]{2}/.test(l.text)) return false;
  if (NAMED.test(l.text) && (l.bold || l.fontSize > body * 1.05)) return true;
  if (l.fontSize >= body * 1.15 && NUMBERED.test(l.text)) return true;
  return NUMBERED.test(l.text) && l.bold && l.text.length < 70;
}

/** Joins a line to the text so far, undoing end-of-line hyphenation ("classi-" + "fier"). */
function appendLine(text: string, line: string): string {
  if (!text) return line;
  if (/[A-Za-z]-$/.test(text) && /^[a-z]/.test(line)) return text.slice(0, -1) + line;
  return `${text} ${line}`;
}

export function paperFromPdfPages(pages: PdfPage[]): Paper {
  const all = dropMargins(
    pages,
    pages.flatMap((p, i) => pageLines(p, i)),
  );
  const body = bodyFontSize(all);
  // Title: the largest lines on the first page, above the first heading.
  const first = all.filter((l) => l.page === 0);
  const top = Math.max(...first.map((l) => l.fontSize), 0);
  const titleLines = top > body * 1.2 ? first.filter((l) => l.fontSize >= top * 0.95) : first.slice(0, 1);
  const title = titleLines.map((l) => l.text).join(' ');
  const sections: PaperSection[] = [];
  let current: PaperSection | undefined;
  let prev: Line | undefined;
  for (const l of all) {
    if (titleLines.includes(l)) continue;
    if (isHeading(l, body)) {
      current = { heading: l.text, text: '' };
      sections.push(current);
      prev = l;
      continue;
    }
    if (!current) {
      // Authors and affiliations sit between the title and the first heading; keep them out of the sections.
      if (l.page === 0 && l.fontSize > body * 1.05) continue;
      // Text before the first heading of a paper is its abstract (an explicit "Abstract" heading replaces this).
      current = { heading: 'Abstract', text: '' };
      sections.push(current);
    }
    // A vertical gap of more than ~1.8 lines in the same column starts a new paragraph.
    const paragraph = prev && prev.page === l.page && prev.column === l.column && prev.y - l.y > l.fontSize * 2.2;
    current.text = paragraph ? `${current.text}\n\n${l.text}` : appendLine(current.text, l.text);
    prev = l;
  }
  return cleanPaper({ title, sections });
}
