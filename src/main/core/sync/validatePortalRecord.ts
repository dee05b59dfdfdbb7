import {
  portalApplication,
  type PortalApplication,
} from '../../../shared/portal/portalApplication';
import {
  describeRecordIssue,
  fieldLabel,
  frenchIssues,
} from '../../../shared/portal/describeIssue';
import { officeForRegion } from '../../../shared/domain/offices';
import type { Catalog } from '../catalog/loadCatalog';
import { exceedsShape } from './boundedJson';

export type RecordCheck =
  | { ok: true; record: PortalApplication; officeCode: string }
  | { ok: false; reason: string; portalId: string | null };

/** The id a refused item claims, as text safe to show (it may be anything, `../..` included). */
export function portalIdOf(raw: unknown): string | null {
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'id' in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === 'string' && id.length > 0) {
      // eslint-disable-next-line no-control-regex -- control characters are what is masked
      return id.slice(0, 64).replace(/[\u0000-\u001f\u007f]/g, '?');
    }
  }
  return null;
}

/**
 * A real record nests 4 levels (record → documents → document → field) and holds a few hundred
 * values and a few kilobytes of text; these bounds leave room for fields a portal may add.
 */
const MAX_RECORD_DEPTH = 12;
const MAX_RECORD_NODES = 20_000;
const MAX_RECORD_TEXT = 512 * 1024;

/** Submissions start with the portal; nothing can be filed more than a day ahead of our clock. */
const EARLIEST_SUBMISSION = '2000-01-01T00:00:00Z';
const CLOCK_SLACK_MS = 86_400_000;
const EARLIEST_BIRTH_DATE = '1900-01-01';

function impossibleDate(
  record: PortalApplication,
  now: Date,
): { field: string; reason: string } | null {
  const latest = now.getTime() + CLOCK_SLACK_MS;
  const earliest = Date.parse(EARLIEST_SUBMISSION);
  for (const field of ['submittedAt', 'updatedAt'] as const) {
    const at = Date.parse(record[field]);
    if (!(at >= earliest)) return { field, reason: 'date antérieure à 2000, impossible' };
    if (at > latest) return { field, reason: 'date dans le futur, impossible' };
  }
  const birthDate = record.applicant.birthDate;
  if (birthDate !== undefined) {
    const today = now.toISOString().slice(0, 10);
    if (birthDate < EARLIEST_BIRTH_DATE) {
      return { field: 'applicant.birthDate', reason: 'date antérieure à 1900, impossible' };
    }
    if (birthDate > today) {
      return { field: 'applicant.birthDate', reason: 'date dans le futur, impossible' };
    }
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

/**
 * Decides whether a raw portal record may enter the cache; the reason is one French phrase for a
 * person. Never throws and never recurses on the raw value, whatever its shape.
 */
export function validatePortalRecord(
  raw: unknown,
  catalog: Catalog,
  now: Date = new Date(),
): RecordCheck {
  if (exceedsShape(raw, MAX_RECORD_DEPTH, MAX_RECORD_NODES, MAX_RECORD_TEXT)) {
    return {
      ok: false,
      portalId: portalIdOf(raw),
      reason: `enregistrement trop imbriqué ou trop volumineux (plus de ${MAX_RECORD_DEPTH} niveaux, ${MAX_RECORD_NODES} valeurs ou ${MAX_RECORD_TEXT / 1024} Kio de texte)`,
    };
  }
  const badEncoding = mayHaveBadEncoding(raw) ? findBadEncoding(raw, '') : null;
  if (badEncoding) {
    return {
      ok: false,
      portalId: portalIdOf(raw),
      reason: `encodage invalide dans « ${badEncoding.replace(/^\./, '')} » (caractères abîmés en route)`,
    };
  }
  const parsed = portalApplication.safeParse(raw, { error: frenchIssues });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      portalId: portalIdOf(raw),
      reason: issue ? describeRecordIssue(issue) : 'format inattendu',
    };
  }
  const record = parsed.data;
  const badDate = impossibleDate(record, now);
  if (badDate) {
    return {
      ok: false,
      portalId: record.id,
      reason: `${fieldLabel(badDate.field.split('.'))} : ${badDate.reason} (« ${badDate.field === 'applicant.birthDate' ? record.applicant.birthDate : record[badDate.field as 'submittedAt']} »)`,
    };
  }
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
