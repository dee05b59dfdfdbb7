import type Database from 'better-sqlite3';
import type { WorkingCalendar } from '../../../shared/calendar/workingDays';
import { isoDateOf } from '../../../shared/calendar/workingDays';
import type { Catalog } from '../catalog/loadCatalog';
import type { ApplicationsRepository } from '../cases/applicationsRepository';
import type { Clock } from '../clock';
import type { PortalClient } from './portalClient';
import type { SyncStateStore } from './syncStateStore';
import { validatePortalRecord } from './validatePortalRecord';

export interface PullDependencies {
  db: Database.Database;
  portal: PortalClient;
  catalog: Catalog;
  calendar: WorkingCalendar;
  applications: ApplicationsRepository;
  syncState: SyncStateStore;
  clock: Clock;
}

export interface PageOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  changedIds: string[];
}

export interface PullProgress extends PageOutcome {
  pages: number;
}

const MAX_RAW_LENGTH = 100_000;

function safeStringify(raw: unknown): string {
  try {
    const text = JSON.stringify(raw) ?? String(raw);
    return text.length > MAX_RAW_LENGTH ? `${text.slice(0, MAX_RAW_LENGTH)}…` : text;
  } catch {
    return String(raw).slice(0, MAX_RAW_LENGTH);
  }
}

/**
 * Pulls the portal's change feed from the stored cursor to its end. Each page is applied in one
 * transaction together with the cursor that follows it, so a crash never skips or half-applies a
 * page; malformed records go to quarantine and the rest of the page still lands.
 */
export function createPuller(deps: PullDependencies) {
  const quarantine = deps.db.prepare(
    'INSERT INTO quarantine (received_at, portal_id, reason, raw_json) VALUES (?, ?, ?, ?)',
  );

  const applyPage = deps.db.transaction((items: unknown[], nextCursor: string): PageOutcome => {
    const now = deps.clock.now().toISOString();
    const outcome: PageOutcome = {
      inserted: 0,
      updated: 0,
      unchanged: 0,
      quarantined: 0,
      changedIds: [],
    };
    for (const raw of items) {
      const check = validatePortalRecord(raw, deps.catalog);
      if (!check.ok) {
        quarantine.run(now, check.portalId, check.reason, safeStringify(raw));
        outcome.quarantined++;
        continue;
      }
      const procedure = deps.catalog.get(check.record.procedureCode);
      const submittedOn = isoDateOf(new Date(check.record.submittedAt));
      const dueDate = deps.calendar.addWorkingDays(submittedOn, procedure?.slaWorkingDays ?? 0);
      const result = deps.applications.upsertFromPortal(
        { record: check.record, officeCode: check.officeCode, dueDate },
        now,
      );
      outcome[result]++;
      if (result !== 'unchanged') outcome.changedIds.push(check.record.id);
    }
    deps.syncState.set('pull_cursor', nextCursor);
    return outcome;
  });

  return {
    async pull(options: {
      pageSize: number;
      onPage?: (progress: PullProgress) => void;
    }): Promise<PullProgress> {
      const total: PullProgress = {
        pages: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        quarantined: 0,
        changedIds: [],
      };
      for (;;) {
        const cursor = deps.syncState.get('pull_cursor');
        const page = await deps.portal.fetchApplications(cursor, options.pageSize);
        const outcome = applyPage(page.items, page.nextCursor);
        total.pages++;
        total.inserted += outcome.inserted;
        total.updated += outcome.updated;
        total.unchanged += outcome.unchanged;
        total.quarantined += outcome.quarantined;
        total.changedIds.push(...outcome.changedIds);
        options.onPage?.({ ...total, changedIds: outcome.changedIds });
        if (!page.hasMore || page.items.length === 0) break;
        // Give the event loop a turn between pages so the UI transport stays responsive.
        await new Promise((resolve) => setImmediate(resolve));
      }
      deps.syncState.set('last_success_at', deps.clock.now().toISOString());
      return total;
    },
  };
}
export type Puller = ReturnType<typeof createPuller>;
