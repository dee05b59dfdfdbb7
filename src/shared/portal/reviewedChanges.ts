import {
  procedureFields,
  type FieldDefinition,
  type ProcedureDefinition,
} from '../catalog/procedureSchema';
import type { CaseStatus } from '../domain/caseStatus';
import type { PortalApplication, PortalDocument } from './portalApplication';

/**
 * What the portal changed in the data a clerk reviewed (applicant, company, form, documents),
 * field path by field path. A case decided here and then changed on the portal must not reach its
 * certificate unseen (issue 13): the change is written in the history, and while the case can
 * still get a certificate, issuing and sign-off wait until a person confirms having checked it.
 * Pure: used by the pull (detection), the state machine's reasons and the case screen.
 */

/** Statuses in which a decision has been taken on the data as it then stood. */
export const DECIDED_STATUSES: readonly CaseStatus[] = [
  'pending_signoff',
  'approved',
  'issued',
  'rejected',
];

/** Decided statuses that can still lead to a certificate: a change there waits for a person. */
export const CONFIRMATION_STATUSES: readonly CaseStatus[] = ['pending_signoff', 'approved'];

/** A document as the change names it: enough to tell which file, without its bytes. */
export interface DocumentRef {
  code: string;
  fileName: string;
  sha256: string;
}

export type ReviewedValue = string | number | boolean | null | DocumentRef;

/**
 * One changed value. `path` is `applicant.<key>`, `company.<key>`, `form.<fieldId>` or
 * `documents.<documentId>`; `null` stands for « absent ».
 */
export interface ReviewedChange {
  path: string;
  from: ReviewedValue;
  to: ReviewedValue;
}

export interface ReviewedDiff {
  changes: ReviewedChange[];
  /** Changes left out beyond MAX_REVIEWED_CHANGES (the history line stays bounded). */
  omitted: number;
}

/** Changes the portal made after the decision, waiting for a person's confirmation. */
export interface UnconfirmedPortalChanges extends ReviewedDiff {
  /** When the portal made the latest of them (its `updatedAt`). */
  detectedAt: string;
  /** The portal version that carried the latest of them. */
  version: number;
}

export const MAX_REVIEWED_CHANGES = 20;
/** Longer texts are cut: a history line holds what changed, not whole letters. */
const MAX_TEXT_LENGTH = 200;

const APPLICANT_KEYS = [
  'firstName',
  'lastName',
  'gender',
  'birthDate',
  'idNumber',
  'phone',
  'email',
  'region',
  'city',
  'address',
];
const COMPANY_KEYS = ['name', 'legalForm', 'nif', 'rccm'];

