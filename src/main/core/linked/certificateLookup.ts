import type Database from 'better-sqlite3';
import type { KnownCertificate } from '../../../shared/api/linkedTypes';
import { portalIssuedCertificate } from '../../../shared/portal/portalApplication';

/**
 * A certificate number as Bureau compares it: trimmed, upper-case, no spaces, typographic dashes
 * made plain (`cie – 2026 – lom – 000123` → `CIE-2026-LOM-000123`). The same as the `certificate`
 * keys of migration 028.
 */
export function normaliseCertificateNumber(text: string): string {
  return text
    .trim()
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, '');
}

interface LocalRow {
  number: string;
  procedure_code: string;
  holder_name: string;
  issued_at: string;
  expires_on: string | null;
  status: 'valid' | 'revoked';
  revoked_at: string | null;
  revocation_reason: string | null;
  cancelled_at: string | null;
  application_id: string;
  reference: string;
}

interface PortalRow {
  id: string;
  reference: string;
  procedure_code: string;
  applicant_name: string;
  company_name: string | null;
  certificate_json: string | null;
}

export const LOCAL_CERTIFICATE = `
  SELECT number, procedure_code, holder_name, issued_at, expires_on, status, revoked_at,
    revocation_reason, cancelled_at, application_id, reference
  FROM certificates WHERE number = ?`;
export const PORTAL_CERTIFICATE = `
  SELECT a.id, a.reference, a.procedure_code, a.applicant_name, a.company_name,
    json_extract(a.record_json, '$.certificate') AS certificate_json
  FROM applications a
  WHERE a.id IN (SELECT application_id FROM case_keys WHERE kind = 'certificate' AND value = ?)`;
export const REGISTRY_MARK = 'SELECT status, at, reason FROM registry_marks WHERE number = ?';

/** The same three sources for a list of numbers (a JSON array): an inbox page's cited cards. */
export const LOCAL_CERTIFICATES = `
  SELECT number, procedure_code, holder_name, issued_at, expires_on, status, revoked_at,
    revocation_reason, cancelled_at, application_id, reference
  FROM certificates WHERE number IN (SELECT value FROM json_each(?))`;
export const PORTAL_CERTIFICATES = `
  SELECT k.value AS number, a.id, a.reference, a.procedure_code, a.applicant_name, a.company_name,
    json_extract(a.record_json, '$.certificate') AS certificate_json
  FROM case_keys k JOIN applications a ON a.id = k.application_id
  WHERE k.kind = 'certificate' AND k.value IN (SELECT value FROM json_each(?))
  ORDER BY k.value, k.application_id`;
export const REGISTRY_MARKS =
  'SELECT number, status, at, reason FROM registry_marks WHERE number IN (SELECT value FROM json_each(?))';

/**
 * Every certificate Bureau knows by its number (design linked-records §2): those this desk issued
 * (`certificates`), those the portal says it delivered for a cached case (`case_keys`, kind
 * `certificate`), and what the national registry says of other desks' (`registry_marks`: only
 * revocations and cancellations). Each is one primary-key or unique-index lookup.
 */
export function createCertificateLookup(db: Database.Database) {
  const local = db.prepare<[string], LocalRow>(LOCAL_CERTIFICATE);
  const portal = db.prepare<[string], PortalRow>(PORTAL_CERTIFICATE);
  const mark = db.prepare<[string], MarkRow>(REGISTRY_MARK);

  const locals = db.prepare<[string], LocalRow>(LOCAL_CERTIFICATES);
  const portals = db.prepare<[string], PortalRow & { number: string }>(PORTAL_CERTIFICATES);
  const marks = db.prepare<[string], MarkRow & { number: string }>(REGISTRY_MARKS);

  function fromPortal(number: string): KnownCertificate | null {
    for (const row of portal.all(number)) {
      const found = portalCertificate(number, row);
      if (found) return found;
    }
    return null;
  }

  return {
    /** The certificate with this number (already normalised), with any revocation applied. */
    find(number: string): KnownCertificate | null {
      const row = local.get(number);
      const found = row ? localCertificate(row) : fromPortal(number);
      return found && !found.revokedAt ? withMark(found, mark.get(number)) : found;
    },

    /**
     * The certificates with these numbers (already normalised), as `find` says each: one query
     * per source for the whole list (an inbox page's signals), numbers nobody issued left out.
     */
    findMany(numbers: readonly string[]): Map<string, KnownCertificate> {
      const found = new Map<string, KnownCertificate>();
      if (numbers.length === 0) return found;
      const list = JSON.stringify([...new Set(numbers)]);
      for (const row of locals.all(list)) found.set(row.number, localCertificate(row));
      for (const row of portals.all(list)) {
        if (found.has(row.number)) continue;
        const certificate = portalCertificate(row.number, row);
        if (certificate) found.set(row.number, certificate);
      }
      const valid = [...found.values()].filter((certificate) => !certificate.revokedAt);
      if (valid.length > 0) {
        const negative = new Map(
          marks.all(JSON.stringify(valid.map((c) => c.number))).map((row) => [row.number, row]),
        );
        for (const certificate of valid) {
          found.set(certificate.number, withMark(certificate, negative.get(certificate.number)));
        }
      }
      return found;
    },
  };
}

interface MarkRow {
  status: string;
  at: string;
  reason: string | null;
}

function localCertificate(row: LocalRow): KnownCertificate {
  return {
    number: row.number,
    procedureCode: row.procedure_code,
    holderName: row.holder_name,
    issuedAt: row.issued_at,
    expiresOn: row.expires_on,
    revokedAt: row.status === 'revoked' ? row.revoked_at : row.cancelled_at,
    revocationReason:
      row.status === 'revoked'
        ? row.revocation_reason
        : row.cancelled_at
          ? 'Annulé par le registre national'
          : null,
    source: 'this_desk',
    applicationId: row.application_id,
    reference: row.reference,
  };
}

function portalCertificate(number: string, row: PortalRow): KnownCertificate | null {
  const parsed = portalIssuedCertificate.safeParse(JSON.parse(row.certificate_json ?? 'null'));
  if (!parsed.success) return null;
  const certificate = parsed.data;
  return {
    number,
    procedureCode: row.procedure_code,
    holderName: row.company_name ?? row.applicant_name,
    issuedAt: certificate.issuedAt,
    expiresOn: certificate.expiresOn,
    revokedAt: certificate.revokedAt ?? null,
    revocationReason: certificate.revocationReason ?? null,
    source: 'portal',
    applicationId: row.id,
    reference: row.reference,
  };
}

/** The national registry's revocation or cancellation of another desk's certificate. */
function withMark(found: KnownCertificate, negative: MarkRow | undefined): KnownCertificate {
  return negative ? { ...found, revokedAt: negative.at, revocationReason: negative.reason } : found;
}
export type CertificateLookup = ReturnType<typeof createCertificateLookup>;
