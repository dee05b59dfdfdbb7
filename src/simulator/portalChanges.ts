import {
  procedureFields,
  type FieldDefinition,
  type ProcedureDefinition,
} from '../shared/catalog/procedureSchema';
import { validateForm } from '../shared/catalog/validateForm';
import { isOpenStatus } from '../shared/domain/caseStatus';
import type {
  FormValue,
  PortalApplication,
  PortalDocument,
} from '../shared/portal/portalApplication';
import { EXTENSIONS, type AttachmentPool } from './attachments';
import { renderRecordDocument } from './recordDocuments';
import type { InfoRequest, PortalChange, PortalStore } from './portalStore';
import { createRandom, hashString } from './random';
import { referenceData } from './referenceData';

/**
 * Things that happen on the portal side while Bureau works offline: the applicant withdraws,
 * answers a request for information (status back to in_review, with the documents and corrected
 * fields the clerk asked for), the portal re-routes the case to another region, or the applicant's
 * surname changes (a marriage, a corrected civil-status record), whatever the case's status.
 * Used by `POST /__sim/changes` and by a background ticker.
 */

export const CHANGE_KINDS = ['withdraw', 'reply', 'request_info', 'reroute', 'rename'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const REROUTE: Record<string, { region: string; city: string }> = {
  'Grand Lomé': { region: 'Kara', city: 'Kara' },
  default: { region: 'Grand Lomé', city: 'Lomé' },
};

/** What the applicant's reply needs to answer a clerk's request realistically. */
export interface ReplyContext {
  /** The pending request (an accepted `info.requested`), if any. */
  request?: InfoRequest | undefined;
  procedure?: ProcedureDefinition | undefined;
  attachments?: AttachmentPool | undefined;
  /** The day of the reply (YYYY-MM-DD), for date rules such as « not in the past ». */
  today?: string;
}

const MAX_DOCUMENTS = 50;
const DAY_MS = 86_400_000;
const COUNTRIES = ['TG', 'BJ', 'GH', 'CI', 'BF', 'NG', 'FR', 'CN'];

/** `CIE-2025-004512` → `CIE-2025-004513`: the kind of typo an applicant corrects. */
function bumpLastDigit(value: string): string | null {
  const match = /(\d)(\D*)$/.exec(value);
  if (!match) return null;
  const digit = (Number(match[1]) + 1) % 10;
  return `${value.slice(0, match.index)}${digit}${match[2]}`;
}

function shiftDate(value: string, days: number): string | null {
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? null : new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}

/** Plausible corrections of one field, most natural first; the caller keeps the first valid one. */
function candidates(
  field: FieldDefinition,
  value: FormValue | undefined,
  current: PortalApplication,
  today: string,
): FormValue[] {
  const text = typeof value === 'string' && value.trim() !== '' ? value : null;
  const number = typeof value === 'number' ? value : null;
  const out: (FormValue | null)[] = [];
  switch (field.type) {
    case 'text':
      if (text) out.push(bumpLastDigit(text), `${text} (corrigé)`, `${text}.`);
      else out.push('Complété par le demandeur', 'Complété', '1');
      break;
    case 'longText': {
      const suffix = ' — Précisé par le demandeur.';
      const base = text ?? 'Complété par le demandeur.';
      const max = field.maxLength ?? 5000;
      out.push(`${base.slice(0, Math.max(0, max - suffix.length))}${suffix}`);
      break;
    }
    case 'number':
      if (number === null) out.push(field.min ?? 1, 1);
      else if (field.integer) out.push(number + 1, number - 1);
      else out.push(Math.round(number * 105) / 100, number + 1, number - 1);
      break;
    case 'amount':
      if (number === null) out.push(field.min ?? 100_000, 100_000);
      else out.push(number + 1000, number - 1000, number + 1, number - 1);
      break;
    case 'date':
      if (text) out.push(shiftDate(text, 1), shiftDate(text, -1), shiftDate(text, 7));
      else out.push(today);
      break;
    case 'select': {
      const values = field.options.map((option) => option.value);
      const at = text ? values.indexOf(text) : -1;
      for (let i = 1; i <= values.length; i++) out.push(values[(at + i) % values.length] ?? null);
      break;
    }
    case 'boolean':
      out.push(typeof value === 'boolean' ? !value : true);
      break;
    case 'email': {
      const [local, domain] = (text ?? current.applicant.email).split('@');
      out.push(bumpLastDigit(local ?? '') ? `${bumpLastDigit(local ?? '')}@${domain}` : null);
      out.push(`${local}2@${domain}`);
      break;
    }
    case 'phone':
      out.push(bumpLastDigit(text ?? current.applicant.phone));
      break;
    case 'nif':
      out.push(bumpLastDigit(text ?? current.company?.nif ?? '1000000000'));
      break;
    case 'rccm':
      out.push(bumpLastDigit(text ?? current.company?.rccm ?? 'TG-LFW-01-2020-B12-00001'));
      break;
    case 'hsCode':
      out.push(bumpLastDigit(text ?? '100630'));
      break;
    case 'country':
      out.push(...COUNTRIES.filter((code) => code !== text));
      break;
  }
  return out.filter((candidate): candidate is FormValue => candidate !== null);
}

/** A corrected value that passes the procedure's rules for that field (or nothing, if none does). */
function correctedValue(
  procedure: ProcedureDefinition,
  field: FieldDefinition,
  current: PortalApplication,
  today: string,
): FormValue | undefined {
  const value = Object.hasOwn(current.form, field.id) ? current.form[field.id] : undefined;
  const submittedDay = current.submittedAt.slice(0, 10);
  const options = candidates(field, value, current, today).filter(
    (candidate) => JSON.stringify(candidate) !== JSON.stringify(value),
  );
  const valid = (candidate: FormValue, day: string) =>
    !validateForm(procedure, { ...current.form, [field.id]: candidate }, day).some(
      (issue) => issue.fieldId === field.id && issue.severity === 'error',
    );
  return (
    options.find((candidate) => valid(candidate, today)) ??
    options.find((candidate) => valid(candidate, submittedDay))
  );
}

/** New files for the requested document codes, from the pool that serves document content. */
function newDocuments(
  current: PortalApplication,
  codes: readonly string[],
  procedure: ProcedureDefinition,
  pool: AttachmentPool,
): PortalDocument[] {
  const prefix = `doc-${current.id.replace(/^app-/, '')}-`;
  let next =
    Math.max(
      0,
      ...current.documents.map((document) => Number(/-(\d+)$/.exec(document.id)?.[1] ?? 0)),
    ) + 1;
  const random = createRandom(current.version * 7919 + next);
  const added: PortalDocument[] = [];
  for (const code of codes) {
    if (current.documents.length + added.length >= MAX_DOCUMENTS) break;
    const requirement = procedure.documents.find((document) => document.code === code);
    if (!requirement) continue;
    const spec = {
      procedureCode: procedure.code,
      procedureTitle: procedure.title.fr,
      documentCode: code,
      documentLabel: requirement.label.fr,
      mimeTypes: requirement.mimeTypes,
    };
    // Another file than the one already attached for that code, when the pool has one.
    const known = new Set(current.documents.map((document) => document.sha256));
    const start = random.int(0, pool.variants - 1);
    let body = pool.get(spec, start);
    for (let i = 1; i < pool.variants && known.has(body.sha256); i++) {
      body = pool.get(spec, start + i);
    }
    // A PDF is the applicant's own, written from the record it answers for (the store writes
    // it again from the same record when it is downloaded): it agrees with the form.
    if (body.mimeType === 'application/pdf') {
      body = {
        mimeType: body.mimeType,
        ...renderRecordDocument(current, procedure, code, requirement.label.fr, true),
      };
    }
    added.push({
      id: `${prefix}${next++}`,
      code,
      fileName: `${code.toLowerCase().replaceAll('_', '-')}-complement.${EXTENSIONS[body.mimeType]}`,
      mimeType: body.mimeType,
      size: body.size,
      sha256: body.sha256,
    });
  }
  return added;
}

/** The applicant's answer: the requested files and corrected fields, or a corrected address. */
function replyTo(current: PortalApplication, context: ReplyContext): PortalChange {
  const { request, procedure, attachments } = context;
  const today = context.today ?? new Date().toISOString().slice(0, 10);
  const change: PortalChange = { status: 'in_review' };
  if (request && procedure) {
    const fields = procedureFields(procedure);
    const form: PortalApplication['form'] = {};
    for (const fieldId of request.fieldsToCorrect) {
      const field = fields.find((candidate) => candidate.id === fieldId);
      const corrected = field && correctedValue(procedure, field, current, today);
      if (corrected !== undefined) form[fieldId] = corrected;
    }
    if (Object.keys(form).length > 0) change.form = form;
    if (attachments && request.missingDocuments.length > 0) {
      // The files agree with the form as corrected by the same reply.
      const answered = { ...current, form: { ...current.form, ...change.form } };
      const documents = newDocuments(answered, request.missingDocuments, procedure, attachments);
      if (documents.length > 0) change.newDocuments = documents;
    }
    if (change.form || change.newDocuments) return change;
  }
  return {
    ...change,
    applicant: { address: `${current.applicant.address.slice(0, 270)} (adresse corrigée)` },
  };
}

const MAX_NAME_LENGTH = 100;

/**
 * The applicant's new surname: a second family name joined with a hyphen, as Togolese married
 * names often are (« Amouzou » → « Amouzou-Lawson »). Deterministic for a record and its version.
 */
export function renamedLastName(current: PortalApplication): string {
  const lastName = current.applicant.lastName;
  const simple = referenceData.familyNames.filter(
    (name) => !name.includes('-') && !lastName.includes(name),
  );
  const random = createRandom(hashString(current.id) ^ current.version);
  const second = random.pick(simple.length > 0 ? simple : referenceData.familyNames);
  const joined = `${lastName}-${second}`;
  return joined.length <= MAX_NAME_LENGTH ? joined : second;
}

export function changeFor(
  kind: ChangeKind,
  current: PortalApplication,
  context: ReplyContext = {},
): PortalChange {
  switch (kind) {
    case 'withdraw':
      return { status: 'withdrawn' };
    case 'request_info':
      // Stands in for another office of the administration asking, in a world with several clients.
      return { status: 'info_requested' };
    case 'reply':
      return replyTo(current, context);
    case 'reroute':
      return { applicant: REROUTE[current.applicant.region] ?? REROUTE.default };
    case 'rename':
      return { applicant: { lastName: renamedLastName(current) } };
  }
}

/** The change of `kind` for a record of `store`, with what the store knows of pending requests. */
export function storeChangeFor(
  store: PortalStore,
  kind: ChangeKind,
  current: PortalApplication,
  now: Date,
): PortalChange {
  return changeFor(kind, current, {
    request: store.pendingInfoRequest(current.id),
    procedure: store.procedure(current.procedureCode),
    attachments: store.attachments,
    today: now.toISOString().slice(0, 10),
  });
}

/** Checks `{ id, kind }` from the admin route; returns a French reason when invalid. */
export function describeChangeRequest(body: unknown): { id: string; kind: ChangeKind } | string {
  const { id, kind } = (body ?? {}) as { id?: unknown; kind?: unknown };
  if (typeof id !== 'string') return 'id (identifiant de la demande) manquant.';
  if (typeof kind !== 'string' || !(CHANGE_KINDS as readonly string[]).includes(kind)) {
    return `kind doit être l'un de : ${CHANGE_KINDS.join(', ')}.`;
  }
  return { id, kind: kind as ChangeKind };
}

/** Random withdrawals and replies over open applications, at about `perMinute`. */
export function createChangeTicker(
  store: PortalStore,
  seed: number,
  perMinute: number,
  now: () => Date = () => new Date(),
) {
  const random = createRandom(seed ^ 0x5eed);
  const timer = setInterval(
    () => {
      const head = store.page(Math.max(0, store.headSeq - 500), 500).items;
      const open = head.filter((record) => isOpenStatus(record.status));
      if (open.length === 0) return;
      const record = random.pick(open);
      const kind: ChangeKind =
        record.status === 'info_requested'
          ? 'reply'
          : random.pick(['withdraw', 'request_info'] as const);
      store.applyPortalChange(record.id, storeChangeFor(store, kind, record, now()));
    },
    Math.max(20, 60_000 / perMinute),
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