function bounded(value: unknown): ReviewedValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  // Unknown fields a portal may add are kept by Bureau; an object among them is shown as text.
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH - 1)}…` : text;
}

/** Known keys first in their usual order, then any other key, each once. */
function keysOf(known: readonly string[], ...records: (Record<string, unknown> | null)[]) {
  const keys = new Set(known);
  for (const record of records) for (const key of Object.keys(record ?? {})) keys.add(key);
  return [...keys];
}

function compareRecords(
  prefix: string,
  known: readonly string[],
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  out: ReviewedChange[],
): void {
  for (const key of keysOf(known, before, after)) {
    const from = before?.[key];
    const to = after?.[key];
    if (JSON.stringify(from ?? null) === JSON.stringify(to ?? null)) continue;
    out.push({ path: `${prefix}.${key}`, from: bounded(from), to: bounded(to) });
  }
}

const documentRef = (document: PortalDocument): DocumentRef => ({
  code: document.code,
  fileName: bounded(document.fileName) as string,
  sha256: document.sha256,
});

function compareDocuments(
  before: readonly PortalDocument[],
  after: readonly PortalDocument[],
  out: ReviewedChange[],
): void {
  const previous = new Map(before.map((document) => [document.id, document]));
  const current = new Set(after.map((document) => document.id));
  for (const document of after) {
    const old = previous.get(document.id);
    if (old && JSON.stringify(old) === JSON.stringify(document)) continue;
    out.push({
      path: `documents.${document.id}`,
      from: old ? documentRef(old) : null,
      to: documentRef(document),
    });
  }
  for (const document of before) {
    if (current.has(document.id)) continue;
    out.push({ path: `documents.${document.id}`, from: documentRef(document), to: null });
  }
}

/**
 * The reviewed data `after` changes from `before`, in a stable order (applicant, company, form,
 * documents). The portal's bookkeeping (version, updatedAt, appliedEvents) and the status are not
 * reviewed data and are ignored.
 */
export function reviewedChanges(before: PortalApplication, after: PortalApplication): ReviewedDiff {
  const all: ReviewedChange[] = [];
  compareRecords('applicant', APPLICANT_KEYS, before.applicant, after.applicant, all);
  compareRecords('company', COMPANY_KEYS, before.company, after.company, all);
  compareRecords('form', Object.keys(before.form), before.form, after.form, all);
  compareDocuments(before.documents, after.documents, all);
  return {
    changes: all.slice(0, MAX_REVIEWED_CHANGES),
    omitted: Math.max(0, all.length - MAX_REVIEWED_CHANGES),
  };
}

const sameValue = (a: ReviewedValue, b: ReviewedValue) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Adds newly detected changes to those still waiting: per path, the value the decision saw stays
 * the « from » and the newest value becomes the « to »; a value changed back to what the decision
 * saw is no change. Null when nothing is left to confirm.
 */
export function accumulatePortalChanges(
  waiting: UnconfirmedPortalChanges | null,
  detected: ReviewedDiff,
  at: { detectedAt: string; version: number },
): UnconfirmedPortalChanges | null {
  const byPath = new Map<string, ReviewedChange>();
  for (const change of waiting?.changes ?? []) byPath.set(change.path, change);
  for (const change of detected.changes) {
    const earlier = byPath.get(change.path);
    byPath.set(change.path, earlier ? { ...change, from: earlier.from } : change);
  }
  const merged = [...byPath.values()].filter((change) => !sameValue(change.from, change.to));
  const omitted =
    (waiting?.omitted ?? 0) + detected.omitted + Math.max(0, merged.length - MAX_REVIEWED_CHANGES);
  if (merged.length === 0 && omitted === 0) return null;
  return { ...at, changes: merged.slice(0, MAX_REVIEWED_CHANGES), omitted };
}

// — Describing changes for people —

export type ChangeLanguage = 'fr' | 'en';

const LABELS: Record<string, { fr: string; en: string }> = {
  'applicant.firstName': { fr: 'prénom', en: 'first name' },
  'applicant.lastName': { fr: 'nom de famille', en: 'surname' },
  'applicant.gender': { fr: 'sexe', en: 'sex' },
  'applicant.birthDate': { fr: 'date de naissance', en: 'date of birth' },
  'applicant.idNumber': { fr: 'numéro de pièce d’identité', en: 'ID number' },
  'applicant.phone': { fr: 'téléphone', en: 'phone' },
  'applicant.email': { fr: 'courriel', en: 'email' },
  'applicant.region': { fr: 'région', en: 'region' },
  'applicant.city': { fr: 'ville', en: 'town' },
  'applicant.address': { fr: 'adresse', en: 'address' },
  'company.name': { fr: 'raison sociale', en: 'company name' },
  'company.legalForm': { fr: 'forme juridique', en: 'legal form' },
  'company.nif': { fr: 'NIF', en: 'tax number (NIF)' },
  'company.rccm': { fr: 'RCCM', en: 'RCCM number' },
};

const WORDS = {
  fr: {
    open: '« ',
    close: ' »',
    empty: 'vide',
    yes: 'oui',
    no: 'non',
    F: 'femme',
    M: 'homme',
    document: 'pièce',
    added: 'ajoutée',
    removed: 'retirée',
    replaced: 'remplacée',
    colon: ' : ',
    separator: ' ; ',
    more: (count: number) =>
      count === 1 ? 'et 1 autre modification' : `et ${count} autres modifications`,
  },
  en: {
    open: '“',
    close: '”',
    empty: 'empty',
    yes: 'yes',
    no: 'no',
    F: 'female',
    M: 'male',
    document: 'document',
    added: 'added',
    removed: 'removed',
    replaced: 'replaced',
    colon: ': ',
    separator: '; ',
    more: (count: number) => (count === 1 ? 'and 1 other change' : `and ${count} other changes`),
  },
} as const;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function fieldOf(procedure: ProcedureDefinition | undefined, path: string) {
  if (!procedure || !path.startsWith('form.')) return undefined;
  const id = path.slice('form.'.length);
  return procedureFields(procedure).find((field) => field.id === id);
}

function valueText(
  value: Exclude<ReviewedValue, DocumentRef>,
  path: string,
  field: FieldDefinition | undefined,
  language: ChangeLanguage,
): string {
  const words = WORDS[language];
  if (value === null || value === '') return words.empty;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  const quote = (text: string) => `${words.open}${text}${words.close}`;
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  if (typeof value === 'number') {
    const number = new Intl.NumberFormat(locale).format(value);
    if (field?.type === 'amount') return `${number} FCFA`;
    const unit = field?.type === 'number' ? field.unit?.[language] : undefined;
    return unit ? `${number} ${unit}` : number;
  }
  if (path === 'applicant.gender' && (value === 'F' || value === 'M')) return words[value];
  if (field?.type === 'select') {
    const option = field.options.find((candidate) => candidate.value === value);
    if (option) return quote(option.label[language]);
  }
  const day = ISO_DAY.exec(value);
  if (day && (field?.type === 'date' || path === 'applicant.birthDate')) {
    return `${day[3]}/${day[2]}/${day[1]}`;
  }
  return quote(value);
}

function isDocument(value: ReviewedValue): value is DocumentRef {
  return typeof value === 'object' && value !== null;
}

/** One change in words: `nom de famille « Amouzou » → « Amouzou-Lawson »`. */
export function describeReviewedChange(
  change: ReviewedChange,
  procedure: ProcedureDefinition | undefined,
  language: ChangeLanguage,
): string {
  const words = WORDS[language];
  const quote = (text: string) => `${words.open}${text}${words.close}`;
  if (change.path.startsWith('documents.')) {
    const ref = isDocument(change.to) ? change.to : isDocument(change.from) ? change.from : null;
    const code = ref?.code ?? change.path.slice('documents.'.length);
    const label = procedure?.documents.find((document) => document.code === code)?.label[language];
    const what = `${words.document} ${quote(label ?? code)}`;
    const file = (value: ReviewedValue) => (isDocument(value) ? quote(value.fileName) : '—');
    if (change.from === null) return `${what} ${words.added}${words.colon}${file(change.to)}`;
    if (change.to === null) return `${what} ${words.removed}${words.colon}${file(change.from)}`;
    return `${what} ${words.replaced}${words.colon}${file(change.from)} → ${file(change.to)}`;
  }
  const field = fieldOf(procedure, change.path);
  const label =
    field?.label[language] ??
    LABELS[change.path]?.[language] ??
    change.path.slice(change.path.indexOf('.') + 1);
  const text = (value: ReviewedValue) =>
    isDocument(value) ? quote(value.fileName) : valueText(value, change.path, field, language);
  return `${label} ${text(change.from)} → ${text(change.to)}`;
}

/** Several changes in one sentence fragment, the first `max` spelled out, the rest counted. */
export function describeReviewedChanges(
  diff: ReviewedDiff,
  procedure: ProcedureDefinition | undefined,
  language: ChangeLanguage,
  max = 5,
): string {
  const words = WORDS[language];
  const shown = diff.changes
    .slice(0, max)
    .map((change) => describeReviewedChange(change, procedure, language));
  const rest = diff.changes.length - shown.length + diff.omitted;
  if (rest > 0) shown.push(words.more(rest));
  return shown.join(words.separator);
}
