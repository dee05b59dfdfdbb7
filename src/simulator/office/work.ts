import { officeForRegion } from '../../shared/domain/offices';
import type { PortalApplication } from '../../shared/portal/portalApplication';
import type { PortalEventKind } from '../../shared/portal/portalEventKinds';
import type { PortalEvents } from '../portalEvents';
import type { PortalStore } from '../portalStore';
import type { SimReply } from '../router';
import type { Actor, OfficeStore } from './desks';
import { v2ErrorReply } from './v2Errors';

/**
 * The shared work of an application on the v2 events route (design multi-desk §3.7, §3.8, §3.9,
 * §3.10): claim leases, the version check of state-changing events, four-eyes, and the `work`
 * block served with each record of `GET /api/v2/applications`.
 *
 * Per application the simulator keeps its `work` and a change log of the v2 events it accepted
 * (with the version each left the record at, who sent it from which desk, whether it changed the
 * status and the lease holder). The version check walks that log, v1 events (`events.list`) and
 * the portal-side changes (`store.portalChanges`) whose version is above `expectedVersion`.
 * Lease changes never bump the record's version; when the event that changed a lease did not bump
 * it either, the record is moved to the end of the feed (`store.touch`) so desks see the lease.
 */

export interface Lease {
  holder: Actor;
  kind: 'claim' | 'checkout';
  deskId: string;
  since: string;
  expiresAt: string;
}

export interface Work {
  officeCode: string | null;
  lease: Lease | null;
  signoff: { proposedBy: Actor; proposedAt: string; comment: string | null } | null;
  lastDecision: {
    kind: 'decision.approved' | 'decision.rejected';
    decidedBy: Actor | null;
    signedOffBy?: Actor;
    at: string;
    deskId: string;
  } | null;
  certificate: { number: string; status: 'valid' | 'revoked'; deskId: string } | null;
}

/** One accepted v2 event in an application's change log. */
interface LoggedChange {
  version: number;
  kind: PortalEventKind;
  actor: Actor | null;
  deskId: string;
  at: string;
  statusChanged: boolean;
  holderChanged: boolean;
  /** The lease holder after the event (null: free). */
  holder: Actor | null;
  takeOver: boolean;
}

/** A change after `expectedVersion`, as listed in `stale_version`'s details. */
export interface StaleChange {
  version: number;
  /** An event kind, or `portal.withdrawn`, `portal.replied`, `portal.info_requested`,
   * `portal.rerouted`, `portal.changed` for a change on the portal side. */
  kind: string;
  actor: Actor | null;
  deskId: string | null;
  at: string;
  matters: boolean;
}

/** Events only the lease holder sends (from review: sign-off decisions are not holder events). */
const HOLDER_KINDS: readonly PortalEventKind[] = [
  'info.requested',
  'signoff.requested',
  'decision.approved',
  'decision.rejected',
  'certificate.issued',
];

/** Events checked against `expectedVersion` (design §3.8). */
const VERSION_CHECKED: readonly PortalEventKind[] = [
  'info.requested',
  'signoff.requested',
  'signoff.returned',
  'decision.approved',
  'decision.rejected',
  'certificate.issued',
  'case.released',
];

/** Events for which a change of the reviewed data (applicant, form, documents) matters. */
const REVIEW_KINDS: readonly PortalEventKind[] = [
  'decision.approved',
  'signoff.requested',
  'signoff.returned',
  'certificate.issued',
];

/** « votre … » in the stale_version message. */
const YOUR_ACTION: Record<PortalEventKind, string> = {
  'note.added': 'note',
  'case.claimed': 'prise en charge',
  'case.released': 'libération du dossier',
  'case.assigned': 'affectation',
  'info.requested': 'demande de complément',
  'signoff.requested': 'demande de validation',
  'signoff.returned': 'renvoi en instruction',
  'decision.approved': 'décision',
  'decision.rejected': 'décision',
  'certificate.issued': 'délivrance du certificat',
  'certificate.revoked': 'révocation du certificat',
  'case.duplicate_marked': 'marque de doublon',
};

