import { createHash } from 'node:crypto';
import { errorReply, type SimReply } from './router';

/**
 * Certificates the portal offers its applicants: a `certificate.issued` event carrying the PDF
 * (`payload.document`: fileName, mimeType, size, sha256, base64) stores it, and
 * `GET /api/v1/applications/:id/certificate` serves it; a `certificate.revoked` event withdraws
 * it (410). See docs/portal-api.md.
 */

interface StoredCertificate {
  number: string;
  fileName: string;
  bytes: Buffer;
  sha256: string;
  revoked: { reason: string } | null;
}

interface CertificateDocumentPayload {
  fileName: string;
  mimeType: string;
  sha256: string;
  base64: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

function documentOf(payload: Record<string, unknown>): CertificateDocumentPayload | null | string {
  const document = payload.document;
  if (document === undefined) return null;
  if (
    !isObject(document) ||
    typeof document.fileName !== 'string' ||
    document.mimeType !== 'application/pdf' ||
    typeof document.sha256 !== 'string' ||
    typeof document.base64 !== 'string'
  ) {
    return 'document doit être { fileName, mimeType: "application/pdf", size, sha256, base64 }.';
  }
  const bytes = Buffer.from(document.base64, 'base64');
  if (createHash('sha256').update(bytes).digest('hex') !== document.sha256) {
    return 'Le PDF du certificat (document.base64) ne correspond pas à son empreinte sha256.';
  }
  return document as unknown as CertificateDocumentPayload;
}

export function createPortalCertificates() {
  const byApplication = new Map<string, StoredCertificate>();

  return {
    /** Refuses a certificate event whose PDF is malformed, before the event is accepted. */
    check(body: unknown): SimReply | null {
      if (!isObject(body) || body.kind !== 'certificate.issued' || !isObject(body.payload)) {
        return null;
      }
      const document = documentOf(body.payload);
      return typeof document === 'string' ? errorReply(422, 'validation_failed', document) : null;
    },
    /** After the portal accepted an event: keeps or withdraws the applicant's certificate. */
    record(applicationId: string, body: unknown): void {
      if (!isObject(body) || !isObject(body.payload)) return;
      const payload = body.payload;
      if (body.kind === 'certificate.issued') {
        const document = documentOf(payload);
        if (!document || typeof document === 'string') return;
        byApplication.set(applicationId, {
          number: String(payload.number),
          fileName: document.fileName,
          bytes: Buffer.from(document.base64, 'base64'),
          sha256: document.sha256,
          revoked: null,
        });
      } else if (body.kind === 'certificate.revoked') {
        const stored = byApplication.get(applicationId);
        if (stored && stored.number === payload.number) {
          stored.revoked = { reason: String(payload.reason) };
        }
      }
    },
    reply(applicationId: string): SimReply {
      const stored = byApplication.get(applicationId);
      if (!stored) {
        return errorReply(404, 'not_found', "Aucun certificat n'a été délivré pour cette demande.");
      }
      if (stored.revoked) {
        return errorReply(
          410,
          'certificate_revoked',
          `Le certificat ${stored.number} a été révoqué : ${stored.revoked.reason}`,
        );
      }
      return {
        status: 200,
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(stored.fileName)}`,
          'x-content-sha256': stored.sha256,
          'x-certificate-number': stored.number,
        },
        body: stored.bytes,
      };
    },
  };
}
export type PortalCertificates = ReturnType<typeof createPortalCertificates>;
