import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApplicationsRepository } from '../../src/main/core/cases/applicationsRepository';
import { createPortalTransitionHook } from '../../src/main/core/cases/portalTransitions';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { parseJsonColumn } from '../../src/main/core/db/jsonColumn';
import { openDatabase } from '../../src/main/core/db/openDatabase';
import {
  caseDecision,
  changedDates,
  storedPortalChangesOf,
  storedRecordOf,
} from '../../src/main/core/db/storedColumns';
import { DEFAULT_TUNING } from '../../src/main/core/sync/backoff';
import { createConflicts } from '../../src/main/core/sync/conflicts';
import { createOutbox } from '../../src/main/core/sync/outbox';
import type { PortalClient } from '../../src/main/core/sync/portalClient';
import { createPuller } from '../../src/main/core/sync/pullApplications';
import { createQuarantine } from '../../src/main/core/sync/quarantine';
import { createSyncStateStore } from '../../src/main/core/sync/syncStateStore';
import { validatePortalRecord } from '../../src/main/core/sync/validatePortalRecord';
import type { CaseDecision } from '../../src/shared/api/caseTypes';
import { createWorkingCalendar } from '../../src/shared/calendar/workingDays';
import {
  portalApplication,
  type PortalApplication,
} from '../../src/shared/portal/portalApplication';
import { accumulatePortalChanges, reviewedChanges } from '../../src/shared/portal/reviewedChanges';
import { generateApplication } from '../../src/simulator/generateApplication';
import { createRandom } from '../../src/simulator/random';
import { repoRoot, tempDir } from '../support/paths';

/**
 * The JSON columns of the cache read back through schemas of what Bureau wrote there
 * (src/main/core/db/storedColumns.ts): what was stored reads back whole, in every shape an
 * earlier version may have left; another shape names its table, column and row.
 */
const catalog = loadCatalog(join(repoRoot, 'resources', 'procedures'));
const NOW = '2026-11-23T09:00:00.000Z';
const rng = createRandom(14);
/** Records as the pull stores them: generated, then accepted by the ingest validation. */
const accepted = Array.from({ length: 40 }, (_, index) => {
  const raw = generateApplication(rng, {
    sequence: index + 1,
    procedures: catalog.procedures,
    now: new Date(NOW),
  });
  const check = validatePortalRecord(raw, catalog, new Date(NOW));
  if (!check.ok) throw new Error(check.reason);
  return check.record;
});
const fresh = (index: number) => structuredClone(accepted[index]!);

describe('applications.record_json', () => {
  it('reads back every record the ingest accepted, whole and in its stored order', () => {
    for (const record of accepted) {
      const stored = JSON.stringify(record);
      const read = storedRecordOf(record.id, stored);
      expect(read).toEqual(record);
      // Nothing dropped, added or reordered: serialized again, it is the very text stored.
      expect(JSON.stringify(read)).toBe(stored);
    }
  });

  it('keeps fields it does not know, at every level', () => {
    const raw = fresh(0) as PortalApplication & Record<string, unknown>;
    raw.channel = { kind: 'guichet', office: 'LOM' };
    (raw.applicant as Record<string, unknown>).nationality = 'TG';
    raw.documents.push({
      id: 'piece-extra',
      code: 'CNI',
      fileName: 'cni.pdf',
      mimeType: 'application/pdf',
      size: 1200,
      sha256: 'a'.repeat(64),
      pages: 2,
    });
    raw.appliedEvents = [{ idempotencyKey: 'key-00000001', version: 2, kind: 'case.claimed' }];
    const check = validatePortalRecord(raw, catalog, new Date(NOW));
    if (!check.ok) throw new Error(check.reason);
    // Stored as the pull stores it: the ingest's output, unknown fields after the known ones.
    const stored = JSON.stringify(check.record);
    const read = storedRecordOf(raw.id, stored);
    expect(read).toEqual(raw);
    expect(JSON.stringify(read)).toBe(stored);
  });

  it('still opens rows that earlier versions accepted and today’s ingest would refuse', () => {
    // Before issue 13, document ids were any short text and control characters were let in.
    const record = fresh(1);
    record.documents = [
      {
        id: 'pièce 1/recto',
        code: 'CNI',
        fileName: 'cni.pdf',
        mimeType: 'image/jpeg',
        size: 10,
        sha256: 'b'.repeat(64),
      },
    ];
    record.applicant.address = 'Quartier Bè\tLomé';
    record.form = { ...record.form, note: 'ligne\u0007cloche' };
    expect(portalApplication.safeParse(record).success).toBe(false);
    const stored = JSON.stringify(record);
    expect(JSON.stringify(storedRecordOf(record.id, stored))).toBe(stored);
  });

  it('refuses another shape, naming the table, the column, the row and what is wrong', () => {
    const at = /^applications\.record_json \(applications app-x\): /;
    const { documents: _documents, ...withoutDocuments } = fresh(2);
    expect(() => storedRecordOf('app-x', JSON.stringify(withoutDocuments))).toThrow(at);
    expect(() => storedRecordOf('app-x', JSON.stringify(withoutDocuments))).toThrow(/documents/);
    expect(() => storedRecordOf('app-x', JSON.stringify({ ...fresh(2), form: [] }))).toThrow(
      /form/,
    );
    expect(() => storedRecordOf('app-x', JSON.stringify({ ...fresh(2), status: 'lost' }))).toThrow(
      /status/,
    );
    expect(() =>
      storedRecordOf('app-x', JSON.stringify({ ...fresh(2), applicant: { firstName: 'Ama' } })),
    ).toThrow(/applicant\.lastName/);
    expect(() => storedRecordOf('app-x', '{}')).toThrow(at);
    expect(() => storedRecordOf('app-x', '{"id":')).toThrow(/not JSON$/);
  });
});

