import type {
  KnownCertificate,
  PrerequisiteCheck,
  PrerequisiteState,
} from '../../../shared/api/linkedTypes';
import type { ProcedureDefinition } from '../../../shared/catalog/procedureSchema';
import type { FormValue } from '../../../shared/portal/portalApplication';
import { normaliseCertificateNumber, type CertificateLookup } from './certificateLookup';

/**
 * A certificate's state on a day: revoked (or cancelled) first, then expired once its validity
 * ends (`expiresOn` is the last valid day), else valid.
 */
export function certificateState(certificate: KnownCertificate, today: string): PrerequisiteState {
  if (certificate.revokedAt) return 'revoked';
  if (certificate.expiresOn !== null && certificate.expiresOn < today) return 'expired';
  return 'valid';
}

/**
 * Each prerequisite rule of the procedure (data: `prerequisites` in its definition), resolved
 * among the certificates Bureau knows. A number that is a certificate of another procedure is
 * not the document required: `unknown`, like a number nobody issued.
 */
export function checkPrerequisites(
  procedure: ProcedureDefinition,
  form: Record<string, FormValue>,
  lookup: Pick<CertificateLookup, 'find'>,
  today: string,
): PrerequisiteCheck[] {
  return (procedure.prerequisites ?? []).map((rule) => {
    const value = form[rule.field];
    const cited = typeof value === 'string' && value.trim() !== '' ? value : null;
    const base = {
      field: rule.field,
      checklistItem: rule.checklistItem,
      procedureCode: rule.procedureCode,
      label: rule.label,
      cited,
    };
    if (cited === null) return { ...base, state: 'not_given', certificate: null };
    const found = lookup.find(normaliseCertificateNumber(cited));
    if (!found || found.procedureCode !== rule.procedureCode) {
      return { ...base, state: 'unknown', certificate: null };
    }
    return { ...base, state: certificateState(found, today), certificate: found };
  });
}
