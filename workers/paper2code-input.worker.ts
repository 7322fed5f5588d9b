/**
 * Reads papers off the main thread: PDF through pdfjs-dist (its own worker code runs in this thread), LaTeX
 * projects (zip, tar.gz), Markdown and text; and unpacks reference repositories for the review.
 * Comlink API: `paperFromFile(name, bytes)`, `repoFromZip(name, bytes)`.
 */
import * as Comlink from 'comlink';
import * as pdfjs from 'pdfjs-dist';
import * as pdfWorker from 'pdfjs-dist/build/pdf.worker.mjs';
import { paperFromFile } from '../src/paper2code/input';
import { paperFromPdf } from '../src/paper2code/pdf-extract';
import { repoFromZip } from '../src/paper2code/review';

// pdf.js looks for this global before it tries to start a worker of its own.
(globalThis as unknown as { pdfjsWorker: unknown }).pdfjsWorker = pdfWorker;

const api = {
  async paperFromFile(name: string, bytes: Uint8Array) {
    const warnings: string[] = [];
    const paper = await paperFromFile(name, bytes, { pdf: (b) => paperFromPdf(pdfjs, b), warnings });
    return { paper, warnings };
  },
  repoFromZip,
};
export type InputWorkerApi = typeof api;
Comlink.expose(api);
