import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, openSyncCore, scalar, setFaults } from '../support/syncBureau';
import { call, startSimulator, tempDir } from '../support/testBureau';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup(
  seed: number,
  faults: Parameters<typeof setFaults>[1],
  tuning: Parameters<typeof openSyncCore>[0]['tuning'] = {},
) {
  const simulator = await startSimulator(4, seed);
  cleanups.push(() => simulator.close());
  await setFaults(simulator, faults);
  const dataDir = tempDir();
  const core = openSyncCore({ dataDir, portalUrl: simulator.url, token: simulator.token, tuning });
  cleanups.push(() => core.close());
  return { simulator, core, dataDir };
}

const states = (core: ReturnType<typeof openSyncCore>) =>
  core.db.prepare('SELECT state, count(*) AS n FROM documents GROUP BY state').all();

/** Waits until every document of the cache has downloaded. */
async function allDocumentsReady(core: ReturnType<typeof openSyncCore>): Promise<void> {
  const total = scalar<number>(core.db, 'SELECT count(*) FROM documents');
  await eventually(
    async () => {
      await core.sync.documentsIdle();
      return (
        scalar<number>(core.db, "SELECT count(*) FROM documents WHERE state = 'ready'") === total
      );
    },
    20_000,
    'all documents',
  );
}

describe('background document downloads', () => {
  it('resumes throttled, reset downloads from their .part with Range and verifies SHA-256', async () => {
    // Every failure that brings no byte counts toward giving up: a link this poor needs room.
    const { core, dataDir } = await setup(
      31,
      { resetRate: 0.4, attachmentBytesPerSecond: 400_000 },
      { downloadAttempts: 12 },
    );
    await core.sync.syncNow();
    // The case is usable at once, before its documents arrive.
    const id = scalar<string>(core.db, 'SELECT id FROM applications LIMIT 1');
    const early = await call(core, 'cases.get', { id });
    expect(early.sync.documents.length).toBeGreaterThan(0);

    await allDocumentsReady(core);
    const rows = core.db
      .prepare('SELECT id, application_id, sha256, local_path FROM documents')
      .all() as { id: string; application_id: string; sha256: string; local_path: string }[];
    for (const row of rows) {
      expect(row.local_path).toBe(join(dataDir, 'documents', row.sha256.slice(0, 2), row.sha256));
      const bytes = readFileSync(row.local_path);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);
      expect(existsSync(`${row.local_path}.part`)).toBe(false);
    }
    const detail = await call(core, 'cases.get', { id });
    expect(detail.sync.documents.every((document) => document.state === 'ready')).toBe(true);
  });

  it('tells the windows which cases’ documents settled, without a case change', async () => {
    const { core } = await setup(33, {});
    const told: { event: string; payload: unknown }[] = [];
    core.events.subscribe((message) => told.push(message));
    await core.sync.syncNow();
    await allDocumentsReady(core);
    const withDocuments = core.db
      .prepare('SELECT DISTINCT application_id FROM documents ORDER BY 1')
      .pluck()
      .all() as string[];
    // The last batch goes out a second after the last document.
    await eventually(
      () => {
        const named = new Set(
          told
            .filter((message) => message.event === 'documents.changed')
            .flatMap((message) => (message.payload as { caseIds: string[] }).caseIds),
        );
        return withDocuments.every((id) => named.has(id));
      },
      5_000,
      'every case with documents named',
    );
  });

  it('retries a document whose checksum does not match, then fails it with the reason', async () => {
    const { core } = await setup(32, { corruptAttachmentRate: 1 });
    await core.sync.syncNow();
    await eventually(
      async () => {
        await core.sync.documentsIdle();
        return (
          scalar<number>(core.db, "SELECT count(*) FROM documents WHERE state <> 'failed'") === 0
        );
      },
      10_000,
      'documents failed',
    );
    expect(states(core)).toHaveLength(1);
    const row = core.db.prepare('SELECT attempts, last_error FROM documents LIMIT 1').get() as {
      attempts: number;
      last_error: string;
    };
    expect(row.attempts).toBe(3);
    expect(row.last_error).toMatch(/après 3 essais.*SHA-256/);
  });
});
