import type { PDFDocumentLoadingTask } from 'pdfjs-dist';
import { base64Bytes } from '../case/documents/base64Bytes';
import classes from './CertificatePrint.module.css';

/** Print resolution: sharp text and QR code at an acceptable memory cost (an A4 page ≈ 8 MP). */
const PRINT_DPI = 200;
const POINT_TO_MM = 25.4 / 72;
const ROOT_ID = 'bureau-print-root';
const PAGE_STYLE_ID = 'bureau-print-page';

/** The window title before a print renamed it after the certificate. */
let titleBeforePrint: string | null = null;

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('canvas export failed'))),
      'image/png',
    );
  });
}

/** Removes what a print left behind (also a print whose `afterprint` never came). */
function cleanUp(): void {
  const root = document.getElementById(ROOT_ID);
  root?.querySelectorAll('img').forEach((image) => URL.revokeObjectURL(image.src));
  root?.remove();
  document.getElementById(PAGE_STYLE_ID)?.remove();
  delete document.body.dataset.printing;
  if (titleBeforePrint !== null) document.title = titleBeforePrint;
  titleBeforePrint = null;
}

/**
 * Prints a PDF with the host's own print dialog: pdf.js renders each page to an image in a
 * container that alone shows on paper, then `window.print()`. The same path works in Electron
 * (the OS print dialog) and in a browser, needs no plugin, no new window and no CSP change
 * (`img-src blob:` is already allowed), and prints exactly what the preview shows.
 */
export async function printPdf(base64: string, title: string): Promise<void> {
  cleanUp();
  const { openPdf } = await import('../case/documents/pdfRuntime');
  const task: PDFDocumentLoadingTask = openPdf(base64Bytes(base64));
  const root = document.createElement('div');
  root.id = ROOT_ID;
  root.className = classes.printRoot ?? '';
  root.dataset.testid = 'print-pages';
  let pageSize = { width: 210, height: 297 };
  try {
    const pdf = await task.promise;
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const size = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: PRINT_DPI / 72 });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      await page.render({ canvas, viewport }).promise;
      const url = URL.createObjectURL(await canvasBlob(canvas));
      const width = size.width * POINT_TO_MM;
      const height = size.height * POINT_TO_MM;
      if (number === 1) pageSize = { width, height };
      const image = document.createElement('img');
      image.src = url;
      image.alt = `${title} — ${number} / ${pdf.numPages}`;
      image.className = classes.page ?? '';
      image.dataset.printPage = String(number);
      // A hair under the paper height, so rounding never spills a blank page.
      image.style.width = `${width.toFixed(2)}mm`;
      image.style.height = `${(height - 0.5).toFixed(2)}mm`;
      root.append(image);
      await image.decode();
    }
  } finally {
    void task.destroy();
  }

  // The paper size and zero margins only while this print runs: the PDF already has its margins.
  const pageStyle = document.createElement('style');
  pageStyle.id = PAGE_STYLE_ID;
  pageStyle.textContent = `@page { size: ${pageSize.width.toFixed(2)}mm ${pageSize.height.toFixed(2)}mm; margin: 0; }`;
  document.head.append(pageStyle);
  document.body.append(root);
  document.body.dataset.printing = 'certificate';

  // The print job (and « save as PDF » in the dialog) is named after the certificate.
  titleBeforePrint = document.title;
  document.title = title;
  window.addEventListener('afterprint', cleanUp, { once: true });
  window.print();
}
