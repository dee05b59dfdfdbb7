import { randomUUID } from 'node:crypto';
import type { CheckOutResult } from '../../../shared/api/caseTypes';
import type { CurrentUser } from '../../../shared/api/types';
import { DomainError, refusal } from '../api/domainError';
import { portalRefusal } from '../sync/portalRefusal';
import type { PortalFirst } from '../sync/portalFirst';
import type { ActionOptions, CaseWorkflowActions } from './caseWorkflowActions';
import type { CaseWriter, QueuedEvent } from './caseWriter';

/**
 * Claims, take-overs and check-outs on a desk of a multi-desk office (design multi-desk §6.3):
 * online, the portal is asked first and the local change written only once it accepted, so a
 * refusal names the holder at once and nothing local changes. Offline, or when the case still has
 * actions waiting to be sent, a claim or take-over is queued like any action (provisional when no
 * lease backs it); a check-out is online only.
 */

const checkOutOffline = () => refusal('unavailable', 'checkOutOffline', {});

export interface StaffAccount {
  id: string;
  displayName: string;
  role: string;
  officeCode: string;
  active: boolean;
}

export function createLeaseActions(deps: {
  writer: CaseWriter;
  actions: CaseWorkflowActions;
  portalFirst: PortalFirst;
  accountOf: (userId: string) => StaffAccount | null;
  referenceOf: (applicationId: string) => string | null;
  /** The core's clock: whether a refused lease ends today (« jusqu'à 16:40 ») or another day. */
  now?: () => Date;
}) {
  const { writer, actions, portalFirst } = deps;

  /**
   * `write` once, through the portal when it can be asked: rehearsed (gate and event), sent, then
   * written with the request's key and recorded as delivered. `queueWhenUnreachable`: a claim goes
   * to the outbox when the portal does not answer; a check-out is refused.
   */
  async function portalFirstly(
    id: string,
    write: (options: ActionOptions) => QueuedEvent | null,
    queueWhenUnreachable: boolean,
  ): Promise<{ lease: unknown } | null> {
    if (!portalFirst.canSend(id)) {
      if (!queueWhenUnreachable) throw checkOutOffline();
      write({});
      return null;
    }
    const event = writer.rehearse(() => write({}));
    if (!event) {
      write({});
      return null;
    }
    const key = randomUUID();
    const answer = await portalFirst.send(event, event.createdAt, key);
    if (answer.outcome === 'refused') {
      throw portalRefusal(answer.error, (deps.now ?? (() => new Date()))());
    }
    if (answer.outcome === 'unreachable') {
      if (!queueWhenUnreachable) throw checkOutOffline();
      // A new key: had the request arrived after all, this one renews the same lease.
      write({});
      return null;
    }
    let queued: QueuedEvent | null = null;
    try {
      queued = write({ idempotencyKey: key });
    } catch (error) {
      // The feed already brought the portal's answer (the lease names this person): the case is
      // as the portal says; only this desk's record of the request is missing.
      if (!(error instanceof DomainError)) throw error;
    }
    portalFirst.accepted(id, queued?.id ?? null, answer.response);
    const lease = (answer.response as { lease?: unknown } | null)?.lease ?? null;
    return { lease };
  }

  function holderFor(forUserId: string | undefined, user: CurrentUser): StaffAccount {
    if (forUserId === undefined || forUserId === user.id) {
      return { ...user, active: true };
    }
    if (user.role !== 'superviseur') {
      throw refusal('forbidden', 'checkOutForColleaguesSupervisorOnly', {});
    }
    const account = deps.accountOf(forUserId);
    if (
      !account ||
      !account.active ||
      account.officeCode !== user.officeCode ||
      !['agent', 'superviseur'].includes(account.role)
    ) {
      throw refusal('invalid_input', 'colleagueNotActive', {});
    }
    return account;
  }

  return {
    claim: (id: string, user: CurrentUser, options: ActionOptions = {}) =>
      portalFirstly(id, (extra) => actions.claim(id, user, { ...options, ...extra }), true),

    takeOver: (id: string, user: CurrentUser, options: ActionOptions = {}) =>
      portalFirstly(id, (extra) => actions.takeOver(id, user, { ...options, ...extra }), true),

    /** Case by case, in order; each case accepted or refused with its reason. */
    async checkOut(
      ids: readonly string[],
      days: number,
      forUserId: string | undefined,
      user: CurrentUser,
    ): Promise<CheckOutResult> {
      const holder = holderFor(forUserId, user);
      if (!portalFirst.available()) throw checkOutOffline();
      const person = { id: holder.id, displayName: holder.displayName };
      const result: CheckOutResult = { checkedOut: [], refused: [] };
      for (const id of ids) {
        const reference = deps.referenceOf(id) ?? id;
        try {
          const accepted = await portalFirstly(
            id,
            (extra) => actions.checkOut(id, person, days, user, extra),
            false,
          );
          const until = (accepted?.lease as { expiresAt?: unknown } | null)?.expiresAt;
          result.checkedOut.push({
            id,
            reference,
            until: typeof until === 'string' ? until : null,
          });
        } catch (error) {
          if (!(error instanceof DomainError) || error.code === 'internal') throw error;
          const said = error.reason ? { refusal: error.reason } : {};
          result.refused.push({ id, reference, reason: error.message, ...said });
        }
      }
      return result;
    },
  };
}
export type LeaseActions = ReturnType<typeof createLeaseActions>;
