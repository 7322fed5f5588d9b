/**
 * Test PDFs made with pdf-lib, so extraction is tested on a known layout: the test paper
 * (tests/fixtures/paper2code/tiny-paper.md) typeset in two columns on small pages, with a running header,
 * page numbers in the footer, numbered bold headings and end-of-line hyphenation. Also the bad inputs:
 * encrypted, corrupt, scanned (no text) and 500 pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export const FIXTURES = path.resolve('tests/fixtures/paper2code');
export const HEADER = 'Preprint. Under review at the Workshop on Tiny Models.';

export interface MadePdf {
  bytes: Uint8Array;
  /** Words split across lines with a hyphen. */
  hyphenated: string[];
  pages: number;
}

export async function makePaperPdf(markdown = fs.readFileSync(path.join(FIXTURES, 'tiny-paper.md'), 'utf8')): Promise<MadePdf> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);
  const W = 420;
  const H = 300;
  const margin = 36;
  const gutter = 14;
  const colW = (W - 2 * margin - gutter) / 2;
  const body = 9;
  const lead = 11;
  const hyphenated: string[] = [];
  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let col = 0;
  let y = 0;
  let top = 0;
  const newPage = () => {
    page = doc.addPage([W, H]);
    pages.push(page);
    col = 0;
    top = H - margin - 10;
    y = top;
  };
  const advance = (h: number) => {
    if (y - h < margin + 10) {
      if (col === 0) {
        col = 1;
        y = top;
      } else newPage();
    }
    y -= h;
  };
  const x0 = () => margin + col * (colW + gutter);
  const draw = (text: string, font: PDFFont, size: number, x: number) => page.drawText(text, { x, y, size, font, color: rgb(0, 0, 0) });

  const lines = markdown.split('\n');
  newPage();
  const title = lines.find((l) => l.startsWith('# '))!.slice(2);
  // Title across both columns, 16 pt, centred; an author line below it.
  const tw = bold.widthOfTextAtSize(title, 14);
  y -= 14;
  draw(title, bold, 14, (W - tw) / 2);
  y -= 16;
  const author = 'A. Tester, Example University';
  draw(author, regular, 10, (W - regular.widthOfTextAtSize(author, 10)) / 2);
  y -= 18;
  top = y;

  const paragraph = (text: string) => {
    const words = text.split(/\s+/).filter(Boolean);
    let line = '';
    const flush = () => {
      advance(lead);
      draw(line, regular, body, x0());
      line = '';
    };
    for (const word of words) {
      const next = line ? `${line} ${word}` : word;
      if (regular.widthOfTextAtSize(next, body) <= colW) {
        line = next;
        continue;
      }
      // Hyphenate long plain words at the last split that still fits.
      const bare = word.replace(/[,.]$/, '');
      let split = false;
      for (let cut = bare.length - 3; cut >= 3 && /^[a-z]{8,}$/.test(bare) && !split; cut--) {
        const head = `${line ? `${line} ` : ''}${word.slice(0, cut)}-`;
        if (regular.widthOfTextAtSize(head, body) > colW) continue;
        line = head;
        flush();
        line = word.slice(cut);
        hyphenated.push(bare);
        split = true;
      }
      if (split) continue;
      flush();
      line = word;
    }
    if (line) flush();
    advance(4);
  };

  let buffer: string[] = [];
  const endParagraph = () => {
    if (buffer.length) paragraph(buffer.join(' '));
    buffer = [];
  };
  for (const l of lines) {
    if (l.startsWith('# ')) continue;
    if (l.startsWith('## ')) {
      endParagraph();
      advance(lead + 6);
      draw(l.slice(3), bold, 11, x0());
      advance(2);
      continue;
    }
    if (!l.trim()) endParagraph();
    else if (/^\[\d+\]/.test(l)) {
      endParagraph();
      buffer.push(l);
      endParagraph();
    } else buffer.push(l.replace(/\$/g, ''));
  }
  endParagraph();
  pages.forEach((p, i) => {
    p.drawText(HEADER, { x: margin, y: H - 22, size: 7, font: regular });
    const n = String(i + 1);
    p.drawText(n, { x: (W - regular.widthOfTextAtSize(n, 8)) / 2, y: 16, size: 8, font: regular });
  });
  return { bytes: await doc.save(), hyphenated, pages: pages.length };
}

export async function makeScannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < 2; i++) {
    const page = doc.addPage([420, 400]);
    for (let r = 0; r < 20; r++)
      page.drawRectangle({ x: 36, y: 360 - r * 15, width: 300 - (r % 4) * 40, height: 6, color: rgb(0.2, 0.2, 0.2) });
  }
  return doc.save();
}

export async function makeLongPdf(pages = 500): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++)
    doc.addPage([200, 200]).drawText(`Page ${i + 1} of a very long document.`, { x: 10, y: 100, size: 8, font });
  return doc.save();
}

export function makeCorruptPdf(): Uint8Array {
  const junk = Array.from({ length: 400 }, (_, i) => String.fromCharCode(33 + ((i * 37) % 90))).join('');
  return new TextEncoder().encode(`%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n${junk}\n%%EOF\n`);
}

/** A one-page PDF whose trailer names a Standard security handler with a user password we do not know. */
export function makeEncryptedPdf(): Uint8Array {
  const hex = (n: number, seed: number) =>
    Array.from({ length: n }, (_, i) => ((i * 73 + seed) % 256).toString(16).padStart(2, '0')).join('');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
    '<< /Length 8 >>\nstream\n\x01\x02\x03\x04\x05\x06\x07\x08\nendstream',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(32, 5)}> /U <${hex(32, 11)}> /P -44 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<${hex(16, 3)}> <${hex(16, 3)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}
