import type { PortalApplication } from '../../../shared/portal/portalApplication';

/**
 * A new case's identifiers (`case_keys`, migration 028) computed from its record, as the view
 * `case_keys_source` computes them from its row. The pull's writer thread is the slow side of a
 * sync (issue 18 §4), and the view's SELECT — five branches, `json_extract`s of the stored record
 * — cost it 13 µs of each case; here the main thread, which waits on the writer, does it.
 *
 * The view stays the rule (the trigger and the bulk build read it); this follows it character for
 * character: SQLite's `trim` takes spaces only, its `upper` folds ASCII letters only, and an empty
 * value is no key. tests/unit/caseKeyRows.test.ts compares both on random and hostile records.
 */
export type CaseKeyKind = 'nif' | 'rccm' | 'id' | 'phone' | 'certificate';

const asciiUpper = (text: string) => text.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
const trimSpaces = (text: string) => text.replace(/^ +| +$/g, '');

/** migration 028's `clean`: spaces, dashes, dots, brackets and no-break spaces removed. */
function clean(text: string): string {
  return asciiUpper(trimSpaces(text).replace(/[ \-.()\u00a0]/g, ''));
}

function phoneKey(phone: string): string {
  const value = clean(phone);
  if (value.startsWith('+')) return value;
  if (value.startsWith('00')) return `+${value.slice(2)}`;
  // SQLite's length() counts characters, as a string's code points here.
  if ([...value].length === 8) return `+228${value}`;
  return value;
}

/** The keys of one case, flat as `kind, value` pairs (empty values left out). */
export function caseKeysOf(record: PortalApplication): [CaseKeyKind, string][] {
  const keys: [CaseKeyKind, string][] = [];
  const add = (kind: CaseKeyKind, value: string) => {
    if (value !== '') keys.push([kind, value]);
  };
  if (record.company) {
    add('nif', clean(record.company.nif));
    add('rccm', clean(record.company.rccm));
  }
  if (record.applicant.idNumber !== undefined) add('id', clean(record.applicant.idNumber));
  if (record.applicant.phone !== '') add('phone', phoneKey(record.applicant.phone));
  if (record.certificate) {
    add('certificate', asciiUpper(trimSpaces(record.certificate.number).replaceAll(' ', '')));
  }
  return keys;
}