describe('applications.portal_changes_json', () => {
  it('reads back what accumulatePortalChanges wrote, document changes included', () => {
    const before = fresh(3);
    const after = structuredClone(before);
    after.applicant.city = 'Kpalimé';
    after.company = null;
    after.documents = [
      {
        id: 'piece-new',
        code: 'CNI',
        fileName: 'cni.pdf',
        mimeType: 'application/pdf',
        size: 10,
        sha256: 'c'.repeat(64),
      },
    ];
    const changes = accumulatePortalChanges(null, reviewedChanges(before, after), {
      detectedAt: NOW,
      version: 4,
    });
    expect(changes?.changes.some((change) => change.path.startsWith('documents.'))).toBe(true);
    const stored = JSON.stringify(changes);
    expect(storedPortalChangesOf('app-y', stored)).toEqual(changes);
    expect(JSON.stringify(storedPortalChangesOf('app-y', stored))).toBe(stored);
    expect(storedPortalChangesOf('app-y', null)).toBeNull();
  });

  it('refuses another shape, naming the column and the row', () => {
    expect(() => storedPortalChangesOf('app-y', '{"changes":"prénom"}')).toThrow(
      /^applications\.portal_changes_json \(applications app-y\): [\s\S]*changes/,
    );
    expect(() =>
      storedPortalChangesOf(
        'app-y',
        JSON.stringify({
          detectedAt: NOW,
          version: 4,
          omitted: 0,
          changes: [{ path: 'form.x', from: ['a'], to: 1 }],
        }),
      ),
    ).toThrow(/from/);
  });
});

describe('applications.decision_json', () => {
  const where = { table: 'applications', column: 'decision_json', rowId: 'app-z' };
  const decision: CaseDecision = {
    kind: 'rejected',
    at: NOW,
    by: { id: 'u-agent-kossi', displayName: 'Kossi Mensah' },
    comment: 'Pièce illisible',
    reasonCodes: ['DOC_ILLISIBLE'],
    missingDocuments: [],
    fieldsToCorrect: [],
  };

  it('reads back the case writer’s decision, whole', () => {
    const stored = JSON.stringify(decision);
    expect(parseJsonColumn(caseDecision, stored, where)).toEqual(decision);
    const approved = JSON.stringify({ ...decision, kind: 'approved', comment: null });
    expect(JSON.stringify(parseJsonColumn(caseDecision, approved, where))).toBe(approved);
  });

  it('refuses another shape, naming the column and the row', () => {
    const { by: _by, ...withoutAuthor } = decision;
    expect(() => parseJsonColumn(caseDecision, JSON.stringify(withoutAuthor), where)).toThrow(
      /^applications\.decision_json \(applications app-z\): [\s\S]*by/,
    );
    expect(() =>
      parseJsonColumn(caseDecision, JSON.stringify({ ...decision, kind: 'archived' }), where),
    ).toThrow(/kind/);
  });
});

