import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createApplicationsRepository,
  type IncomingApplication,
  type PortalTransition,
} from '../../src/main/core/cases/applicationsRepository';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { openDatabase } from '../../src/main/core/db/openDatabase';
import type { PortalApplication } from '../../src/shared/portal/portalApplication';
import { generateApplication } from '../../src/simulator/generateApplication';
import { createRandom } from '../../src/simulator/random';
import { repoRoot, tempDir } from '../support/paths';

/**
 * The batch upsert of a page (migration 006: new cases indexed for search by the repository, in
 * one statement per batch) keeps the guarantees of the record-by-record path.
 */
const catalog = loadCatalog(join(repoRoot, 'resources', 'procedures'));
const NOW = '2026-11-23T09:00:00.000Z';
// Generated once (attachments are rendered on first use): each test works on its own copies.
const rng = createRandom(5);
const generated = Array.from({ length: 60 }, (_, index) =>
  generateApplication(rng, {
    sequence: index + 1,
    procedures: catalog.procedures,
    now: new Date(NOW),
  }),
);
const opened: Database.Database[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()?.close();
});

function setup() {
  const db = openDatabase(join(tempDir('bureau-ingest-'), 'bureau.sqlite'));
  opened.push(db);
  const transitions: PortalTransition[] = [];
  const repository = createApplicationsRepository(db, {
    onPortalTransition: (transition) => {
      // Called before the new status is written: the row still holds the old one.
      const stored = db
        .prepare('SELECT status FROM applications WHERE id = ?')
        .pluck()
        .get(transition.incoming.record.id);
      transitions.push({ ...transition, stored } as PortalTransition & { stored: unknown });
      return { seen: true };
    },
  });
  const records = structuredClone(generated);
  const incoming = (record: PortalApplication, officeCode = 'LOM'): IncomingApplication => ({
    record,
    officeCode,
    dueDate: '2026-12-01',
  });
  const scalar = <T>(sql: string, ...params: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...params) as T;
  const search = (word: string) =>
    db
      .prepare('SELECT rowid FROM inbox_search WHERE inbox_search MATCH ?')
      .pluck()
      .all(`"${word}"`);
  return { db, repository, records, incoming, scalar, search, transitions };
}

