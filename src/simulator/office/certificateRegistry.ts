import { refusal, type Refusal } from './desks';
import type { Numbering } from './numbering';
import type { Registry } from './registry';

/**
 * The certificate registry (design multi-desk §3.6): every certificate a desk issues through the
 * v2 event route, and the legacy certificates desks import, by number. The registry feed
 * (registry.ts) carries only the negative statuses: `certificate.cancelled` (a second certificate
 * refused for an application that already had a valid one: it is recorded, since its QR may be in
 * someone's hands) and `certificate.revoked`.
 */

export type CertificateStatus = 'valid' | 'revoked' | 'cancelled';

export interface RegisteredCertificate {
  number: string;
  applicationId: string;
  keyId: string;
  deskId: string;
  officeCode: string;
  issuedAt: string;
  status: CertificateStatus;
  /** When it became revoked or cancelled. */
  statusAt: string | null;
  reason: string | null;
  replacedBy: string | null;
  legacy: boolean;
  legacyDuplicate: boolean;
  qrSha256: string | null;
  registeredAt: string;
}

export interface LegacyCertificate {
  number: string;
  applicationId: string;
  keyId: string;
  issuedAt: string;
  status: 'valid' | 'revoked';
  qrSha256?: string | undefined;
}

/** `<PREFIX>-<YYYY>-<OFFICE>-<NNNNNN>`, as Bureau's NUMBER_PATTERN (qrPayload.ts). */
export const CERTIFICATE_NUMBER = /^([A-Z]{2,4})-(\d{4})-([A-Z]{2,10})-(\d{6})$/;
export const CANCELLED_REASON = 'Second certificat pour la même demande';
export const LEGACY_REVOKED_REASON = "Révoqué avant l'inscription du bureau au portail";
export const MAX_IMPORT_BATCH = 500;

interface IssuingDesk {
  id: string;
  officeCode: string;
}

function frenchDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = String(date.getUTCDate()).padStart(2, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${day}/${month}/${date.getUTCFullYear()}`;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

export function createCertificateRegistry(
  now: () => Date,
  registry: Registry,
  numbering: Numbering,
) {
  const byNumber = new Map<string, RegisteredCertificate[]>();

  function add(certificate: RegisteredCertificate): void {
    const list = byNumber.get(certificate.number) ?? [];
    list.push(certificate);
    byNumber.set(certificate.number, list);
  }

  function validFor(applicationId: string): RegisteredCertificate | undefined {
    for (const list of byNumber.values()) {
      const found = list.find(
        (certificate) =>
          certificate.applicationId === applicationId && certificate.status === 'valid',
      );
      if (found) return found;
    }
    return undefined;
  }

  return {
    /**
     * The checks of §3.6 for a `certificate.issued` sent on the v2 route, in order: key, number
     * free, number reserved, no valid certificate for the application. The last refusal records
     * the refused certificate as `cancelled` (and appends `certificate.cancelled` to the feed).
     */
    checkIssue(
      desk: IssuingDesk,
      applicationId: string,
      procedureCode: string,
      payload: Record<string, unknown>,
    ): Refusal | null {
      const number = text(payload.number) ?? '';
      const keyId = text(payload.keyId);
      const key = keyId ? registry.key(keyId) : undefined;
      if (!keyId || !key || key.deskId !== desk.id) {
        return refusal(
          409,
          'key_unknown',
          `La clé ${keyId ?? '(absente)'} n'est pas inscrite au portail pour le poste ${desk.id} : le certificat ${number} ne peut pas être enregistré.`,
          { keyId, deskId: desk.id },
        );
      }
      if (key.revokedAt) {
        return refusal(
          409,
          'key_revoked',
          `La clé ${keyId} a été révoquée le ${frenchDate(key.revokedAt)} : le certificat ${number} ne peut pas être enregistré. Signez avec la clé en cours du poste.`,
          { keyId, revokedAt: key.revokedAt, reason: key.revocation?.reason ?? null },
        );
      }
      const taken = byNumber.get(number)?.[0];
      if (taken) {
        return refusal(
          409,
          'certificate_number_taken',
          `Le numéro ${number} est déjà enregistré au portail (poste ${taken.deskId}) : ce certificat doit être délivré sous un autre numéro.`,
          { number, deskId: taken.deskId, status: taken.status },
        );
      }
      const parts = CERTIFICATE_NUMBER.exec(number);
      const year = parts ? Number(parts[2]) : NaN;
      const sequence = parts ? Number(parts[4]) : NaN;
      const block =
        parts && parts[1] === numbering.prefixOf(procedureCode) && parts[3] === desk.officeCode
          ? numbering.reserving(desk.id, desk.officeCode, procedureCode, year, sequence)
          : undefined;
      if (!block) {
        return refusal(
          409,
          'number_not_reserved',
          `Le numéro ${number} n'est dans aucun bloc de numéros ${procedureCode} réservé à ce poste (${desk.id}) : ce certificat doit être délivré sous un autre numéro.`,
          { number, procedureCode, deskId: desk.id },
        );
      }
      const existing = validFor(applicationId);
      if (existing) {
        const at = now().toISOString();
        add({
          number,
          applicationId,
          keyId,
          deskId: desk.id,
          officeCode: desk.officeCode,
          issuedAt: text(payload.issuedAt) ?? at,
          status: 'cancelled',
          statusAt: at,
          reason: CANCELLED_REASON,
          replacedBy: existing.number,
          legacy: false,
          legacyDuplicate: false,
          qrSha256: null,
          registeredAt: at,
        });
        numbering.registered(block, sequence);
        registry.append({
          type: 'certificate.cancelled',
          number,
          keyId,
          applicationId,
          replacedBy: existing.number,
          at,
        });
        return refusal(
          409,
          'certificate_exists',
          `Un certificat valide existe déjà pour cette demande : ${existing.number}, délivré le ${frenchDate(existing.issuedAt)} par le poste ${existing.deskId}. Le vôtre (${number}) est enregistré comme annulé.`,
          {
            existing: {
              number: existing.number,
              deskId: existing.deskId,
              issuedAt: existing.issuedAt,
            },
            recordedAs: 'cancelled',
          },
        );
      }
      return null;
    },

    /** After the portal accepted a `certificate.issued` that passed `checkIssue`. */
    registerIssued(
      desk: IssuingDesk,
      applicationId: string,
      procedureCode: string,
      payload: Record<string, unknown>,
    ): void {
      const number = String(payload.number);
      const parts = CERTIFICATE_NUMBER.exec(number);
      if (!parts) return;
      const at = now().toISOString();
      add({
        number,
        applicationId,
        keyId: String(payload.keyId),
        deskId: desk.id,
        officeCode: desk.officeCode,
        issuedAt: text(payload.issuedAt) ?? at,
        status: 'valid',
        statusAt: null,
        reason: null,
        replacedBy: null,
        legacy: false,
        legacyDuplicate: false,
        qrSha256: null,
        registeredAt: at,
      });
      const sequence = Number(parts[4]);
      const block = numbering.reserving(
        desk.id,
        desk.officeCode,
        procedureCode,
        Number(parts[2]),
        sequence,
      );
      if (block) numbering.registered(block, sequence);
    },

    /**
     * After the portal accepted a `certificate.revoked` on the v2 route: the application's valid
     * certificate of that number becomes revoked (`certificate.revoked` in the feed). A number the
     * registry does not know (issued on v1) changes nothing here.
     */
    registerRevoked(applicationId: string, payload: Record<string, unknown>): void {
      const number = String(payload.number);
      const certificate = byNumber
        .get(number)
        ?.find((item) => item.applicationId === applicationId && item.status === 'valid');
      if (!certificate) return;
      const at = now().toISOString();
      certificate.status = 'revoked';
      certificate.statusAt = at;
      certificate.reason = String(payload.reason);
      registry.append({ type: 'certificate.revoked', number, reason: certificate.reason, at });
    },

    /**
     * `POST /certificates/import`: legacy certificates of `desk`. Idempotent per number (the same
     * number and application from the same desk again is counted, not added). A number another
     * desk (or another application) already registered is kept too, and both are flagged
     * `legacyDuplicate`. Every key must be registered to the desk's office.
     */
    importLegacy(
      desk: IssuingDesk,
      certificates: readonly LegacyCertificate[],
    ): { imported: number; duplicates: { number: string; otherDesk: string }[] } | Refusal {
      for (const certificate of certificates) {
        const key = registry.key(certificate.keyId);
        if (!key || key.officeCode !== desk.officeCode) {
          return refusal(
            409,
            'key_unknown',
            `La clé ${certificate.keyId} (certificat ${certificate.number}) n'est pas inscrite au portail pour le bureau ${desk.officeCode} : inscrivez-la (legacy.keys) avant d'importer ses certificats.`,
            { keyId: certificate.keyId, number: certificate.number },
          );
        }
      }
      const at = now().toISOString();
      const duplicates: { number: string; otherDesk: string }[] = [];
      for (const certificate of certificates) {
        const existing = byNumber.get(certificate.number) ?? [];
        const mine = existing.find(
          (item) =>
            item.deskId === desk.id &&
            item.legacy &&
            item.applicationId === certificate.applicationId,
        );
        if (mine) {
          const other = existing.find((item) => item !== mine);
          if (other) duplicates.push({ number: certificate.number, otherDesk: other.deskId });
          continue;
        }
        const duplicate = existing.length > 0;
        for (const item of existing) item.legacyDuplicate = true;
        if (duplicate) {
          duplicates.push({
            number: certificate.number,
            otherDesk: (existing[0] as RegisteredCertificate).deskId,
          });
        }
        const revoked = certificate.status === 'revoked';
        add({
          number: certificate.number,
          applicationId: certificate.applicationId,
          keyId: certificate.keyId,
          deskId: desk.id,
          officeCode: desk.officeCode,
          issuedAt: certificate.issuedAt,
          status: certificate.status,
          statusAt: revoked ? at : null,
          reason: revoked ? LEGACY_REVOKED_REASON : null,
          replacedBy: null,
          legacy: true,
          legacyDuplicate: duplicate,
          qrSha256: certificate.qrSha256 ?? null,
          registeredAt: at,
        });
        if (revoked) {
          registry.append({
            type: 'certificate.revoked',
            number: certificate.number,
            reason: LEGACY_REVOKED_REASON,
            at,
          });
        }
      }
      return { imported: certificates.length, duplicates };
    },

    /** `GET /certificates/:number`. */
    lookup(number: string): Record<string, unknown> | undefined {
      const list = byNumber.get(number);
      const first = list?.[0];
      if (!list || !first) return undefined;
      return {
        number: first.number,
        status: first.status,
        deskId: first.deskId,
        applicationId: first.applicationId,
        issuedAt: first.issuedAt,
        ...(first.replacedBy ? { replacedBy: first.replacedBy } : {}),
        ...(first.status === 'revoked' ? { reason: first.reason } : {}),
        ...(first.legacy ? { legacy: true } : {}),
        ...(first.legacyDuplicate
          ? {
              legacyDuplicate: true,
              duplicates: list.slice(1).map((item) => ({
                deskId: item.deskId,
                applicationId: item.applicationId,
                issuedAt: item.issuedAt,
                status: item.status,
              })),
            }
          : {}),
      };
    },

    /** The negative statuses, for the bundle. */
    negatives(): {
      number: string;
      status: 'revoked' | 'cancelled';
      at: string;
      reason: string | null;
      replacedBy: string | null;
    }[] {
      const found = [];
      for (const list of byNumber.values()) {
        for (const item of list) {
          if (item.status === 'valid') continue;
          found.push({
            number: item.number,
            status: item.status,
            at: item.statusAt ?? item.registeredAt,
            reason: item.reason,
            replacedBy: item.replacedBy,
          });
        }
      }
      return found;
    },
  };
}
export type CertificateRegistry = ReturnType<typeof createCertificateRegistry>;
