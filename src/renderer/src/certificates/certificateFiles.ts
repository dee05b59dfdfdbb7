import type { DocumentContent } from '../../../shared/api/caseTypes';
import type { CertificateFile } from '../../../shared/api/certificateTypes';
import { base64Bytes } from '../case/documents/base64Bytes';
import { pdfFileName } from './pdfFileName';

/** A certificate PDF seen as a document, so the attachments' pdf.js viewer shows it unchanged. */
export function certificateContent(file: CertificateFile): DocumentContent {
  return {
    id: `${file.certificateId}${file.duplicate ? ':duplicata' : ''}`,
    fileName: file.fileName,
    mimeType: 'application/pdf',
    base64: file.base64,
  };
}

/**
 * Saves the PDF through the host's own download (Electron asks where to save it; a browser puts
 * it in its downloads). A blob URL keeps the bytes in the page: nothing goes back to the server.
 */
export function savePdf(file: CertificateFile, number: string): void {
  const blob = new Blob([base64Bytes(file.base64) as Uint8Array<ArrayBuffer>], {
    type: 'application/pdf',
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = pdfFileName(number, file.duplicate);
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click is handled; keep the URL a moment for slow hosts.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file chosen by the user, as base64 (what `certificates.verify` takes). */
export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
