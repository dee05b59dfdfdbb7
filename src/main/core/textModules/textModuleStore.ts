import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CurrentUser } from '../../../shared/api/types';
import {
  TEXT_MODULE_CONTEXTS,
  type TextModule,
  type TextModuleContext,
} from '../../../shared/textModules/textModule';
import { changedFields } from '../admin/changeSummary';
import { refusal } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import type { Clock } from '../clock';

/** A phrase as an administrator writes it (the contract's input). */
export interface TextModuleDraft {
  keyword: string;
  title: string;
  body: string;
  procedureCode: string | null;
  contexts: TextModuleContext[];
}

interface Row {
  id: string;
  office_code: string;
  procedure_code: string | null;
  keyword: string;
  title: string;
  body: string;
  for_reject: number;
  for_request_info: number;
  for_note: number;
  updated_at: string;
  updated_by: string;
  updated_by_name: string | null;
  retired_at: string | null;
}

const FLAG: Record<TextModuleContext, 'for_reject' | 'for_request_info' | 'for_note'> = {
  reject: 'for_reject',
  requestInfo: 'for_request_info',
  note: 'for_note',
};

const toModule = (row: Row): TextModule => ({
  id: row.id,
  origin: 'office',
  keyword: row.keyword,
  title: { fr: row.title, en: null },
  body: row.body,
  procedureCode: row.procedure_code,
  contexts: TEXT_MODULE_CONTEXTS.filter((context) => row[FLAG[context]] === 1),
  officeCode: row.office_code,
  updatedAt: row.updated_at,
  updatedBy: { id: row.updated_by, displayName: row.updated_by_name ?? row.updated_by },
  retiredAt: row.retired_at,
});

/** What the audit row records of a phrase: its fields, contexts in a fixed order. */
const recorded = (draft: TextModuleDraft) => ({
  keyword: draft.keyword,
  title: draft.title,
  procedureCode: draft.procedureCode,
  contexts: TEXT_MODULE_CONTEXTS.filter((context) => draft.contexts.includes(context)),
  body: draft.body,
});

const SELECT = `
  SELECT t.id, t.office_code, t.procedure_code, t.keyword, t.title, t.body, t.for_reject,
         t.for_request_info, t.for_note, t.updated_at, t.updated_by,
         u.display_name AS updated_by_name, t.retired_at
  FROM text_modules t LEFT JOIN users u ON u.id = t.updated_by`;

/**
 * The owner of `text_modules` (migration 031): an office's own phrases, scoped to the caller's
 * office, each change written with its audit row in one transaction. The shipped phrases come
 * from `resources/text-modules/` and are served beside them, read-only.
 */
