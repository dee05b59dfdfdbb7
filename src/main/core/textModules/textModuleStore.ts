import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CurrentUser } from '../../../shared/api/types';
import {
  TEXT_MODULE_CONTEXTS,
  type PortalTextModule,
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
  portal_version: number;
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
         u.display_name AS updated_by_name, t.retired_at, t.portal_version
  FROM text_modules t LEFT JOIN users u ON u.id = t.updated_by`;

/**
 * Where an enrolled desk's office phrases live (textModulePortal.ts): the portal, shared by the
 * office's desks. Absent or inactive (a desk alone, a portal without the feature): on this desk.
 */
export interface TextModulePublisher {
  active(): boolean;
  /** The phrase written on the portal, or a refusal (DomainError) to show the administrator. */
  publish(
    id: string,
    expectedVersion: number,
    write: TextModuleDraft & { retired: boolean },
    actor: CurrentUser,
  ): Promise<PortalTextModule>;
}

/**
 * The owner of `text_modules` (migrations 031, 032): an office's own phrases, scoped to the
 * caller's office, each change written with its audit row in one transaction. The shipped phrases
 * come from `resources/text-modules/` and are served beside them, read-only. On an enrolled desk
 * a change is written on the portal first and here once accepted; the other desks' changes come
 * in through `replicate` (sync/pullTextModules.ts).
 */
export function createTextModules(deps: {
  db: Database.Database;
  audit: AuditLog;
  clock: Clock;
  shipped: readonly TextModule[];
  knownProcedure: (code: string) => boolean;
  publisher?: TextModulePublisher;
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
  // The portal's phrase, newer than what this desk holds (or new here).
  const upsertFromPortal = db.prepare(
    `INSERT INTO text_modules (id, office_code, procedure_code, keyword, title, body, for_reject,
       for_request_info, for_note, created_at, created_by, updated_at, updated_by, retired_at,
       retired_by, portal_version)
     VALUES (@id, @officeCode, @procedureCode, @keyword, @title, @body, @forReject,
       @forRequestInfo, @forNote, @at, @actorId, @at, @actorId, @retiredAt, @retiredBy, @version)
     ON CONFLICT (id) DO UPDATE SET procedure_code = excluded.procedure_code,
       keyword = excluded.keyword, title = excluded.title, body = excluded.body,
       for_reject = excluded.for_reject, for_request_info = excluded.for_request_info,
       for_note = excluded.for_note, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by, retired_at = excluded.retired_at,
       retired_by = excluded.retired_by, portal_version = excluded.portal_version
     WHERE excluded.portal_version > text_modules.portal_version
       AND excluded.office_code = text_modules.office_code`,
  );
  const writeFromPortal = (item: PortalTextModule, officeCode: string): boolean =>
    upsertFromPortal.run({
      id: item.id,
      officeCode,
      at: item.updatedAt,
      actorId: item.updatedBy.id,
      retiredAt: item.retired ? item.updatedAt : null,
      retiredBy: item.retired ? item.updatedBy.id : null,
      version: item.version,
      ...columns(item),
    }).changes > 0;
  const published = () => deps.publisher?.active() === true;

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

  const audited = (
    action: 'textModule.created' | 'textModule.updated' | 'textModule.retired',
    id: string,
    actor: CurrentUser,
    at: string,
    summary: Record<string, unknown>,
  ) =>
    audit.append({
      at,
      actorId: actor.id,
      officeCode: actor.officeCode,
      action,
      entityType: 'text_module',
      entityId: id,
      summary,
    });

  return {
    /** The shipped phrases, then the caller's office's (retired ones on request). */
    list(user: CurrentUser, includeRetired: boolean): TextModule[] {
      const own = (includeRetired ? everyOne : inForce).all(user.officeCode).map(toModule);
      return [...deps.shipped, ...own];
    },

    async create(draft: TextModuleDraft, actor: CurrentUser): Promise<TextModule> {
      const id = randomUUID();
      if (published()) {
        check(draft, actor.officeCode, id);
        const item = await deps.publisher!.publish(id, 0, { ...draft, retired: false }, actor);
        return db.transaction(() => {
          writeFromPortal(item, actor.officeCode);
          audited('textModule.created', id, actor, item.updatedAt, {
            keyword: draft.keyword,
            before: null,
            after: recorded(draft),
          });
          return toModule(byId.get(id, actor.officeCode)!);
        })();
      }
      const at = clock.now().toISOString();
      return db.transaction(() => {
        check(draft, actor.officeCode, id);
        insert.run({ id, officeCode: actor.officeCode, at, actorId: actor.id, ...columns(draft) });
        audited('textModule.created', id, actor, at, {
          keyword: draft.keyword,
          before: null,
          after: recorded(draft),
        });
        return toModule(byId.get(id, actor.officeCode)!);
      })();
    },

    async update(id: string, draft: TextModuleDraft, actor: CurrentUser): Promise<TextModule> {
      const current = found(id, actor.officeCode);
      check(draft, actor.officeCode, id);
      const changes = changedFields(recorded(draftOf(current)), recorded(draft));
      if (!changes) return toModule(current);
      if (published()) {
        const item = await deps.publisher!.publish(
          id,
          current.portal_version,
          { ...draft, retired: false },
          actor,
        );
        return db.transaction(() => {
          writeFromPortal(item, actor.officeCode);
          audited('textModule.updated', id, actor, item.updatedAt, {
            keyword: draft.keyword,
            ...changes,
          });
          return toModule(byId.get(id, actor.officeCode)!);
        })();
      }
      const at = clock.now().toISOString();
      return db.transaction(() => {
        const before = found(id, actor.officeCode);
        check(draft, actor.officeCode, id);
        const changed = changedFields(recorded(draftOf(before)), recorded(draft));
        if (!changed) return toModule(before);
        update.run({ id, officeCode: actor.officeCode, at, actorId: actor.id, ...columns(draft) });
        audited('textModule.updated', id, actor, at, { keyword: draft.keyword, ...changed });
        return toModule(byId.get(id, actor.officeCode)!);
      })();
    },

    async retire(id: string, actor: CurrentUser): Promise<TextModule> {
      const current = found(id, actor.officeCode);
      const summary = { keyword: current.keyword, title: current.title };
      if (published()) {
        const item = await deps.publisher!.publish(
          id,
          current.portal_version,
          { ...draftOf(current), retired: true },
          actor,
        );
        return db.transaction(() => {
          writeFromPortal(item, actor.officeCode);
          audited('textModule.retired', id, actor, item.updatedAt, summary);
          return toModule(byId.get(id, actor.officeCode)!);
        })();
      }
      const at = clock.now().toISOString();
      return db.transaction(() => {
        found(id, actor.officeCode);
        retire.run({ id, officeCode: actor.officeCode, at, actorId: actor.id });
        audited('textModule.retired', id, actor, at, summary);
        return toModule(byId.get(id, actor.officeCode)!);
      })();
    },

    /**
     * The office's phrases other desks wrote, from the portal's feed (inside the pull's
     * transaction): each one kept when newer than this desk's. Answers how many changed here.
     */
    replicate(items: readonly PortalTextModule[], officeCode: string): number {
      let changed = 0;
      for (const item of items) if (writeFromPortal(item, officeCode)) changed++;
      return changed;
    },
  };
}
export type TextModules = ReturnType<typeof createTextModules>;