describe('holiday_recompute.changed_dates', () => {
  const where = { table: 'holiday_recompute', column: 'changed_dates', rowId: 1 };

  it('reads back the pending dates', () => {
    expect(parseJsonColumn(changedDates, '["2026-11-24","2026-12-25"]', where)).toEqual([
      '2026-11-24',
      '2026-12-25',
    ]);
  });

  it('refuses another shape, naming the column', () => {
    expect(() => parseJsonColumn(changedDates, '"2026-11-24"', where)).toThrow(
      /^holiday_recompute\.changed_dates \(holiday_recompute 1\): .*expected array/,
    );
  });
});

describe('a cached row of another shape during a pull', () => {
  const opened: Database.Database[] = [];
  afterEach(() => {
    while (opened.length > 0) opened.pop()?.close();
  });

  it('quarantines only that record, in French and naming the row; the rest of the page lands', async () => {
    const db = openDatabase(join(tempDir('bureau-stored-'), 'bureau.sqlite'));
    opened.push(db);
    const calendar = createWorkingCalendar([]);
    const applications = createApplicationsRepository(db, {
      onPortalTransition: createPortalTransitionHook(db, calendar, () => 10),
    });
    const pages: unknown[][] = [];
    let sequence = 0;
    const portal: PortalClient = {
      fetchApplications() {
        const items = pages.shift() ?? [];
        sequence++;
        return Promise.resolve({ items, nextCursor: `c:${sequence}`, hasMore: false });
      },
      postEvent: () => Promise.reject(new Error('read-only')),
      isReachable: () => Promise.resolve(true),
      openDocument: () => Promise.reject(new Error('no documents')),
      detectApi: () => Promise.resolve({ version: 1 }),
      v2: () => Promise.reject(new Error('v1 only')),
    };
    const puller = createPuller({
      db,
      portal,
      catalog,
      calendar,
      applications,
      syncState: createSyncStateStore(db),
      conflicts: createConflicts(db, createOutbox(db)),
      quarantine: createQuarantine(db),
      clock: { now: () => new Date(NOW) },
      tuning: DEFAULT_TUNING,
    });
    const scalar = <T>(sql: string, ...params: unknown[]) =>
      db
        .prepare(sql)
        .pluck()
        .get(...params) as T;

    const [decided, waiting, other] = [fresh(4), fresh(5), fresh(6)];
    decided.status = 'approved';
    waiting.status = 'info_requested';
    pages.push([decided, waiting, other]);
    expect((await puller.pull({ pageSize: 50 })).inserted).toBe(3);

    // Both cached records lost their documents list (a hand edit, a bug of some version).
    const broken = (id: string) => {
      const record = JSON.parse(
        scalar<string>('SELECT record_json FROM applications WHERE id = ?', id),
      ) as Record<string, unknown>;
      delete record.documents;
      db.prepare('UPDATE applications SET record_json = ? WHERE id = ?').run(
        JSON.stringify(record),
        id,
      );
    };
    broken(decided.id);
    broken(waiting.id);
    const next = (record: PortalApplication, change: Partial<PortalApplication>) => ({
      ...record,
      ...change,
      version: record.version + 1,
      updatedAt: NOW,
    });
    // The decided case's new version is compared with the stored one (noteChangesAfterDecision),
    // the reply with the record it answers (the portal transition hook).
    pages.push([
      next(decided, { applicant: { ...decided.applicant, city: 'Kpalimé' } }),
      next(waiting, { status: 'in_review' }),
      next(other, { status: 'withdrawn' }),
    ]);
    const progress = await puller.pull({ pageSize: 50 });

    expect(progress).toMatchObject({ updated: 1, quarantined: 2 });
    expect(scalar('SELECT status FROM applications WHERE id = ?', other.id)).toBe('withdrawn');
    expect(scalar('SELECT portal_version FROM applications WHERE id = ?', decided.id)).toBe(
      decided.version,
    );
    expect(scalar('SELECT status FROM applications WHERE id = ?', waiting.id)).toBe(
      'info_requested',
    );
    expect(createSyncStateStore(db).get('pull_cursor')).toBe(`c:${sequence}`);
    const reasons = db
      .prepare('SELECT portal_id, reason FROM quarantine ORDER BY portal_id')
      .all() as { portal_id: string; reason: string }[];
    expect(reasons.map((row) => row.portal_id)).toEqual([decided.id, waiting.id].sort());
    for (const { portal_id: id, reason } of reasons) {
      expect(reason).toMatch(/^enregistrement impossible à intégrer/);
      expect(reason).toContain(`applications.record_json (applications ${id})`);
      expect(reason).toMatch(/signalez-le à l'administrateur$/);
    }
  });
});
