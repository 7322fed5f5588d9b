// pdfjs-dist ships types for its main entry only; these entries have the same API.
declare module 'pdfjs-dist/build/pdf.worker.mjs';
declare module 'pdfjs-dist/legacy/build/pdf.mjs';