/** « X a … » in the stale_version message. */
const DID: Record<PortalEventKind, string> = {
  'note.added': 'ajouté une note',
  'case.claimed': 'pris en charge le dossier',
  'case.released': 'libéré le dossier',
  'case.assigned': 'affecté le dossier',
  'info.requested': 'demandé un complément',
  'signoff.requested': 'demandé une validation',
  'signoff.returned': 'renvoyé le dossier en instruction',
  'decision.approved': 'approuvé la demande',
  'decision.rejected': 'rejeté la demande',
  'certificate.issued': 'délivré le certificat',
  'certificate.revoked': 'révoqué le certificat',
  'case.duplicate_marked': 'marqué le dossier comme doublon',
};

const PORTAL_DID: Record<string, string> = {
  'portal.withdrawn': 'le demandeur a retiré sa demande',
  'portal.replied': 'le demandeur a répondu à la demande de complément',
  'portal.info_requested': 'le portail a demandé un complément',
  'portal.rerouted': 'le portail a réorienté le dossier vers un autre bureau',
  'portal.changed': 'le demandeur a modifié sa demande',
};

const pad = (value: number) => String(value).padStart(2, '0');
/** Africa/Lomé is UTC all year. */
const hhmm = (date: Date) => `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
const ddmm = (date: Date) => `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}`;
const sameDay = (a: Date, b: Date) => a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);

/** « jusqu'à 16:40 » the same day, else « jusqu'au 13/03 à 09:15 ». */
function until(expiresAt: string, now: Date): string {
  const at = new Date(expiresAt);
  return sameDay(at, now) ? `jusqu'à ${hhmm(at)}` : `jusqu'au ${ddmm(at)} à ${hhmm(at)}`;
}

const when = (at: string) => {
  const date = new Date(at);
  return `le ${ddmm(date)} à ${hhmm(date)}`;
};

const isPerson = (value: unknown): value is Actor =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Actor).id === 'string' &&
  typeof (value as Actor).displayName === 'string';

const person = (value: unknown): Actor | null =>
  isPerson(value) ? { id: value.id, displayName: value.displayName } : null;

export function heldByOther(lease: Lease, now: Date): SimReply {
  const held = lease.kind === 'checkout' ? 'emporté hors ligne' : 'pris en charge';
  return v2ErrorReply(
    409,
    'held_by_other',
    `Dossier ${held} par ${lease.holder.displayName} ${until(lease.expiresAt, now)}.`,
    { lease: { ...lease, holder: { ...lease.holder } } },
  );
}

export interface V2EventContext {
  deskId: string;
  officeCode: string;
  /** The person acting, or null (transition: Bureau's events without `actor`). */
  actor: Actor | null;
  expectedVersion: number | null;
}

export function createWork(
  store: PortalStore,
  events: PortalEvents,
  offices: OfficeStore,
  now: () => Date,
  claimLeaseMinutes: number,
  maxCheckoutDays = 14,
) {
  const works = new Map<string, Omit<Work, 'officeCode'>>();
  const logs = new Map<string, LoggedChange[]>();

  function workOf(id: string): Omit<Work, 'officeCode'> {
    let work = works.get(id);
    if (!work) {
      work = { lease: null, signoff: null, lastDecision: null, certificate: null };
      works.set(id, work);
    }
    return work;
  }

  /** The lease when it has not lapsed by the simulator's clock. */
  function liveLease(id: string): Lease | null {
    const lease = works.get(id)?.lease ?? null;
    return lease && Date.parse(lease.expiresAt) > now().getTime() ? lease : null;
  }

  /** Every change of `record` above `expectedVersion`, marked with whether it matters. */
  function changesSince(
    record: PortalApplication,
    expectedVersion: number,
    kind: PortalEventKind,
    context: V2EventContext,
  ): StaleChange[] {
    const holderEvent = kind !== 'signoff.returned' && record.status !== 'pending_signoff';
    const changes: StaleChange[] = [];
    for (const logged of logs.get(record.id) ?? []) {
      if (logged.version <= expectedVersion) continue;
      const sameDesk = logged.deskId === context.deskId;
      const holderToOther =
        logged.holderChanged &&
        logged.holder !== null &&
        logged.holder.id !== (context.actor?.id ?? null);
      changes.push({
        version: logged.version,
        kind: logged.kind,
        actor: logged.actor,
        deskId: logged.deskId,
        at: logged.at,
        matters: !sameDesk && (logged.statusChanged || (holderEvent && holderToOther)),
      });
    }
    // v1 events (portal token): another client of the portal, never this desk.
    for (const event of events.list(record.id)) {
      if (event.v2 || event.version === event.previousVersion) continue;
      if (event.version <= expectedVersion) continue;
      changes.push({
        version: event.version,
        kind: event.kind,
        actor: null,
        deskId: null,
        at: event.receivedAt,
        matters: true,
      });
    }
    for (const change of store.portalChanges(record.id)) {
      if (change.version <= expectedVersion) continue;
      const statusChanged = change.statusAfter !== change.statusBefore;
      const portalKind =
        change.statusAfter === 'withdrawn' && statusChanged
          ? 'portal.withdrawn'
          : statusChanged && change.statusAfter === 'info_requested'
            ? 'portal.info_requested'
            : statusChanged
              ? 'portal.replied'
              : change.rerouted
                ? 'portal.rerouted'
                : 'portal.changed';
      changes.push({
        version: change.version,
        kind: portalKind,
        actor: null,
        deskId: null,
        at: change.at,
        matters:
          statusChanged || change.rerouted || (change.dataChanged && REVIEW_KINDS.includes(kind)),
      });
    }
    return changes.sort((a, b) => a.version - b.version);
  }

  function staleReply(
    kind: PortalEventKind,
    expectedVersion: number,
    record: PortalApplication,
    changes: StaleChange[],
  ): SimReply {
    const mattering = changes.filter((change) => change.matters);
    // Names the latest change that matters.
    const named = mattering.at(-1) as StaleChange;
    const what = named.kind.startsWith('portal.')
      ? `${PORTAL_DID[named.kind]} ${when(named.at)}`
      : `${named.actor?.displayName ?? (named.deskId ? `le poste ${named.deskId}` : 'un autre poste')} a ${DID[named.kind as PortalEventKind]} ${when(named.at)}`;
    return v2ErrorReply(
      409,
      'stale_version',
      `Le dossier a changé depuis votre ${YOUR_ACTION[kind]} : ${what}. Ouvrez le conflit pour comparer les deux versions.`,
      { expectedVersion, currentVersion: record.version, changes },
    );
  }

  /**
   * `case.claimed` with `checkoutDays` (design §3.7): a long lease for offline work, taken by the
   * holder-to-be or by a supervisor of the office for one of its active staff. Null: granted.
   */
  function checkoutRefusal(
    record: PortalApplication,
    payload: Record<string, unknown>,
    context: V2EventContext,
    actor: Actor,
    lease: Lease | null,
  ): SimReply | null {
    const days = payload.checkoutDays;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > maxCheckoutDays) {
      return v2ErrorReply(
        422,
        'validation_failed',
        `Durée d'emport hors ligne invalide : de 1 à ${maxCheckoutDays} jours.`,
        { issues: [{ path: 'payload.checkoutDays', message: `1 à ${maxCheckoutDays} jours` }] },
      );
    }
    const holder = person(payload.by) ?? actor;
    const holderAccount = offices.account(context.officeCode, holder.id);
    if (!holderAccount || !holderAccount.active) {
      return v2ErrorReply(
        403,
        'actor_not_allowed',
        `${holder.displayName} n'est pas un membre actif du bureau ${context.officeCode} dans l'annuaire du portail.`,
        { actorId: holder.id },
      );
    }
    if (holder.id !== actor.id) {
      const account = offices.account(context.officeCode, actor.id);
      if (!account || !account.active || account.role !== 'superviseur') {
        return v2ErrorReply(
          403,
          'actor_not_allowed',
          `Seul un superviseur actif du bureau ${context.officeCode} emporte un dossier pour un collègue.`,
          { actorId: actor.id },
        );
      }
    }
    if (officeForRegion(record.applicant.region) !== context.officeCode) {
      return v2ErrorReply(
        403,
        'actor_not_allowed',
        `Ce dossier relève d'un autre bureau que ${context.officeCode}.`,
        { actorId: actor.id },
      );
    }
    return lease && lease.holder.id !== holder.id ? heldByOther(lease, now()) : null;
  }

  return {
    /**
     * The v2 checks before the status rules: version check (§3.8), four-eyes (§3.10), lease
     * (§3.7). Null when the event may go on.
     */
    guard(
      record: PortalApplication,
      kind: PortalEventKind,
      payload: Record<string, unknown>,
      context: V2EventContext,
    ): SimReply | null {
      if (context.expectedVersion !== null && VERSION_CHECKED.includes(kind)) {
        const changes = changesSince(record, context.expectedVersion, kind, context);
        if (changes.some((change) => change.matters)) {
          return staleReply(kind, context.expectedVersion, record, changes);
        }
      }
      const work = works.get(record.id);
      if (kind === 'decision.approved' && record.status === 'pending_signoff' && work?.signoff) {
        const signer = person(payload.signedOffBy) ?? context.actor;
        const proposer = work.signoff.proposedBy;
        if (signer && signer.id === proposer.id) {
          return v2ErrorReply(
            409,
            'four_eyes',
            `Règle des quatre yeux : ${proposer.displayName} a proposé cette décision ; un autre superviseur doit la valider.`,
            { proposedBy: { ...proposer } },
          );
        }
      }
      const actor = context.actor;
      if (!actor) return null;
      const lease = liveLease(record.id);
      if (kind === 'case.claimed' && payload.checkoutDays !== undefined) {
        return checkoutRefusal(record, payload, context, actor, lease);
      }
      if (kind === 'case.claimed') {
        if (payload.takenOverFrom !== undefined) {
          const account = offices.account(context.officeCode, actor.id);
          if (!account || !account.active || account.role !== 'superviseur') {
            return v2ErrorReply(
              403,
              'actor_not_allowed',
              `Reprise d'un dossier réservée à un superviseur actif du bureau ${context.officeCode} : ${actor.displayName} ne l'est pas dans l'annuaire du portail.`,
              { actorId: actor.id },
            );
          }
          return null;
        }
        return lease && lease.holder.id !== actor.id ? heldByOther(lease, now()) : null;
      }
      const holderOnly =
        (HOLDER_KINDS.includes(kind) &&
          !(kind.startsWith('decision.') && record.status === 'pending_signoff')) ||
        kind === 'case.released';
      if (holderOnly && lease && lease.holder.id !== actor.id) return heldByOther(lease, now());
      return null;
    },

    /** The event was accepted: lease, sign-off, decision, certificate and the change log. */
    applied(
      before: PortalApplication,
      kind: PortalEventKind,
      payload: Record<string, unknown>,
      after: PortalApplication,
      context: V2EventContext,
    ): void {
      const at = now();
      const work = workOf(before.id);
      const previous = liveLease(before.id);
      const previousStored = work.lease;
      const actor = context.actor;
      const freshClaim = (holder: Actor): Lease => ({
        holder: { ...holder },
        kind: 'claim',
        deskId: context.deskId,
        since: at.toISOString(),
        expiresAt: new Date(at.getTime() + claimLeaseMinutes * 60_000).toISOString(),
      });
      const claim = (holder: Actor): Lease => {
        if (!previous || previous.holder.id !== holder.id) return freshClaim(holder);
        // Activity renews a claim; a check-out keeps its longer term (design §3.7).
        if (previous.kind === 'checkout') return previous;
        return { ...freshClaim(holder), since: previous.since };
      };
      const fromSignoff = before.status === 'pending_signoff';
      let takeOver = false;

      switch (kind) {
        case 'case.claimed':
          if (actor && typeof payload.checkoutDays === 'number') {
            const holder = person(payload.by) ?? actor;
            work.lease = {
              holder,
              kind: 'checkout',
              deskId: context.deskId,
              since:
                previous && previous.holder.id === holder.id ? previous.since : at.toISOString(),
              expiresAt: new Date(
                at.getTime() + payload.checkoutDays * 24 * 60 * 60_000,
              ).toISOString(),
            };
          } else if (actor) {
            takeOver = payload.takenOverFrom !== undefined;
            // A take-over ends a check-out too: the supervisor holds a plain claim.
            work.lease = takeOver ? freshClaim(actor) : claim(actor);
          }
          break;
        case 'info.requested':
          // A holder event: renews the holder's claim, or grants it on a free case.
          if (actor) work.lease = claim(actor);
          break;
        case 'case.released':
        case 'signoff.returned':
          work.lease = null;
          break;
        case 'case.assigned': {
          const assignee = person(payload.assignee);
          if (previous && (!assignee || assignee.id !== previous.holder.id)) work.lease = null;
          else if (previous && actor && previous.holder.id === actor.id) work.lease = claim(actor);
          break;
        }
        case 'signoff.requested':
        case 'decision.rejected':
        case 'certificate.issued':
          work.lease = null;
          break;
        case 'decision.approved': {
          const holder = fromSignoff ? (person(payload.signedOffBy) ?? actor) : actor;
          if (holder) work.lease = claim(holder);
          break;
        }
        default:
          // Any other accepted event of the holder renews the claim.
          if (actor && previous && previous.holder.id === actor.id) work.lease = claim(actor);
      }

      if (kind === 'signoff.requested') {
        const proposer = actor ?? person(payload.requestedBy);
        work.signoff = proposer
          ? {
              proposedBy: { ...proposer },
              proposedAt: at.toISOString(),
              comment: typeof payload.comment === 'string' ? payload.comment : null,
            }
          : null;
      } else if (kind === 'signoff.returned' || kind.startsWith('decision.')) {
        work.signoff = null;
      }
      if (kind === 'decision.approved' || kind === 'decision.rejected') {
        const signer = fromSignoff ? (person(payload.signedOffBy) ?? actor) : null;
        work.lastDecision = {
          kind,
          decidedBy: person(payload.decidedBy) ?? actor,
          ...(signer ? { signedOffBy: signer } : {}),
          at: at.toISOString(),
          deskId: context.deskId,
        };
      }
      if (kind === 'certificate.issued' && typeof payload.number === 'string') {
        work.certificate = { number: payload.number, status: 'valid', deskId: context.deskId };
      } else if (kind === 'certificate.revoked' && work.certificate) {
        work.certificate = { ...work.certificate, status: 'revoked' };
      }

      const holderBefore = previous?.holder.id ?? null;
      const holderAfter = work.lease?.holder.id ?? null;
      const log = logs.get(before.id) ?? [];
      log.push({
        version: after.version,
        kind,
        actor: actor ?? null,
        deskId: context.deskId,
        at: at.toISOString(),
        statusChanged: after.status !== before.status,
        holderChanged: holderBefore !== holderAfter,
        holder: work.lease ? { ...work.lease.holder } : null,
        takeOver,
      });
      logs.set(before.id, log);
      const leaseChanged = JSON.stringify(previousStored) !== JSON.stringify(work.lease);
      if (leaseChanged && after.version === before.version) store.touch(before.id);
    },

    /** The lease in force on an application, or null (the 201 of a v2 event). */
    leaseOf(id: string): Lease | null {
      const lease = liveLease(id);
      return lease ? { ...lease, holder: { ...lease.holder } } : null;
    },

    /** The `work` block of a record (§3.9). */
    work(record: PortalApplication): Work {
      const work = works.get(record.id);
      return {
        officeCode: officeForRegion(record.applicant.region) ?? null,
        lease: work?.lease ? { ...work.lease } : null,
        signoff: work?.signoff ?? null,
        lastDecision: work?.lastDecision ?? null,
        certificate: work?.certificate ?? null,
      };
    },
  };
}
export type WorkStore = ReturnType<typeof createWork>;
