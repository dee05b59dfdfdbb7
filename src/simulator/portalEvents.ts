import { isOpenStatus } from '../shared/domain/caseStatus';
import type { PortalStore } from './portalStore';
import { errorReply, jsonReply, type SimReply } from './router';

/**
 * Actions Bureau reports to the portal (`POST /api/v1/applications/:id/events`), kept like a real
 * server would: each `Idempotency-Key` is applied once and its first final answer is replayed to
 * any retry, so a client that lost the answer can safely send the same request again.
 */

export const PORTAL_EVENT_KINDS = [
  'note.added',
  'case.claimed',
  'case.assigned',
  'info.requested',
  'decision.approved',
  'decision.rejected',
  'certificate.issued',
] as const;

export interface PortalEvent {
  /** Order of arrival on the portal, across all applications. */
  sequence: number;
  idempotencyKey: string;
  applicationId: string;
  kind: string;
  payload: Record<string, unknown>;
  occurredAt: string;
  receivedAt: string;
}

interface StoredAnswer {
  fingerprint: string;
  reply: SimReply;
}

const KEY_PATTERN = /^[A-Za-z0-9-]{8,128}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function invalid(message: string): SimReply {
  return errorReply(422, 'validation_failed', message);
}

function checkBody(
  body: unknown,
): { kind: string; payload: Record<string, unknown>; occurredAt: string } | SimReply {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return invalid("Le corps de l'événement doit être un objet JSON.");
  }
  const { kind, payload, occurredAt } = body as Record<string, unknown>;
  if (typeof kind !== 'string' || !(PORTAL_EVENT_KINDS as readonly string[]).includes(kind)) {
    return invalid(`Type d'événement inconnu : « ${String(kind).slice(0, 40)} ».`);
  }
  if (typeof occurredAt !== 'string' || !ISO_DATE_TIME.test(occurredAt)) {
    return invalid('occurredAt doit être un horodatage ISO 8601 avec fuseau.');
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    return invalid('payload doit être un objet JSON.');
  }
  const fields = payload as Record<string, unknown>;
  if (kind === 'note.added') {
    const text = fields.body;
    if (typeof text !== 'string' || text.trim() === '' || text.length > 10_000) {
      return invalid('Une note doit contenir de 1 à 10 000 caractères.');
    }
  }
  return { kind, payload: fields, occurredAt };
}

export function createPortalEvents(store: PortalStore, now: () => Date) {
  const answers = new Map<string, StoredAnswer>();
  const events: PortalEvent[] = [];

  function answer(key: string, fingerprint: string, reply: SimReply): SimReply {
    // 5xx are not final: the client is expected to retry and should then get a real answer.
    if (reply.status < 500) answers.set(key, { fingerprint, reply });
    return reply;
  }

  return {
    submit(applicationId: string, key: string | undefined, body: unknown): SimReply {
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
      if (!isOpenStatus(record.status)) {
        const message =
          record.status === 'withdrawn'
            ? 'La demande a été retirée par le demandeur : action refusée.'
            : `La demande est close (${record.status}) : action refusée.`;
        return answer(key, fingerprint, errorReply(409, 'case_closed', message));
      }
      const event: PortalEvent = {
        sequence: events.length + 1,
        idempotencyKey: key,
        applicationId,
        kind: checked.kind,
        payload: checked.payload,
        occurredAt: checked.occurredAt,
        receivedAt: now().toISOString(),
      };
      events.push(event);
      return answer(
        key,
        fingerprint,
        jsonReply(201, {
          event: {
            id: `evt-${event.sequence}`,
            sequence: event.sequence,
            receivedAt: event.receivedAt,
          },
          application: { id: record.id, version: record.version },
        }),
      );
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
