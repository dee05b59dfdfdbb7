import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

type PdfKit = typeof PDFDocument;

let pdfKit: PdfKit | undefined;

/**
 * PDFKit, loaded the first time a PDF is made. Loading it builds the AES tables of its
 * encryption library (@noble/ciphers) at import, which cost a desk's start ~0.1–0.4 s on this
 * machine, for PDFs most starts never make.
 */
export function pdfDocumentClass(): PdfKit {
  pdfKit ??= createRequire(import.meta.url)('pdfkit') as PdfKit;
  return pdfKit;
}
