import type Database from 'better-sqlite3';
import { isoDateOf } from '../../../shared/calendar/workingDays';
import { validateForm } from '../../../shared/catalog/validateForm';
import type { CaseDetail, CurrentUser } from '../../../shared/api/types';
import type { CallContext, Handlers } from '../api/dispatcher';
import type { Catalog } from '../catalog/loadCatalog';
import { refusal } from '../api/domainError';
import type { Clock } from '../clock';
import { storedRecordOf } from '../db/storedColumns';
import type { InboxQueries } from '../inbox/inboxQueries';
import type { CaseSyncState } from '../../../shared/api/syncTypes';
import type { CaseRecordStore } from './caseRecordStore';
import type { CaseReviewQueries } from './caseReviewQueries';
import type { CaseActions } from './caseActions';
import type { CaseWorkflowActions } from './caseWorkflowActions';
import type { LeaseActions } from './leaseActions';

type CaseHandlerNames =
  | 'cases.get'
  | 'cases.claim'
  | 'cases.release'
  | 'cases.takeOver'
  | 'cases.checkOut'
  | 'cases.tickChecklist'
  | 'cases.requestInfo'
  | 'cases.approve'
  | 'cases.reject'
  | 'cases.signOff'
  | 'cases.withdrawProposal'
  | 'cases.confirmPortalChanges'
  | 'cases.resolveConflict'
  | 'notes.add';

function userOf(context: CallContext): CurrentUser {
  // The dispatcher already refused anonymous calls to staff methods; this narrows the type.
  if (!context.user) throw refusal('unauthenticated', 'sessionExpiredShort', {});
  return context.user;
}

export function createCaseHandlers(deps: {
  db: Database.Database;
  inbox: InboxQueries;
  catalog: Catalog;
  clock: Clock;
  records: CaseRecordStore;
  review: CaseReviewQueries;
  actions: CaseWorkflowActions;
  leases: LeaseActions;
  notes: CaseActions;
  resolveConflict: (id: string, keep: 'portal' | 'local', user: CurrentUser) => void;
  syncStateOf: (id: string) => CaseSyncState;
  /** After a committed change: tell the renderers and wake the outbox. */
  changed: (id: string) => void;
  /** A whole sync (pull and push), not only the outbox. */
  syncNow: () => void;
}): Pick<Handlers, CaseHandlerNames> {
  const { inbox, catalog, clock, records } = deps;
  const recordOf = deps.db.prepare<[string], { record_json: string }>(
    'SELECT record_json FROM applications WHERE id = ?',
  );

  function getCase(id: string, user: CurrentUser | null): CaseDetail {
    const now = clock.now();
    const today = isoDateOf(now);
    const row = inbox.row(id, today);
    const stored = recordOf.get(id);
    const workflowRow = records.workflowRow(id);
    const procedure = row ? catalog.get(row.procedureCode) : undefined;
    if (!row || !stored || !workflowRow || !procedure) {
      throw refusal('not_found', 'caseNotInCache', {});
    }
    const record = storedRecordOf(id, stored.record_json);
    return {
      row,
      record,
      procedure,
      formIssues: validateForm(procedure, record.form, today),
      sync: deps.syncStateOf(id),
      review: deps.review.review(workflowRow, procedure, user, now),
    };
  }

  /** Runs a committed action, then answers with the case as it now stands. */
  const act =
    <I extends { id: string }>(run: (input: I, user: CurrentUser) => void) =>
    (input: I, context: CallContext): CaseDetail => {
      const user = userOf(context);
      run(input, user);
      deps.changed(input.id);
      return getCase(input.id, user);
    };

  /** As `act`, for an action that may wait for the portal's answer (design multi-desk §6.3). */
  const actFirst =
    <I extends { id: string }>(run: (input: I, user: CurrentUser) => Promise<unknown>) =>
    async (input: I, context: CallContext): Promise<CaseDetail> => {
      const user = userOf(context);
      await run(input, user);
      deps.changed(input.id);
      return getCase(input.id, user);
    };

  const { actions, leases } = deps;
  return {
    'cases.get': ({ id }, context) => getCase(id, context.user),
    'cases.claim': actFirst(({ id, provisional }, user) => leases.claim(id, user, { provisional })),
    'cases.release': act(({ id, provisional }, user) => actions.release(id, user, { provisional })),
    'cases.takeOver': actFirst(({ id, provisional }, user) =>
      leases.takeOver(id, user, { provisional }),
    ),
    'cases.checkOut': async ({ ids, days, forUserId }, context) => {
      const result = await leases.checkOut(ids, days, forUserId, userOf(context));
      for (const { id } of result.checkedOut) deps.changed(id);
      return result;
    },
    'cases.tickChecklist': act(({ id, itemId, checked }, user) =>
      actions.tickChecklist(id, itemId, checked, user),
    ),
    'cases.requestInfo': act(
      ({ id, missingDocuments, fieldsToCorrect, message, provisional }, user) =>
        actions.requestInfo(id, { missingDocuments, fieldsToCorrect, message }, user, {
          provisional,
        }),
    ),
    'cases.approve': act(({ id, comment, provisional }, user) =>
      actions.approve(id, comment, user, { provisional }),
    ),
    'cases.reject': act(({ id, reasonCodes, comment, provisional }, user) =>
      actions.reject(id, reasonCodes, comment, user, { provisional }),
    ),
    'cases.signOff': act(({ id, decision, comment, provisional }, user) =>
      actions.signOff(id, decision, comment, user, { provisional }),
    ),
    'cases.withdrawProposal': act(({ id, comment, provisional }, user) =>
      actions.withdrawProposal(id, comment, user, { provisional }),
    ),
    'cases.confirmPortalChanges': act(({ id }, user) => actions.confirmPortalChanges(id, user)),
    'cases.resolveConflict': ({ id, keep }, context) => {
      const answer = act<{ id: string }>((_input, user) => deps.resolveConflict(id, keep, user))(
        { id },
        context,
      );
      // A sync, not just a push: requeued actions go out, and when the conflict came from a
      // refusal before the portal's version was pulled, that version comes in now.
      deps.syncNow();
      return answer;
    },
    'notes.add': ({ applicationId, body }, context) => {
      const added = deps.notes.addNote(applicationId, body, userOf(context));
      deps.changed(applicationId);
      return added;
    },
  };
}
