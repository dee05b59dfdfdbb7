import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { TRAINING_USERS } from '../../src/main/core/auth/trainingUsers';
import { createUsersRepository } from '../../src/main/core/auth/usersRepository';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { createApplicationsRepository } from '../../src/main/core/cases/applicationsRepository';
import { openDatabase } from '../../src/main/core/db/openDatabase';
import { createInboxQueries } from '../../src/main/core/inbox/inboxQueries';
import { createWorkingCalendar, isoDateOf } from '../../src/shared/calendar/workingDays';
import { CASE_STATUSES, type CaseStatus } from '../../src/shared/domain/caseStatus';
import { officeForRegion } from '../../src/shared/domain/offices';
import type { PortalApplication } from '../../src/shared/portal/portalApplication';
import { generateApplication } from '../../src/simulator/generateApplication';
import { createRandom } from '../../src/simulator/random';
import { repoRoot, tempDir } from './paths';

const resourcesDir = join(repoRoot, 'resources');

export const TODAY = '2026-11-23';
const NOW = new Date(`${TODAY}T09:00:00Z`);

/** Names the search tests look for, planted on the first records. */
export const PLANTED: readonly (readonly [first: string, last: string])[] = [
  ['Éloi', 'Amégnran'],
  ['Yawa', 'KPODAR'],
  ['Koffi', 'Kpodar'],
  ['Aya', "N'Guessan"],
  ['Essi', "N'Kégbé"],
  ['Mawuli', 'Koudjo-Lawson'],
  ['Kodjo', 'Agbodjan'],
];

export function loadCalendar() {
  const file = join(resourcesDir, 'calendar', 'togo-holidays.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { holidays: { date: string }[] };
  return createWorkingCalendar(data.holidays.map((holiday) => holiday.date));
}

/**
 * A real SQLite file holding `size` generated cases ingested through the real repository (so the
 * FTS and tally triggers run), then worked on: statuses spread, a share assigned to each user.
 */
export function createInboxFixture(size: number, seed = 11) {
  const dir = tempDir('bureau-inbox-');
  const db = openDatabase(join(dir, 'bureau.sqlite'));
  const catalog = loadCatalog(join(resourcesDir, 'procedures'));
  const calendar = loadCalendar();
  const users = createUsersRepository(db);
  for (const user of TRAINING_USERS) users.insertIfMissing(user, NOW.toISOString());
  const repository = createApplicationsRepository(db);
  const rng = createRandom(seed);
  const records: PortalApplication[] = [];
  db.transaction(() => {
    for (let sequence = 1; sequence <= size; sequence++) {
      const record = generateApplication(rng, {
        sequence,
        procedures: catalog.procedures,
        now: NOW,
        withinDays: 45,
      });
      const planted = PLANTED[sequence - 1];
      if (planted)
        record.applicant = { ...record.applicant, firstName: planted[0], lastName: planted[1] };
      record.status = CASE_STATUSES[rng.int(0, CASE_STATUSES.length - 1)] as CaseStatus;
      records.push(record);
      const sla = catalog.get(record.procedureCode)?.slaWorkingDays ?? 10;
      repository.upsertFromPortal(
        {
          record,
          officeCode: officeForRegion(record.applicant.region) ?? 'LOM',
          dueDate: calendar.addWorkingDays(isoDateOf(new Date(record.submittedAt)), sla),
        },
        NOW.toISOString(),
      );
    }
    const assign = db.prepare('UPDATE applications SET assignee_id = ? WHERE id = ?');
    records.forEach((record, index) => {
      if (index % 3 === 0) assign.run(TRAINING_USERS[index % TRAINING_USERS.length]?.id, record.id);
    });
  })();
  db.pragma('optimize');
  const inbox = createInboxQueries(db, calendar);
  const scope = inbox.scopeFor({ id: 'u-agent-kossi', officeCode: 'LOM' }, TODAY);
  return { db, dir, inbox, scope, records, calendar, close: () => db.close() };
}
export type InboxFixture = ReturnType<typeof createInboxFixture>;

/**
 * Every case in the reader's office: every queue is scoped to it (README « Who sees what »), so
 * tests about search or paging over the whole cache first bring the whole cache into it.
 */
export function intoReadersOffice(fixture: InboxFixture): void {
  fixture.db
    .prepare('UPDATE applications SET office_code = ? WHERE office_code <> ?')
    .run(fixture.scope.officeCode, fixture.scope.officeCode);
}

export function listAll(
  fixture: InboxFixture,
  query: Parameters<InboxFixture['inbox']['list']>[0],
) {
  return fixture.inbox.list(query, fixture.scope);
}

export type { Database };
