import {
  portalApplication,
  type PortalApplication,
} from '../../../shared/portal/portalApplication';
import { officeForRegion } from '../../../shared/domain/offices';
import type { Catalog } from '../catalog/loadCatalog';

export type RecordCheck =
  | { ok: true; record: PortalApplication; officeCode: string }
  | { ok: false; reason: string; portalId: string | null };

function portalIdOf(raw: unknown): string | null {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string') {
    return raw.id.slice(0, 64);
  }
  return null;
}

/** Decides whether a raw portal record may enter the cache; the reason is written for a person. */
export function validatePortalRecord(raw: unknown, catalog: Catalog): RecordCheck {
  const parsed = portalApplication.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(enregistrement)';
    return {
      ok: false,
      portalId: portalIdOf(raw),
      reason: `champ « ${field} » : ${issue?.message ?? 'format inattendu'}`,
    };
  }
  const record = parsed.data;
  if (!catalog.get(record.procedureCode)) {
    return {
      ok: false,
      portalId: record.id,
      reason: `procédure inconnue « ${record.procedureCode} »`,
    };
  }
  const officeCode = officeForRegion(record.applicant.region);
  if (!officeCode) {
    return {
      ok: false,
      portalId: record.id,
      reason: `région inconnue « ${record.applicant.region} »`,
    };
  }
  return { ok: true, record, officeCode };
}
