import type { ProcedureDefinition } from '../shared/catalog/procedureSchema';
import { procedureFields } from '../shared/catalog/procedureSchema';
import type { CaseStatus } from '../shared/domain/caseStatus';
import {
  isPortalEventKind,
  portalStatusAfter,
  type PortalEventKind,
} from '../shared/portal/portalEventKinds';
import type { PortalApplication } from '../shared/portal/portalApplication';
import type { InfoRequest, PortalStore } from './portalStore';
import { errorReply, jsonReply, type SimReply } from './router';

/**
 * Actions Bureau reports to the portal (`POST /api/v1/applications/:id/events`), kept like a real
 * server would: each `Idempotency-Key` is applied once and its first final answer is replayed to
 * any retry, so a client that lost the answer can safely send the same request again.
 *
 * An accepted event is applied to the portal's copy of the case: when it changes the status
 * (`portalStatusAfter`) or the portal's assignment (claim, release, assignment), the record gets
 * a new version, `updatedAt` and feed position, and lists the event in `appliedEvents`. An event
 * the case's current status does not allow is refused with 409 and a French reason.
 */

export interface PortalEvent {
  /** Order of arrival on the portal, across all applications. */
  sequence: number;
  idempotencyKey: string;
  applicationId: string;
  kind: PortalEventKind;
  payload: Record<string, unknown>;
  occurredAt: string;
  receivedAt: string;
  /** The record's version before and after the event (equal when it changed nothing). */
  previousVersion: number;
  version: number;
  /** Sent on the v2 route (`POST /api/v2/applications/:id/events`): who sent it and its extras. */
  v2?: SubmitV2Extras;
}

/** What the v2 route adds to an event: stored, not enforced yet (design multi-desk §3.8). */
export interface SubmitV2Extras {
  deskId: string;
  expectedVersion: number | null;
  actor: { id: string; displayName: string } | null;
  provisional: boolean | null;
}

/**
 * The v2 route's additions to the one apply path: `guard` runs once the body is valid, before the
 * status rules (a refusal it answers is kept for the idempotency key like any other answer);
 * `applied` runs after the event was accepted.
 */
export interface SubmitHooks {
  guard?(
    record: PortalApplication,
    kind: PortalEventKind,
    payload: Record<string, unknown>,
  ): SimReply | null;
  /** `record` as it was before the event, `after` as the event left it. */
  applied?(
    record: PortalApplication,
    kind: PortalEventKind,
    payload: Record<string, unknown>,
    after: PortalApplication,
  ): void;
  v2?: SubmitV2Extras;
}

interface StoredAnswer {
  fingerprint: string;
  reply: SimReply;
}

const KEY_PATTERN = /^[A-Za-z0-9-]{8,128}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_COMMENT = 2000;
const MAX_LIST = 50;

const OPEN: readonly CaseStatus[] = ['submitted', 'in_review', 'info_requested', 'pending_signoff'];

/** The statuses from which the portal accepts each kind of event. */
const ALLOWED_FROM: Record<PortalEventKind, readonly CaseStatus[]> = {
  // Internal notes stay possible after a decision; a withdrawn application is closed to everything.
  'note.added': [
    'submitted',
    'in_review',
    'info_requested',
    'pending_signoff',
    'approved',
    'issued',
    'rejected',
  ],
  'case.claimed': OPEN,
  'case.released': OPEN,
  'case.assigned': OPEN,
  'info.requested': ['submitted', 'in_review'],
  'signoff.requested': ['submitted', 'in_review'],
  'signoff.returned': ['pending_signoff'],
  'decision.approved': ['submitted', 'in_review', 'pending_signoff'],
  // Also for an applicant who never answered a request for information.
  'decision.rejected': ['submitted', 'in_review', 'info_requested', 'pending_signoff'],
  'certificate.issued': ['approved'],
  'certificate.revoked': ['issued'],
  // A person of the office marked the case as a duplicate of another: it changes no status.
  'case.duplicate_marked': OPEN,
};