describe('batch upsert from the portal', () => {
  it('inserts a batch with its documents, history lines and search entries', () => {
    const { db, repository, records, incoming, scalar, search } = setup();
    const outcomes = db.transaction(() =>
      repository.upsertManyFromPortal(
        records.map((record) => incoming(record)),
        NOW,
      ),
    )();
    expect(outcomes).toEqual(records.map(() => 'inserted'));
    expect(scalar('SELECT count(*) FROM applications')).toBe(60);
    const documents = records.reduce((sum, record) => sum + record.documents.length, 0);
    expect(scalar('SELECT count(*) FROM documents')).toBe(documents);
    expect(scalar("SELECT count(*) FROM history_events WHERE kind = 'received'")).toBe(60);
    const sample = records[37]!;
    const rowid = scalar<number>('SELECT rowid FROM applications WHERE id = ?', sample.id);
    expect(search(sample.reference.toLowerCase())).toEqual([rowid]);
    expect(search(sample.applicant.phone.replace(/\D/g, '').slice(3))).toContain(rowid);
    const integrity = db
      .prepare("INSERT INTO inbox_search (inbox_search, rank) VALUES ('integrity-check', 0)")
      .run();
    expect(integrity.changes).toBeGreaterThanOrEqual(0);
    expect(scalar('SELECT sum(n) FROM inbox_tallies')).toBe(60);
  });

  it('replays change nothing; newer versions replace older ones, in order within a batch', () => {
    const { db, repository, records, incoming, scalar, transitions } = setup();
    const [first, second] = records as [PortalApplication, PortalApplication];
    db.transaction(() => repository.upsertManyFromPortal([incoming(first)], NOW))();
    const before = scalar<string>('SELECT record_json FROM applications WHERE id = ?', first.id);
    db.prepare("UPDATE applications SET due_date = '2027-01-15' WHERE id = ?").run(first.id);

    const v2 = { ...first, version: 2, status: 'in_review' as const, updatedAt: NOW };
    const v3 = { ...first, version: 3, status: 'info_requested' as const, updatedAt: NOW };
    const outcomes = db.transaction(() =>
      repository.upsertManyFromPortal(
        [
          incoming(first), // replay
          incoming(v3),
          incoming(v2), // older than what the batch just applied
          incoming(second),
          incoming({ ...second, version: 2, status: 'withdrawn' }), // new, then updated
        ],
        NOW,
      ),
    )();
    expect(outcomes).toEqual(['unchanged', 'updated', 'unchanged', 'inserted', 'updated']);
    expect(scalar('SELECT portal_version FROM applications WHERE id = ?', first.id)).toBe(3);
    expect(scalar('SELECT status FROM applications WHERE id = ?', first.id)).toBe('info_requested');
    expect(scalar('SELECT record_json FROM applications WHERE id = ?', first.id)).not.toBe(before);
    // The deadline is the workflow's, never rewritten by a portal update.
    expect(scalar('SELECT due_date FROM applications WHERE id = ?', first.id)).toBe('2027-01-15');
    expect(scalar('SELECT status FROM applications WHERE id = ?', second.id)).toBe('withdrawn');
    // The hook saw each status change before it was written.
    expect(
      transitions.map((t) => [t.fromStatus, t.toStatus, (t as { stored?: unknown }).stored]),
    ).toEqual([
      ['submitted', 'info_requested', 'submitted'],
      ['submitted', 'withdrawn', 'submitted'],
    ]);
    const kinds = db
      .prepare('SELECT kind, details_json FROM history_events WHERE application_id = ? ORDER BY id')
      .all(first.id) as { kind: string; details_json: string }[];
    expect(kinds.map((row) => row.kind)).toEqual(['received', 'portal_status_changed']);
    expect(JSON.parse(kinds[1]!.details_json)).toMatchObject({
      fromVersion: 1,
      version: 3,
      seen: true,
    });
  });

  it('asks beforeUpdate for newer versions of cached cases only, and holds what it refuses', () => {
    const { db, repository, records, incoming, scalar } = setup();
    const [cached, fresh] = records as [PortalApplication, PortalApplication];
    db.transaction(() => repository.upsertManyFromPortal([incoming(cached)], NOW))();
    const asked: string[] = [];
    const outcomes = db.transaction(() =>
      repository.upsertManyFromPortal(
        [
          incoming(cached),
          incoming({ ...cached, version: 2, status: 'in_review' }),
          incoming(fresh),
        ],
        NOW,
        (item) => {
          asked.push(`${item.record.id}@${item.record.version}`);
          return true;
        },
      ),
    )();
    expect(asked).toEqual([`${cached.id}@2`]);
    expect(outcomes).toEqual(['unchanged', 'held', 'inserted']);
    expect(scalar('SELECT portal_version FROM applications WHERE id = ?', cached.id)).toBe(1);
  });

  it('reads a held case again when the batch holds a later copy of it', () => {
    const { db, repository, records, incoming, scalar } = setup();
    const [cached] = records as [PortalApplication];
    db.transaction(() => repository.upsertManyFromPortal([incoming(cached)], NOW))();
    const v2 = { ...cached, version: 2, status: 'in_review' as const };
    const v3 = { ...cached, version: 3, status: 'approved' as const };
    const outcomes = db.transaction(() =>
      repository.upsertManyFromPortal([incoming(v2), incoming(v3)], NOW, (item) => {
        if (item.record.version !== 2) return false;
        // As conflicts.ts does with a version made by our own actions: taken in, held.
        db.prepare(
          "UPDATE applications SET portal_version = 2, status = 'in_review' WHERE id = ?",
        ).run(item.record.id);
        return true;
      }),
    )();
    expect(outcomes).toEqual(['held', 'updated']);
    const change = db
      .prepare(
        "SELECT from_status, to_status, details_json FROM history_events WHERE kind = 'portal_status_changed'",
      )
      .get() as { from_status: string; to_status: string; details_json: string };
    expect(change).toMatchObject({ from_status: 'in_review', to_status: 'approved' });
    expect(JSON.parse(change.details_json)).toMatchObject({ fromVersion: 2, version: 3 });
    expect(scalar('SELECT is_open FROM applications WHERE id = ?', cached.id)).toBe(0);
  });
});
