// Paper input: Markdown, LaTeX (one file and archived projects), and PDF on a known layout made by pdf-lib
// (two columns, running header, page numbers, hyphenation), plus every bad PDF the issue names.
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync, gzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { paperFromFile } from '../../../src/paper2code/input';
import { findMainFile, paperFromLatexProject, unpackArchive } from '../../../src/paper2code/latex';
import { paperFromMarkdown, paperToMarkdown } from '../../../src/paper2code/paper';
import { paperFromPdfNode } from '../../../src/paper2code/node-pdf';
import { FIXTURES, HEADER, makeCorruptPdf, makeEncryptedPdf, makeLongPdf, makePaperPdf, makeScannedPdf } from './make-pdf';

const md = fs.readFileSync(path.join(FIXTURES, 'tiny-paper.md'), 'utf8');
const texFiles = () => {
  const files: Record<string, string> = {};
  for (const p of ['tiny-paper.tex', 'sections/intro.tex', 'sections/method.tex'])
    files[p] = fs.readFileSync(path.join(FIXTURES, p), 'utf8');
  return files;
};
const headings = (p: { sections: { heading: string }[] }) => p.sections.map((s) => s.heading);

/** A tar archive (ustar headers) of text files, as `tar czf` would write. */
function tar(files: Record<string, string>): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const [name, text] of Object.entries(files)) {
    const data = strToU8(text);
    const header = new Uint8Array(512);
    header.set(strToU8(name), 0);
    header.set(strToU8(data.length.toString(8).padStart(11, '0')), 124);
    header[156] = 48;
    chunks.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  chunks.push(new Uint8Array(1024));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of chunks) (out.set(c, off), (off += c.length));
  return out;
}

describe('Markdown and LaTeX', () => {
  test('Markdown: title, numbered sections, citations and the reference list dropped', () => {
    const p = paperFromMarkdown(md);
    expect(p.title).toBe('Averaged Perceptrons on Separable Toy Data');
    expect(headings(p)).toEqual(['Abstract', '1 Introduction', '2 Method', '3 Experiments', '4 Results']);
    const all = paperToMarkdown(p);
    expect(all).not.toMatch(/\[\d|Freund and Schapire, 1999|Rosenblatt/);
    expect(p.sections[1].text).toContain('one example at a time. Its final');
    expect(p.sections[2].text).toContain('\\bar{w} = \\frac{1}{T} \\sum_t w_t');
  });

  test('a LaTeX project as zip and as tar.gz: main file found among others, \\input and \\include resolved', async () => {
    const files = { ...texFiles(), 'notes/draft.tex': '\\section{Draft}\nnot the main file', 'macros.sty': '\\newcommand{\\x}{x}' };
    for (const [name, bytes] of [
      ['paper.zip', zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])))],
      ['paper.tar.gz', gzipSync(tar(files))],
    ] as const) {
      const p = await paperFromFile(name, bytes);
      expect(p.title).toBe('Averaged Perceptrons on Separable Toy Data');
      expect(headings(p)).toEqual(['Abstract', 'Introduction', 'Method', 'Experiments', 'Results']);
      const text = paperToMarkdown(p);
      expect(text).toContain('one example at a time. Its final'); // \citep dropped with its tie
      expect(text).toContain('\\bar{w} = \\frac{1}{T} \\sum_t w_t'); // math kept as text
      expect(text).not.toMatch(/\\cite|\\label|thebibliography|Large margin classification|A comment/);
    }
  });

  test('LaTeX errors name what is wrong', async () => {
    expect(() => findMainFile({ 'a.tex': '\\section{A}' })).toThrow(
      /No \.tex file has both \\documentclass and \\begin\{document\} \(looked at a\.tex\)/,
    );
    const cyclic = { 'main.tex': '\\documentclass{article}\\begin{document}\n\\input{a}\n\\end{document}', 'a.tex': '\\input{main}' };
    expect(() => paperFromLatexProject(cyclic)).toThrow(/a\.tex: \\input\{main\} includes itself \(cycle main\.tex → a\.tex → main\.tex\)/);
    const warnings: string[] = [];
    paperFromLatexProject(
      { 'main.tex': '\\documentclass{article}\\begin{document}\n\\section{A}\ntext\n\\input{missing}\n\\end{document}' },
      warnings,
    );
    expect(warnings).toEqual(['main.tex: \\input{missing} not found in the archive; skipped']);
    expect(() => unpackArchive(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]), 'broken.zip')).toThrow(/broken\.zip could not be unpacked/);
    await expect(paperFromFile('x.bin.txt', new Uint8Array([65, 0, 66]))).rejects.toThrow(/binary file/);
  });
});

describe('PDF', () => {
  test('a two-column PDF with header, page numbers and hyphenation reads like its source', async () => {
    const made = await makePaperPdf();
    expect(made.pages).toBeGreaterThanOrEqual(2);
    expect(made.hyphenated.length).toBeGreaterThan(0);
    const p = await paperFromPdfNode(made.bytes);
    const source = paperFromMarkdown(md.replace(/\$/g, ''));
    expect(p.title).toBe(source.title);
    expect(headings(p)).toEqual(headings(source));
    // Same words in the same order: reading order across columns and pages, nothing from the margins.
    for (let i = 0; i < source.sections.length; i++)
      expect(p.sections[i].text.replace(/\s+/g, ' ')).toBe(source.sections[i].text.replace(/\s+/g, ' '));
    const all = paperToMarkdown(p);
    for (const w of made.hyphenated) expect(all).toContain(w);
    expect(all).not.toContain(HEADER);
    expect(all).not.toMatch(/Example University|\[1\]|Rosenblatt/);
  });

  test('bad PDFs: encrypted, corrupt, scanned, 500 pages, not a PDF', async () => {
    await expect(paperFromPdfNode(makeEncryptedPdf())).rejects.toThrow('The PDF is encrypted (password-protected)');
    await expect(paperFromPdfNode(makeCorruptPdf())).rejects.toThrow(/The PDF is corrupt/);
    await expect(paperFromPdfNode(await makeScannedPdf())).rejects.toThrow(/hold 0 characters of text: it looks scanned/);
    await expect(paperFromPdfNode(await makeLongPdf(500))).rejects.toThrow('The PDF has 500 pages; the limit is 200');
    await expect(paperFromPdfNode(strToU8('hello'))).rejects.toThrow('This is not a PDF file');
  });
});
