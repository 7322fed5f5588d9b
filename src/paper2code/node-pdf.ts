/** pdfjs-dist's legacy build for Node (command line, tests): no worker thread, everything in-process. */
import type { Paper } from './paper';
import { paperFromPdf } from './pdf-extract';

export async function paperFromPdfNode(bytes: Uint8Array): Promise<Paper> {
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as typeof import('pdfjs-dist');
  return paperFromPdf(pdfjs, bytes);
}
