import type Database from 'better-sqlite3';
import type { PersonRef } from '../../../shared/api/caseTypes';
import type { CurrentUser } from '../../../shared/api/types';
import type { ProcedureDefinition } from '../../../shared/catalog/procedureSchema';
import type { CaseStatus } from '../../../shared/domain/caseStatus';
import {
  checkAction,
  checkCheckOut,
  checkConfirmPortalChanges,
  isProvisional,
  type WorkflowAction,
} from '../../../shared/domain/caseWorkflow';
import { refusal } from '../api/domainError';
import { createNotificationInbox } from '../assignment/notificationInbox';
import type { Clock } from '../clock';
import type { DecisionForLetter, LetterIssuer } from '../letters/letterIssuer';
import { unconfirmedPortalChangesOf, type CaseWorkflowRow } from './caseRecordStore';
import {
  personOf,
  type CaseChange,
  type CaseWriter,
  type LoadedCase,
  type QueuedEvent,
} from './caseWriter';

/**
 * `provisional`: the person accepted that the action is provisional (offline without a lease
 * confirmed by the portal). `idempotencyKey`: the request was already sent with this key.
 */
export interface ActionOptions {
  provisional?: boolean;
  idempotencyKey?: string;
}

/**
 * The clerk's and the supervisor's actions on a case: each one a transition of the shared state
 * machine, written by the case writer (check, row, history, audit, outbox in one transaction).
 */

const person = personOf;

/** The portal's return needs a reason: the proposer's own words, else this. */
export const WITHDRAWN_COMMENT = 'Proposition retirée par son auteur avant validation.';

function unknownCodes(given: string[], known: Iterable<string>): string[] {
  const valid = new Set(known);
  return given.filter((code) => !valid.has(code));
}

function requireKnown(
  given: string[],
  known: Iterable<string>,
  refusalKey:
    'unknownChecklistItems' | 'unknownDocuments' | 'unknownFields' | 'unknownRejectReasons',
): void {
  const unknown = unknownCodes(given, known);
  if (unknown.length > 0) {
    throw refusal('invalid_input', refusalKey, { items: unknown.join(', ') });
  }
}

