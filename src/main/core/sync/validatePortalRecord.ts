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

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REPLACEMENT_CHARACTER = '\uFFFD';
const MAX_DEPTH = 8;

/**
 * Finds text that was damaged on the way: invalid UTF-8 bytes (decoded as U+FFFD) or lone UTF-16
 * surrogates (`"\ud800"` in the JSON). Such text would print as garbage on a certificate, so the
 * record waits in quarantine rather than entering the cache. Returns the path of the first one.
 */
function findBadEncoding(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') {
    if (value.includes(REPLACEMENT_CHARACTER)) return `${path} (octets UTF-8 invalides)`;
    if (LONE_SURROGATE.test(value)) return `${path} (caractère UTF-16 isolé)`;
    return null;
  }
  if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  for (const [key, child] of Object.entries(value)) {
    const found =
      findBadEncoding(key, `${path}.(clé)`, depth + 1) ??
      findBadEncoding(child, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Any surrogate or U+FFFD: the only characters findBadEncoding can object to. */
const SUSPECT = /[\uD800-\uDFFF\uFFFD]/;

/**
 * The cheap first pass over the same strings as findBadEncoding (keys and values, same depth
 * bound), without building paths: nearly every record is clean, and this costs a third of the
 * full walk. Only a record it flags is walked again for the exact path and kind of damage.
 */
function mayHaveBadEncoding(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return SUSPECT.test(value);
  if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const child of value) if (mayHaveBadEncoding(child, depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (SUSPECT.test(key)) return true;
    if (mayHaveBadEncoding((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** Decides whether a raw portal record may enter the cache; the reason is written for a person. */
export function validatePortalRecord(raw: unknown, catalog: Catalog): RecordCheck {
  const badEncoding = mayHaveBadEncoding(raw) ? findBadEncoding(raw, '') : null;
  if (badEncoding) {
    return {
      ok: false,
      portalId: portalIdOf(raw),
      reason: `encodage invalide dans « ${badEncoding.replace(/^\./, '')} »`,
    };
  }
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
