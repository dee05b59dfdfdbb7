import type Database from 'better-sqlite3';
import { isoDateOf } from '../../../shared/calendar/workingDays';
import type { PortalApplication } from '../../../shared/portal/portalApplication';
import type { Handlers } from '../api/dispatcher';
import { DomainError } from '../api/domainError';
import type { Clock } from '../clock';
import type { InboxQueries } from '../inbox/inboxQueries';

export function createCaseHandlers(
  db: Database.Database,
  inbox: InboxQueries,
  clock: Clock,
): Pick<Handlers, 'cases.get'> {
  const recordOf = db.prepare<[string], { record_json: string }>(
    'SELECT record_json FROM applications WHERE id = ?',
  );
  return {
    'cases.get': ({ id }) => {
      const row = inbox.row(id, isoDateOf(clock.now()));
      const stored = recordOf.get(id);
      if (!row || !stored) {
        throw new DomainError(
          'not_found',
          "Ce dossier n'existe pas dans le cache local. Synchronisez puis réessayez.",
        );
      }
      return { row, record: JSON.parse(stored.record_json) as PortalApplication };
    },
  };
}