export function createTextModules(deps: {
  db: Database.Database;
  audit: AuditLog;
  clock: Clock;
  shipped: readonly TextModule[];
  knownProcedure: (code: string) => boolean;
}) {
  const { db, audit, clock } = deps;
  const inForce = db.prepare<[string], Row>(
    `${SELECT} WHERE t.office_code = ? AND t.retired_at IS NULL ORDER BY t.keyword`,
  );
  const everyOne = db.prepare<[string], Row>(
    `${SELECT} WHERE t.office_code = ? ORDER BY t.retired_at IS NOT NULL, t.keyword`,
  );
  const byId = db.prepare<[string, string], Row>(`${SELECT} WHERE t.id = ? AND t.office_code = ?`);
  const keywordTaken = db.prepare<[string, string | null, string, string], { id: string }>(
    `SELECT id FROM text_modules
     WHERE office_code = ? AND ifnull(procedure_code, '') = ifnull(?, '') AND keyword = ?
       AND retired_at IS NULL AND id <> ?`,
  );
  const insert = db.prepare(
    `INSERT INTO text_modules (id, office_code, procedure_code, keyword, title, body, for_reject,
       for_request_info, for_note, created_at, created_by, updated_at, updated_by)
     VALUES (@id, @officeCode, @procedureCode, @keyword, @title, @body, @forReject,
       @forRequestInfo, @forNote, @at, @actorId, @at, @actorId)`,
  );
  const update = db.prepare(
    `UPDATE text_modules SET procedure_code = @procedureCode, keyword = @keyword, title = @title,
       body = @body, for_reject = @forReject, for_request_info = @forRequestInfo,
       for_note = @forNote, updated_at = @at, updated_by = @actorId
     WHERE id = @id AND office_code = @officeCode AND retired_at IS NULL`,
  );
  const retire = db.prepare(
    `UPDATE text_modules SET retired_at = @at, retired_by = @actorId, updated_at = @at,
       updated_by = @actorId
     WHERE id = @id AND office_code = @officeCode AND retired_at IS NULL`,
  );

  function check(draft: TextModuleDraft, officeCode: string, id: string): void {
    if (draft.procedureCode !== null && !deps.knownProcedure(draft.procedureCode)) {
      throw refusal(
        'invalid_input',
        'textModuleUnknownProcedure',
        { code: draft.procedureCode },
        'procedureCode',
      );
    }
    if (keywordTaken.get(officeCode, draft.procedureCode, draft.keyword, id)) {
      throw refusal('conflict', 'textModuleKeywordTaken', { keyword: draft.keyword }, 'keyword');
    }
  }

  function found(id: string, officeCode: string): Row {
    const row = byId.get(id, officeCode);
    // Another office's phrase is not there for this caller, as a missing one.
    if (!row || row.retired_at !== null) throw refusal('not_found', 'textModuleUnknown', {});
    return row;
  }

  const columns = (draft: TextModuleDraft) => ({
    procedureCode: draft.procedureCode,
    keyword: draft.keyword,
    title: draft.title,
    body: draft.body,
    forReject: Number(draft.contexts.includes('reject')),
    forRequestInfo: Number(draft.contexts.includes('requestInfo')),
    forNote: Number(draft.contexts.includes('note')),
  });

  const draftOf = (row: Row): TextModuleDraft => ({
    keyword: row.keyword,
    title: row.title,
    body: row.body,
    procedureCode: row.procedure_code,
    contexts: toModule(row).contexts,
  });

  return {
    /** The shipped phrases, then the caller's office's (retired ones on request). */
    list(user: CurrentUser, includeRetired: boolean): TextModule[] {
      const own = (includeRetired ? everyOne : inForce).all(user.officeCode).map(toModule);
      return [...deps.shipped, ...own];
    },

    create(draft: TextModuleDraft, actor: CurrentUser): TextModule {
      const id = randomUUID();
      const at = clock.now().toISOString();
      return db.transaction(() => {
        check(draft, actor.officeCode, id);
        insert.run({ id, officeCode: actor.officeCode, at, actorId: actor.id, ...columns(draft) });
        audit.append({
          at,
          actorId: actor.id,
          officeCode: actor.officeCode,
          action: 'textModule.created',
          entityType: 'text_module',
          entityId: id,
          summary: { keyword: draft.keyword, before: null, after: recorded(draft) },
        });
        return toModule(byId.get(id, actor.officeCode)!);
      })();
    },

    update(id: string, draft: TextModuleDraft, actor: CurrentUser): TextModule {
      const at = clock.now().toISOString();
      return db.transaction(() => {
        const before = found(id, actor.officeCode);
        check(draft, actor.officeCode, id);
        const changes = changedFields(recorded(draftOf(before)), recorded(draft));
        if (!changes) return toModule(before);
        update.run({ id, officeCode: actor.officeCode, at, actorId: actor.id, ...columns(draft) });
        audit.append({
          at,
          actorId: actor.id,
          officeCode: actor.officeCode,
          action: 'textModule.updated',
          entityType: 'text_module',
          entityId: id,
          summary: { keyword: draft.keyword, ...changes },
        });
        return toModule(byId.get(id, actor.officeCode)!);
      })();
    },

    retire(id: string, actor: CurrentUser): TextModule {
      const at = clock.now().toISOString();
      return db.transaction(() => {
        const row = found(id, actor.officeCode);
        retire.run({ id, officeCode: actor.officeCode, at, actorId: actor.id });
        audit.append({
          at,
          actorId: actor.id,
          officeCode: actor.officeCode,
          action: 'textModule.retired',
          entityType: 'text_module',
          entityId: id,
          summary: { keyword: row.keyword, title: row.title },
        });
        return toModule(byId.get(id, actor.officeCode)!);
      })();
    },
  };
}
export type TextModules = ReturnType<typeof createTextModules>;
