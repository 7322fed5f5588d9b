/**
 * PDF bytes → positioned text items → Paper, through pdfjs-dist (passed in: the page loads it inside
 * `workers/paper2code-pdf.worker.ts`, Node loads its legacy build). Bad PDFs fail with a clear reason:
 * encrypted, corrupt, no text layer (scanned), too many pages, too large.
 *
 * Example:
 *   const paper = await paperFromPdf(await import('pdfjs-dist/legacy/build/pdf.mjs'), bytes);
 */
import { PaperInputError, type Paper } from './paper';
import { paperFromPdfPages, type PdfPage } from './pdf-layout';

export const MAX_PDF_PAGES = 200;
export const MAX_PDF_BYTES = 60_000_000;

type PdfJs = typeof import('pdfjs-dist');

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

export async function pdfPages(pdfjs: PdfJs, bytes: Uint8Array): Promise<PdfPage[]> {
  if (bytes.length > MAX_PDF_BYTES)
    throw new PaperInputError(`The PDF is ${(bytes.length / 1e6).toFixed(1)} MB; the limit is ${MAX_PDF_BYTES / 1e6} MB`);
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 1024)).indexOf('%PDF-') < 0)
    throw new PaperInputError('This is not a PDF file (no %PDF- header)');
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: bytes.slice(),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: true,
      verbosity: 0,
    }).promise;
  } catch (e) {
    const name = (e as { name?: string })?.name;
    if (name === 'PasswordException')
      throw new PaperInputError('The PDF is encrypted (password-protected): save an unprotected copy, or give the LaTeX source');
    if (name === 'InvalidPDFException') throw new PaperInputError('The PDF is corrupt or truncated: pdf.js could not read its structure');
    throw new PaperInputError(`The PDF could not be opened: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES)
      throw new PaperInputError(
        `The PDF has ${doc.numPages} pages; the limit is ${MAX_PDF_PAGES} (a paper with appendices is rarely over 60). Split off the part to reproduce.`,
      );
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const styles = content.styles as Record<string, { fontFamily?: string }>;
      const items = (content.items as RawItem[])
        .filter((it) => typeof it.str === 'string' && it.str.length > 0)
        .map((it) => {
          const [a, b, , d, e, f] = it.transform;
          const font = `${it.fontName} ${styles[it.fontName]?.fontFamily ?? ''}`;
          return {
            str: it.str,
            x: e,
            y: f,
            width: it.width,
            fontSize: Math.hypot(a, b) || Math.abs(d),
            bold: /bold|black|heavy|semibold|\.B\b|-B\b/i.test(font),
          };
        });
      pages.push({ width: viewport.width, height: viewport.height, items });
      page.cleanup();
    }
    return pages;
  } catch (e) {
    if (e instanceof PaperInputError) throw e;
    throw new PaperInputError(`The PDF is corrupt: reading its pages failed (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    await doc.destroy();
  }
}

export async function paperFromPdf(pdfjs: PdfJs, bytes: Uint8Array): Promise<Paper> {
  const pages = await pdfPages(pdfjs, bytes);
  const chars = pages.reduce((n, p) => n + p.items.reduce((m, it) => m + it.str.trim().length, 0), 0);
  if (chars < 200)
    throw new PaperInputError(
      `The PDF's ${pages.length} page(s) hold ${chars} characters of text: it looks scanned (images only). Run OCR first, or give the LaTeX source or text.`,
    );
  return paperFromPdfPages(pages);
}
