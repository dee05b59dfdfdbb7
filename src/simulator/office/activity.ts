import { officeForRegion } from '../../shared/domain/offices';
import type { PortalEventKind } from '../../shared/portal/portalEventKinds';
import type { PortalEvent, PortalEvents } from '../portalEvents';
import type { PortalStore } from '../portalStore';
import { jsonReply } from '../router';
import { isRefusal, type Actor, type OfficeStore } from './desks';
import { deskOnly, feedQuery, refusalReply, type On } from './v2Request';

/**
 * The office activity feed (design multi-desk §3.9): every event the portal accepted on an
 * application of an office (v2 events with their desk and actor, v1 events with `deskId` and
 * `actor` null), oldest first, under one sequence per office. An application belongs to the office
 * the portal routes it to (the applicant's region, as `work.officeCode`) when the event is
 * accepted; an application routed to no office has no activity. A certificate's PDF
 * (`payload.document.base64`) is left out: the feed carries history, not documents.
 */

export interface ActivityItem {
  sequence: number;
  applicationId: string;
  kind: PortalEventKind;
  idempotencyKey: string;
  deskId: string | null;
  actor: Actor | null;
  occurredAt: string;
  receivedAt: string;
  /** The record's version after the event. */
  version: number;
  payload: Record<string, unknown>;
}

export interface ActivityPage {
  items: ActivityItem[];
  nextCursor: string;
  hasMore: boolean;
}

export const ACTIVITY_CURSOR = /^a:(0|[1-9][0-9]{0,14})$/;
export const DEFAULT_ACTIVITY_LIMIT = 500;
export const MAX_ACTIVITY_LIMIT = 500;

/** The event's payload as the feed serves it: a copy, without `document.base64`. */
export function activityPayload(
  kind: PortalEventKind,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  const copy = structuredClone(payload);
  const document = copy.document;
  if (kind === 'certificate.issued' && typeof document === 'object' && document !== null) {
    delete (document as Record<string, unknown>).base64;
  }
  return copy;
}

export function createActivity(store: PortalStore, events: PortalEvents) {
  const byOffice = new Map<string, ActivityItem[]>();

  function add(event: PortalEvent): void {
    const record = store.get(event.applicationId);
    const officeCode = record ? officeForRegion(record.applicant.region) : undefined;
    if (!officeCode) return;
    const items = byOffice.get(officeCode) ?? [];
    items.push({
      sequence: items.length + 1,
      applicationId: event.applicationId,
      kind: event.kind,
      idempotencyKey: event.idempotencyKey,
      deskId: event.v2?.deskId ?? null,
      actor: event.v2?.actor ? { ...event.v2.actor } : null,
      occurredAt: event.occurredAt,
      receivedAt: event.receivedAt,
      version: event.version,
      payload: activityPayload(event.kind, event.payload),
    });
    byOffice.set(officeCode, items);
  }
  events.onAccepted(add);

  return {
    /** The last sequence of the office's feed (0 when empty). */
    last(officeCode: string): number {
      return byOffice.get(officeCode)?.length ?? 0;
    },

    /** The items after sequence `after`, at most `limit`. */
    page(officeCode: string, after: number, limit: number): ActivityPage {
      const items = byOffice.get(officeCode) ?? [];
      const slice = items.slice(after, after + limit);
      const last = slice.at(-1)?.sequence ?? after;
      return {
        items: slice.map((item) => structuredClone(item)),
        nextCursor: `a:${last}`,
        hasMore: last < items.length,
      };
    },
  };
}
export type Activity = ReturnType<typeof createActivity>;

/** `GET /api/v2/offices/:office/activity` (desk token of a desk of that office). */
export function installActivityRoute(on: On, offices: OfficeStore, activity: Activity): void {
  on('GET', 'offices/:office/activity', (request, caller) => {
    const deskId = deskOnly(caller);
    if (typeof deskId !== 'string') return deskId;
    const officeCode = request.params.office ?? '';
    const desk = offices.officeDesk(deskId, officeCode);
    if (isRefusal(desk)) return refusalReply(desk);
    const query = feedQuery(request.url, {
      pattern: ACTIVITY_CURSOR,
      prefix: 'a',
      what: "d'activité",
      defaultLimit: DEFAULT_ACTIVITY_LIMIT,
      maxLimit: MAX_ACTIVITY_LIMIT,
    });
    if ('status' in query) return query;
    return jsonReply(200, activity.page(officeCode, query.after, query.limit), {
      'cache-control': 'no-store',
    });
  });
}
