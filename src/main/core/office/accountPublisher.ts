import { z } from 'zod';
import type { AccountDirectoryState } from '../../../shared/api/adminTypes';
import type { CurrentUser } from '../../../shared/api/types';
import type { Role } from '../../../shared/domain/roles';
import { DomainError, refusal } from '../api/domainError';
import { directoryItem, type DirectoryReplica } from '../auth/directoryReplica';
import type { Clock } from '../clock';
import type { AccountChange, OfficeOutbox } from '../sync/officeOutbox';
import {
  PortalResponseError,
  PortalUnreachableError,
  type PortalClient,
} from '../sync/portalClient';
import type { DeskRegistry } from './deskRegistry';

/**
 * How an enrolled desk's account changes reach the office directory (design multi-desk §3.4):
 * a new account needs the portal (one id and one username per person in the country); any other
 * change applies here at once and waits in `office_outbox`. A desk alone publishes nothing.
 */

export interface PublishedAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  procedureCodes: string[] | null;
  verifier: string;
  mustChangePassword: boolean;
}

export function createAccountPublisher(deps: {
  registry: DeskRegistry;
  portal: PortalClient;
  replica: DirectoryReplica;
  outbox: OfficeOutbox;
  clock: Clock;
  /** A queued change leaves soon, without waiting for the next periodic sync. */
  requestSync: () => void;
}) {
  const { registry, portal, replica, outbox, clock } = deps;
  const actorOf = (user: CurrentUser) => ({ id: user.id, displayName: user.displayName });

  return {
    /** True once the desk is enrolled: accounts belong to the office directory. */
    enrolled: (): boolean => registry.identity().mode === 'office',
    officeCode: (): string => registry.identity().officeCode,
    /** How exports name this desk (« poste LOM-01 », or « poste seul LOM »). */
    deskLabel(): string {
      const desk = registry.identity();
      return desk.deskId ? `poste ${desk.deskId}` : `poste seul ${desk.officeCode}`;
    },

    async create(account: PublishedAccount, actor: CurrentUser): Promise<void> {
      const officeCode = registry.identity().officeCode;
      let answer: unknown;
      try {
        answer = await portal.v2({
          method: 'POST',
          path: `offices/${encodeURIComponent(officeCode)}/accounts`,
          body: { actor: actorOf(actor), account },
          idempotencyKey: `acct-create-${account.id}`,
          as: 'desk',
        });
      } catch (error) {
        if (error instanceof PortalUnreachableError) {
          throw refusal('unavailable', 'accountNeedsPortal', {});
        }
        if (error instanceof PortalResponseError && error.code === 'username_taken') {
          throw refusal(
            'conflict',
            'usernameTakenNationally',
            { username: account.username },
            'username',
          );
        }
        if (error instanceof PortalResponseError && error.status < 500 && !error.garbled) {
          throw new DomainError('conflict', error.message);
        }
        throw refusal('unavailable', 'accountPortalBusy', {});
      }
      const parsed = z.object({ account: directoryItem }).safeParse(answer);
      if (!parsed.success || parsed.data.account.id !== account.id) {
        throw refusal('unavailable', 'accountAnswerUnreadable', {});
      }
      replica.applyAnswer(parsed.data.account, clock.now().toISOString());
    },

    /** Inside the caller's transaction, beside the local write. */
    queue(accountId: string, change: AccountChange, actor: CurrentUser): void {
      outbox.enqueue(accountId, change, actorOf(actor));
    },

    changed: (): void => deps.requestSync(),

    /**
     * Per account, where it stands in the office directory (« Postes à jour »): a desk has an
     * account's latest change once its last status report covers that change's sequence. This
     * desk shows its own copy, so it counts as up to date.
     */
    directoryStates(): Map<string, AccountDirectoryState> {
      const states = new Map<string, AccountDirectoryState>();
      const desk = registry.identity();
      if (desk.mode !== 'office') return states;
      const desks = registry.desks().filter((item) => item.retiredAt === null);
      const pending = new Set(outbox.pendingTargets());
      const refusals = outbox.lastRefusals();
      for (const account of replica.sequences()) {
        const behind = desks
          .filter(
            (item) =>
              item.id !== desk.deskId &&
              account.sequence !== null &&
              (item.directorySequence ?? -1) < account.sequence,
          )
          .map((item) => ({ deskId: item.id, lastContactAt: item.lastContactAt }));
        states.set(account.id, {
          pending: pending.has(account.id),
          refusal: refusals.get(account.id) ?? null,
          desksUpToDate: desks.length - behind.length,
          desks: desks.length,
          behind,
        });
      }
      return states;
    },
  };
}
export type AccountPublisher = ReturnType<typeof createAccountPublisher>;