/** Kinds that change who holds the case on the portal: a new version even without a new status. */
const ASSIGNMENT_KINDS: readonly PortalEventKind[] = [
  'case.claimed',
  'case.released',
  'case.assigned',
];

const KIND_LABEL: Record<PortalEventKind, string> = {
  'note.added': 'ajout d’une note',
  'case.claimed': 'prise en charge',
  'case.released': 'libération du dossier',
  'case.assigned': 'affectation',
  'info.requested': 'demande de complément',
  'signoff.requested': 'demande de validation',
  'signoff.returned': 'renvoi en instruction',
  'decision.approved': 'approbation',
  'decision.rejected': 'rejet',
  'certificate.issued': 'délivrance du certificat',
  'certificate.revoked': 'révocation du certificat',
  'case.duplicate_marked': 'marque de doublon',
};

const STATUS_LABEL: Record<CaseStatus, string> = {
  submitted: 'déposée',
  in_review: 'en instruction',
  info_requested: 'en attente de la réponse du demandeur',
  pending_signoff: 'en attente de validation',
  approved: 'approuvée',
  issued: 'délivrée',
  rejected: 'rejetée',
  withdrawn: 'retirée',
};

function invalid(message: string): SimReply {
  return errorReply(422, 'validation_failed', message);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= max;

/** `{ id, displayName }` of a person; returns the French problem or null. */
function checkPerson(value: unknown, name: string): string | null {
  if (!isObject(value) || !isText(value.id, 64) || !isText(value.displayName, 200)) {
    return `${name} doit être une personne { id, displayName }.`;
  }
  return null;
}

function checkComment(value: unknown, name: string, required: boolean): string | null {
  if (value === undefined && !required) return null;
  if (typeof value !== 'string' || value.length > MAX_COMMENT) {
    return `${name} doit être un texte de ${required ? 1 : 0} à ${MAX_COMMENT} caractères.`;
  }
  if (required && value.trim() === '') {
    return `${name} est obligatoire (1 à ${MAX_COMMENT} caractères).`;
  }
  return null;
}

/** A list of codes, each one of `known`; `unknown` starts the French message for a stranger. */
function checkCodes(
  value: unknown,
  name: string,
  known: readonly string[],
  unknown: string,
  minimum = 0,
): string | null {
  if (!Array.isArray(value) || value.length > MAX_LIST) {
    return `${name} doit être une liste (au plus ${MAX_LIST} éléments).`;
  }
  if (value.length < minimum) return `${name} doit contenir au moins ${minimum} élément.`;
  for (const item of value) {
    if (typeof item !== 'string' || !known.includes(item)) {
      return `${unknown} pour cette procédure : « ${String(item).slice(0, 64)} ».`;
    }
  }
  return null;
}

/** The payload essentials of each kind; returns the first French problem, or null. */
function checkPayload(
  kind: PortalEventKind,
  payload: Record<string, unknown>,
  procedure: ProcedureDefinition | undefined,
  exists: (applicationId: string) => boolean,
): string | null {
  const first = (...problems: (string | null)[]) => problems.find((p) => p !== null) ?? null;
  switch (kind) {
    case 'note.added': {
      const text = payload.body;
      if (typeof text !== 'string' || text.trim() === '' || text.length > 10_000) {
        return 'Une note doit contenir de 1 à 10 000 caractères.';
      }
      return checkPerson(payload.author, 'author');
    }
    case 'case.claimed':
      return first(
        checkPerson(payload.by, 'by'),
        payload.takenOverFrom === undefined
          ? null
          : checkPerson(payload.takenOverFrom, 'takenOverFrom'),
      );
    case 'case.released':
      return checkPerson(payload.by, 'by');
    case 'case.assigned':
      return first(
        payload.assignee === null ? null : checkPerson(payload.assignee, 'assignee (ou null)'),
        checkPerson(payload.by, 'by'),
      );
    case 'info.requested':
      return first(
        checkComment(payload.message, 'Le message au demandeur (message)', true),
        checkCodes(
          payload.missingDocuments,
          'missingDocuments',
          procedure?.documents.map((document) => document.code) ?? [],
          'Pièce inconnue',
        ),
        checkCodes(
          payload.fieldsToCorrect,
          'fieldsToCorrect',
          procedure ? procedureFields(procedure).map((field) => field.id) : [],
          'Champ inconnu',
        ),
        checkPerson(payload.requestedBy, 'requestedBy'),
      );
    case 'decision.rejected':
      return first(
        checkCodes(
          payload.reasonCodes,
          'reasonCodes',
          procedure?.rejectReasons.map((reason) => reason.code) ?? [],
          'Motif de rejet inconnu',
          1,
        ),
        checkComment(payload.comment, 'Le commentaire du rejet (comment)', true),
        checkPerson(payload.decidedBy, 'decidedBy'),
      );
    case 'decision.approved':
      return first(
        checkComment(payload.comment, 'comment', false),
        checkPerson(payload.decidedBy, 'decidedBy'),
        payload.signedOffBy === undefined ? null : checkPerson(payload.signedOffBy, 'signedOffBy'),
      );
    case 'signoff.requested':
      return first(
        checkPerson(payload.requestedBy, 'requestedBy'),
        checkComment(payload.comment, 'comment', false),
      );
    case 'signoff.returned':
      return first(
        checkComment(payload.comment, 'Le motif du renvoi (comment)', true),
        checkPerson(payload.returnedBy, 'returnedBy'),
      );
    case 'certificate.issued':
      return isText(payload.number, 64)
        ? null
        : 'Le numéro du certificat (number) est obligatoire.';
    case 'certificate.revoked':
      return isText(payload.number, 64) && isText(payload.reason, MAX_COMMENT)
        ? null
        : 'Une révocation indique le numéro du certificat (number) et le motif (reason).';
    case 'case.duplicate_marked':
      return first(
        isText(payload.duplicateOf, 64) && exists(payload.duplicateOf)
          ? null
          : 'La demande dont celle-ci est le doublon (duplicateOf) est inconnue du portail.',
        checkComment(payload.reason, 'Le motif du doublon (reason)', true),
        checkPerson(payload.markedBy, 'markedBy'),
      );
  }
}

function checkBody(
  body: unknown,
): { kind: PortalEventKind; payload: Record<string, unknown>; occurredAt: string } | SimReply {
  if (!isObject(body)) {
    return invalid("Le corps de l'événement doit être un objet JSON.");
  }
  const { kind, payload, occurredAt } = body;
  if (typeof kind !== 'string' || !isPortalEventKind(kind)) {
    return invalid(`Type d'événement inconnu : « ${String(kind).slice(0, 40)} ».`);
  }
  if (typeof occurredAt !== 'string' || !ISO_DATE_TIME.test(occurredAt)) {
    return invalid('occurredAt doit être un horodatage ISO 8601 avec fuseau.');
  }
  if (!isObject(payload)) {
    return invalid('payload doit être un objet JSON.');
  }
  return { kind, payload, occurredAt };
}

/** Why the portal refuses `kind` from `status`, or null when it accepts it. */
export function refusalOf(kind: PortalEventKind, status: CaseStatus): SimReply | null {
  if (ALLOWED_FROM[kind].includes(status)) return null;
  if (status === 'withdrawn') {
    return errorReply(
      409,
      'case_closed',
      'La demande a été retirée par le demandeur : action refusée.',
    );
  }
  if (!OPEN.includes(status)) {
    return errorReply(
      409,
      'case_closed',
      `La demande est close (${STATUS_LABEL[status]}) : action « ${KIND_LABEL[kind]} » refusée.`,
    );
  }
  return errorReply(
    409,
    'invalid_transition',
    `Action « ${KIND_LABEL[kind]} » refusée par le portail : la demande est ${STATUS_LABEL[status]}.`,
  );
}

/** Whether an accepted event changes the portal's record (and so its version). */
export function changesRecord(
  kind: PortalEventKind,
  status: CaseStatus,
): CaseStatus | 'same' | null {
  const next = portalStatusAfter(kind, status);
  if (next !== null && next !== status) return next;
  return ASSIGNMENT_KINDS.includes(kind) ? 'same' : null;
}

export function createPortalEvents(store: PortalStore, now: () => Date) {
  const answers = new Map<string, StoredAnswer>();
  const events: PortalEvent[] = [];
  const listeners: ((event: PortalEvent) => void)[] = [];

  function answer(key: string, fingerprint: string, reply: SimReply): SimReply {
    // 5xx are not final: the client is expected to retry and should then get a real answer.
    if (reply.status < 500) answers.set(key, { fingerprint, reply });
    return reply;
  }

  return {
    submit(
      applicationId: string,
      key: string | undefined,
      body: unknown,
      hooks: SubmitHooks = {},
    ): SimReply {
      if (!key || !KEY_PATTERN.test(key)) {
        return errorReply(
          400,
          'missing_idempotency_key',
          "L'en-tête Idempotency-Key (8 à 128 caractères [A-Za-z0-9-]) est obligatoire.",
        );
      }
      const fingerprint = `${applicationId}\n${JSON.stringify(body)}`;
      const previous = answers.get(key);
      if (previous) {
        if (previous.fingerprint !== fingerprint) {
          return errorReply(
            422,
            'idempotency_key_reused',
            'Cette clé d’idempotence a déjà servi pour une autre requête.',
          );
        }
        return {
          ...previous.reply,
          headers: { ...previous.reply.headers, 'idempotent-replayed': 'true' },
        };
      }
      const record = store.get(applicationId);
      if (!record) {
        return answer(
          key,
          fingerprint,
          errorReply(404, 'not_found', `Demande inconnue : ${applicationId}`),
        );
      }
      const checked = checkBody(body);
      if ('status' in checked) return answer(key, fingerprint, checked);
      const problem = checkPayload(
        checked.kind,
        checked.payload,
        store.procedure(record.procedureCode),
        (id) => id !== applicationId && store.get(id) !== undefined,
      );
      if (problem) return answer(key, fingerprint, invalid(problem));
      const guarded = hooks.guard?.(record, checked.kind, checked.payload) ?? null;
      if (guarded) return answer(key, fingerprint, guarded);
      const refusal = refusalOf(checked.kind, record.status);
      if (refusal) return answer(key, fingerprint, refusal);

      const effect = changesRecord(checked.kind, record.status);
      const after =
        effect === null
          ? record
          : store.applyBureauEvent(applicationId, {
              idempotencyKey: key,
              status: effect === 'same' ? null : effect,
              ...(checked.kind === 'info.requested'
                ? { infoRequest: infoRequestOf(checked.payload) }
                : {}),
            });
      const event: PortalEvent = {
        sequence: events.length + 1,
        idempotencyKey: key,
        applicationId,
        kind: checked.kind,
        payload: checked.payload,
        occurredAt: checked.occurredAt,
        receivedAt: now().toISOString(),
        previousVersion: record.version,
        version: after.version,
        ...(hooks.v2 ? { v2: hooks.v2 } : {}),
      };
      events.push(event);
      hooks.applied?.(record, checked.kind, checked.payload, after);
      for (const listener of listeners) listener(event);
      return answer(
        key,
        fingerprint,
        jsonReply(201, {
          event: {
            id: `evt-${event.sequence}`,
            sequence: event.sequence,
            receivedAt: event.receivedAt,
          },
          application: {
            id: record.id,
            version: after.version,
            previousVersion: record.version,
          },
        }),
      );
    },
    /** Calls `listener` with each event accepted from now on (v1 and v2), after its hooks. */
    onAccepted(listener: (event: PortalEvent) => void): void {
      listeners.push(listener);
    },
    /** Everything accepted so far, in arrival order (the simulator's truth for tests). */
    list(applicationId?: string): PortalEvent[] {
      return applicationId
        ? events.filter((event) => event.applicationId === applicationId)
        : [...events];
    },
  };
}
export type PortalEvents = ReturnType<typeof createPortalEvents>;

function infoRequestOf(payload: Record<string, unknown>): InfoRequest {
  return {
    missingDocuments: [...new Set(payload.missingDocuments as string[])],
    fieldsToCorrect: [...new Set(payload.fieldsToCorrect as string[])],
  };
}
