import type Database from 'better-sqlite3';
import { isoDateOf } from '../../../shared/calendar/workingDays';
import type { PortalApplication } from '../../../shared/portal/portalApplication';
import { validateForm } from '../../../shared/catalog/validateForm';
import type { Handlers } from '../api/dispatcher';
import type { Catalog } from '../catalog/loadCatalog';
import { DomainError } from '../api/domainError';
import type { Clock } from '../clock';
import type { InboxQueries } from '../inbox/inboxQueries';
import type { CaseSyncState } from '../../../shared/api/syncTypes';

export function createCaseHandlers(
  db: Database.Database,
  inbox: InboxQueries,
  catalog: Catalog,
  clock: Clock,
  syncStateOf: (id: string) => CaseSyncState,
): Pick<Handlers, 'cases.get'> {
  const recordOf = db.prepare<[string], { record_json: string }>(
    'SELECT record_json FROM applications WHERE id = ?',
  );
  return {
    'cases.get': ({ id }) => {
      const today = isoDateOf(clock.now());
      const row = inbox.row(id, today);
      const stored = recordOf.get(id);
      const procedure = row ? catalog.get(row.procedureCode) : undefined;
      if (!row || !stored || !procedure) {
        throw new DomainError(
          'not_found',
          "Ce dossier n'existe pas dans le cache local. Synchronisez puis réessayez.",
        );
      }
      const record = JSON.parse(stored.record_json) as PortalApplication;
      return {
        row,
        record,
        procedure,
        formIssues: validateForm(procedure, record.form, today),
        sync: syncStateOf(id),
      };
    },
  };
}
