import { inflateSync } from 'node:zlib';

/**
 * Finds the signed QR text inside a certificate PDF without rendering it or decoding the QR
 * image: Bureau writes it in the document information dictionary (`/BureauVerification`), an
 * uncompressed object, so it appears verbatim in the file. A PDF re-saved by another tool may
 * have moved that dictionary into a compressed object stream: the Flate streams are then
 * inflated and searched too. Only a candidate is returned; the signature decides.
 */

const PAYLOAD = /BU[RL]1\.[A-Za-z0-9_-]{16,1200}\.[A-Za-z0-9_-]{86}(?![A-Za-z0-9_-])/g;
const STREAM = /stream\r?\n/g;
const MAX_STREAMS = 200;

function candidates(text: string): string[] {
  return [...new Set(text.match(PAYLOAD) ?? [])];
}

export function extractQrTextFromPdf(pdf: Buffer): string[] {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return [];
  const direct = candidates(pdf.toString('latin1'));
  if (direct.length > 0) return direct;
  const found = new Set<string>();
  const text = pdf.toString('latin1');
  let streams = 0;
  for (const match of text.matchAll(STREAM)) {
    if (++streams > MAX_STREAMS) break;
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      const inflated = inflateSync(pdf.subarray(start, end), { maxOutputLength: 8 * 1024 * 1024 });
      for (const candidate of candidates(inflated.toString('latin1'))) found.add(candidate);
    } catch {
      // Not a Flate stream (or a damaged one): nothing to read there.
    }
  }
  return [...found];
}