export function createCaseWorkflowActions(deps: {
  db: Database.Database;
  writer: CaseWriter;
  clock: Clock;
  displayNameOf: (userId: string) => string | null;
  /** Decision letters (issue 20 §1): made in the decision's transaction when given. */
  letters?: LetterIssuer;
}) {
  const { db, writer, clock } = deps;
  const notifications = createNotificationInbox(db);
  const officeOf = db.prepare<[string], { office_code: string }>(
    'SELECT office_code FROM applications WHERE id = ?',
  );

  /**
   * Runs a decision that may send a letter: the office's signing key is fetched (or made) before
   * the transaction, the letter is made inside it by `withLetter`, and its file written after.
   */
  function deciding<T>(
    id: string,
    user: CurrentUser,
    run: (
      withLetter: (
        loaded: LoadedCase,
        decision: DecisionForLetter,
      ) => {
        payload: Record<string, unknown>;
        details: Record<string, unknown>;
      },
    ) => T,
  ): T {
    const letters = deps.letters;
    const office = officeOf.get(id)?.office_code;
    const key = letters && office ? letters.keyFor(office, user) : null;
    const withLetter = (loaded: LoadedCase, decision: DecisionForLetter) => {
      const letter = letters?.inDecision({
        caseId: id,
        procedure: loaded.procedure,
        officeCode: loaded.row.office_code,
        at: loaded.at,
        user,
        key,
        decision,
      });
      return letter
        ? {
            payload: { letter },
            details: { letter: { number: letter.number, sha256: letter.sha256 } },
          }
        : { payload: {}, details: {} };
    };
    try {
      return run(withLetter);
    } finally {
      letters?.flush();
    }
  }
  const upsertTick = db.prepare(`
    INSERT INTO checklist_ticks (application_id, item_id, checked, by_user_id, at)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (application_id, item_id) DO UPDATE
      SET checked = excluded.checked, by_user_id = excluded.by_user_id, at = excluded.at`);

  /** A transition of the state machine, through the case writer. */
  function perform(
    id: string,
    action: WorkflowAction,
    user: CurrentUser,
    build: (
      row: CaseWorkflowRow,
      procedure: ProcedureDefinition,
      to: CaseStatus,
      loaded: LoadedCase,
    ) => CaseChange,
    options: ActionOptions = {},
  ): QueuedEvent | null {
    return writer.changeNow(
      id,
      user,
      ({ context }) => checkAction(context, action, options),
      (loaded, to) => {
        const { row, procedure, context } = loaded;
        const change = build(row, procedure, to, loaded);
        const event = change.portalEvent;
        if (!event) return change;
        return {
          ...change,
          portalEvent: {
            ...event,
            ...(isProvisional(context, action) ? { provisional: true } : {}),
            ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
          },
        };
      },
    );
  }

  /**
   * A person checked what the portal changed after the decision (issue 13): the changes stop
   * blocking sign-off and issuing. Internal work: history and audit, nothing for the portal.
   */
  function confirmPortalChanges(id: string, user: CurrentUser): void {
    writer.changeNow(
      id,
      user,
      ({ context, row }) => checkConfirmPortalChanges(context, row.assignee_id),
      ({ row }) => {
        const confirmed = unconfirmedPortalChangesOf(row)!;
        return {
          history: 'portal_changes_confirmed',
          details: {
            version: confirmed.version,
            changes: confirmed.changes,
            omitted: confirmed.omitted,
          },
          set: { portal_changes_json: null },
          audit: {
            summary: {
              status: row.status,
              version: confirmed.version,
              paths: confirmed.changes.map((change) => change.path),
              omitted: confirmed.omitted,
            },
          },
        };
      },
      ['forbidden_role', 'claimed_by_other'],
    );
  }

  const claimed = (user: CurrentUser, at: string) => ({
    claimed_by: user.id,
    claim_activity_at: at,
    assignee_id: user.id,
  });

  return {
    confirmPortalChanges,

    claim(id: string, user: CurrentUser, options: ActionOptions = {}): QueuedEvent | null {
      return perform(
        id,
        'claim',
        user,
        () => ({
          history: 'claimed',
          details: {},
          set: claimed(user, clock.now().toISOString()),
          portalEvent: { kind: 'case.claimed', payload: { by: person(user) } },
        }),
        options,
      );
    },

    takeOver(id: string, user: CurrentUser, options: ActionOptions = {}): QueuedEvent | null {
      return perform(
        id,
        'takeOver',
        user,
        (_row, _procedure, _to, { context, at }) => {
          // The holder as the gate saw it: on an enrolled desk, the portal's lease (design §3.7).
          const holderId = context.claimedBy;
          const previous = holderId
            ? { id: holderId, displayName: deps.displayNameOf(holderId) ?? holderId }
            : null;
          // The former holder is told, when they use this desk (other desks: the activity feed).
          if (previous && previous.id !== user.id && deps.displayNameOf(previous.id) !== null) {
            notifications.caseTakenOver(previous.id, id, user.id, at);
          }
          return {
            history: 'taken_over',
            details: { from: previous },
            set: claimed(user, clock.now().toISOString()),
            portalEvent: {
              kind: 'case.claimed',
              payload: { by: person(user), ...(previous ? { takenOverFrom: previous } : {}) },
            },
          };
        },
        options,
      );
    },

    /**
     * « Emporter hors ligne »: `holder` takes the case for `days` days (design multi-desk §3.7);
     * `user` is the holder or a supervisor acting for them. Sent to the portal first (leaseActions).
     */
    checkOut(
      id: string,
      holder: PersonRef,
      days: number,
      user: CurrentUser,
      options: ActionOptions = {},
    ): QueuedEvent | null {
      return writer.changeNow(
        id,
        user,
        ({ context }) => checkCheckOut(context, holder.id),
        ({ at }) => ({
          history: 'checked_out',
          details: { holder, days },
          set: { claimed_by: holder.id, claim_activity_at: at, assignee_id: holder.id },
          portalEvent: {
            kind: 'case.claimed',
            payload: { by: holder, checkoutDays: days },
            ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
          },
        }),
      );
    },

    release(id: string, user: CurrentUser, options: ActionOptions = {}): void {
      perform(
        id,
        'release',
        user,
        () => ({
          history: 'released',
          details: {},
          set: { claimed_by: null, claim_activity_at: null },
          portalEvent: { kind: 'case.released', payload: { by: person(user) } },
        }),
        options,
      );
    },

    /** Internal work: recorded in history and audit, not sent to the portal. */
    tickChecklist(id: string, itemId: string, checked: boolean, user: CurrentUser): void {
      perform(id, 'tickChecklist', user, (_row, procedure) => {
        requireKnown(
          [itemId],
          procedure.checklist.map((item) => item.id),
          'unknownChecklistItems',
        );
        const at = clock.now().toISOString();
        upsertTick.run(id, itemId, checked ? 1 : 0, user.id, at);
        return {
          history: 'checklist_ticked',
          details: { itemId, checked },
          set: { claim_activity_at: at },
        };
      });
    },

    requestInfo(
      id: string,
      request: { missingDocuments: string[]; fieldsToCorrect: string[]; message: string },
      user: CurrentUser,
      options: ActionOptions = {},
    ): void {
      deciding(id, user, (withLetter) =>
        perform(
          id,
          'requestInfo',
          user,
          (_row, procedure, _to, loaded) => {
            requireKnown(
              request.missingDocuments,
              procedure.documents.map((document) => document.code),
              'unknownDocuments',
            );
            requireKnown(
              request.fieldsToCorrect,
              procedure.sections.flatMap((section) => section.fields.map((field) => field.id)),
              'unknownFields',
            );
            const at = clock.now().toISOString();
            const letter = withLetter(loaded, { kind: 'info_request', ...request });
            return {
              history: 'info_requested',
              details: { ...request, ...letter.details },
              set: { info_requested_at: at, claim_activity_at: at },
              decision: {
                kind: 'info_requested',
                comment: request.message,
                reasonCodes: [],
                missingDocuments: request.missingDocuments,
                fieldsToCorrect: request.fieldsToCorrect,
              },
              portalEvent: {
                kind: 'info.requested',
                payload: { ...request, requestedBy: person(user), ...letter.payload },
              },
            };
          },
          options,
        ),
      );
    },

    approve(
      id: string,
      comment: string | undefined,
      user: CurrentUser,
      options: ActionOptions = {},
    ): void {
      deciding(id, user, (withLetter) =>
        perform(
          id,
          'approve',
          user,
          (_row, _procedure, to, loaded) => {
            const toSignOff = to === 'pending_signoff';
            // The cover letter goes with the decision the portal is told, not with a proposal.
            const letter = toSignOff
              ? { payload: {}, details: {} }
              : withLetter(loaded, { kind: 'approval', comment: comment ?? null });
            const decision = {
              kind: toSignOff ? ('signoff_requested' as const) : ('approved' as const),
              comment: comment ?? null,
              reasonCodes: [],
              missingDocuments: [],
              fieldsToCorrect: [],
            };
            return {
              history: toSignOff ? 'signoff_requested' : 'approved',
              details: { ...(comment ? { comment } : {}), ...letter.details },
              set: {
                claimed_by: null,
                claim_activity_at: null,
                signoff_requested_by: toSignOff ? user.id : null,
              },
              decision,
              portalEvent: toSignOff
                ? {
                    kind: 'signoff.requested',
                    payload: { requestedBy: person(user), ...(comment ? { comment } : {}) },
                  }
                : {
                    kind: 'decision.approved',
                    payload: {
                      decidedBy: person(user),
                      ...(comment ? { comment } : {}),
                      ...letter.payload,
                    },
                  },
            };
          },
          options,
        ),
      );
    },

    reject(
      id: string,
      reasonCodes: string[],
      comment: string,
      user: CurrentUser,
      options: ActionOptions = {},
    ): void {
      deciding(id, user, (withLetter) =>
        perform(
          id,
          'reject',
          user,
          (_row, procedure, _to, loaded) => {
            requireKnown(
              reasonCodes,
              procedure.rejectReasons.map((reason) => reason.code),
              'unknownRejectReasons',
            );
            const letter = withLetter(loaded, { kind: 'rejection', reasonCodes, comment });
            return {
              history: 'rejected',
              details: { reasonCodes, comment, ...letter.details },
              set: { claimed_by: null, claim_activity_at: null },
              decision: {
                kind: 'rejected',
                comment,
                reasonCodes,
                missingDocuments: [],
                fieldsToCorrect: [],
              },
              portalEvent: {
                kind: 'decision.rejected',
                payload: { reasonCodes, comment, decidedBy: person(user), ...letter.payload },
              },
            };
          },
          options,
        ),
      );
    },

    signOff(
      id: string,
      decision: 'approve' | 'return',
      comment: string | undefined,
      user: CurrentUser,
      options: ActionOptions = {},
    ): void {
      const action = decision === 'approve' ? 'signOffApprove' : 'signOffReturn';
      deciding(id, user, (withLetter) =>
        perform(
          id,
          action,
          user,
          (row, _procedure, _to, loaded) => {
            const requester = row.signoff_requested_by
              ? {
                  id: row.signoff_requested_by,
                  displayName:
                    deps.displayNameOf(row.signoff_requested_by) ?? row.signoff_requested_by,
                }
              : null;
            if (decision === 'approve') {
              const letter = withLetter(loaded, { kind: 'approval', comment: comment ?? null });
              return {
                history: 'signoff_approved',
                // The dashboard credits a signed-off decision to the clerk who proposed it.
                decidedBy: row.signoff_requested_by ?? user.id,
                details: { ...(comment ? { comment } : {}), ...letter.details },
                decision: {
                  kind: 'approved',
                  comment: comment ?? null,
                  reasonCodes: [],
                  missingDocuments: [],
                  fieldsToCorrect: [],
                },
                portalEvent: {
                  kind: 'decision.approved',
                  payload: {
                    decidedBy: requester ?? person(user),
                    signedOffBy: person(user),
                    ...(comment ? { comment } : {}),
                    ...letter.payload,
                  },
                },
              };
            }
            return {
              history: 'signoff_returned',
              details: { comment },
              // Back in review, the clerk decides again on the data as it now stands.
              set: { signoff_requested_by: null, portal_changes_json: null },
              decision: {
                kind: 'signoff_returned',
                comment: comment ?? null,
                reasonCodes: [],
                missingDocuments: [],
                fieldsToCorrect: [],
              },
              portalEvent: {
                kind: 'signoff.returned',
                payload: { comment, returnedBy: person(user) },
              },
            };
          },
          options,
        ),
      );
    },

    /**
     * The proposer takes back a decision waiting for sign-off (four-eyes forbids them to validate
     * it): back in review and held by them, told to the portal as a return by the proposer.
     */
    withdrawProposal(
      id: string,
      comment: string | undefined,
      user: CurrentUser,
      options: ActionOptions = {},
    ): void {
      perform(
        id,
        'withdrawProposal',
        user,
        () => {
          const said = comment ?? WITHDRAWN_COMMENT;
          return {
            history: 'proposal_withdrawn',
            details: comment ? { comment } : {},
            set: {
              signoff_requested_by: null,
              portal_changes_json: null,
              ...claimed(user, clock.now().toISOString()),
            },
            decision: {
              kind: 'signoff_returned',
              comment: said,
              reasonCodes: [],
              missingDocuments: [],
              fieldsToCorrect: [],
            },
            portalEvent: {
              kind: 'signoff.returned',
              payload: { comment: said, returnedBy: person(user) },
            },
          };
        },
        options,
      );
    },
  };
}
export type CaseWorkflowActions = ReturnType<typeof createCaseWorkflowActions>;
