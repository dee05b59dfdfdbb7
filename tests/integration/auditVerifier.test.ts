import type { AuditRow } from '../../src/main/core/audit/auditVerifier';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog, GENESIS_HASH, hashAuditRow } from '../../src/main/core/audit/auditLog';
import {
  describeAuditVerdict,
  verifyAuditChain,
  type AuditVerdict,
} from '../../src/main/core/audit/auditVerifier';
import type { CurrentUser } from '../../src/shared/api/types';
import {
  trainingUsersOf,
  openCore,
  repoRoot,
  startSimulator,
  tempDir,
} from '../support/testBureau';

/**
 * The audit-trail verifier on a real Bureau database: a core syncs from the simulator and writes
 * audit rows through real actions (`notes.add`, `cases.claim`, `cases.release` via dispatch),
 * then closes. Each scenario copies that file and tampers with the copy the way someone holding
 * the file would: a separate SQLite connection, the append-only triggers dropped first.
 */

let original: string;
let rows: AuditRow[];

beforeAll(async () => {
  const simulator = await startSimulator(30, 11);
  const dataDir = tempDir('bureau-audit-');
  const core = openCore({ dataDir, portalUrl: simulator.url, token: simulator.token });
  try {
    await core.sync.syncNow();
    const training = { value: trainingUsersOf(core) };
    const kossi = (training.value as CurrentUser[]).find((user) => user.id === 'u-agent-kossi')!;
    const cases = core.db
      .prepare(
        "SELECT id FROM applications WHERE office_code = ? AND status = 'submitted' ORDER BY id LIMIT 4",
      )
      .pluck()
      .all(kossi.officeCode) as string[];
    expect(cases.length).toBe(4);
    const act = async (method: string, input: unknown) => {
      const result = await core.dispatch(method, input, { user: kossi });
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    };
    for (const [index, id] of cases.entries()) {
      await act('notes.add', { applicationId: id, body: `Pièce d’identité vérifiée (${index}).` });
      await act('cases.claim', { id });
      if (index % 2 === 0) await act('cases.release', { id });
    }
    await act('notes.add', { applicationId: cases[0]!, body: 'Dernière note de la journée.' });
  } finally {
    await core.close();
    await simulator.close();
  }
  original = join(dataDir, 'bureau.sqlite');
  expect(existsSync(`${original}-wal`) && readFileSync(`${original}-wal`).length > 0).toBe(false);
  const reader = new Database(original, { readonly: true });
  rows = reader.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
  reader.close();
});

/** A copy of the closed database, tampered with by `attack` through its own connection. */
function tampered(attack: (db: Database.Database) => void): string {
  const file = join(tempDir('bureau-audit-tampered-'), 'bureau.sqlite');
  copyFileSync(original, file);
  const db = new Database(file);
  // What an attacker holding the file does first: the triggers only bind honest connections.
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  attack(db);
  db.close();
  return file;
}

/** Verifies a file as the CLI does (read-only), with several batch sizes: same verdict each time. */
async function verify(file: string): Promise<AuditVerdict> {
  const db = new Database(file, { readonly: true });
  try {
    const verdicts = [];
    for (const batchSize of [1, 3, 2000]) verdicts.push(await verifyAuditChain(db, { batchSize }));
    expect(verdicts[1]).toEqual(verdicts[0]);
    expect(verdicts[2]).toEqual(verdicts[0]);
    return verdicts[0]!;
  } finally {
    db.close();
  }
}

function expectBroken(verdict: AuditVerdict, seq: number, breach: string, reason: RegExp) {
  expect(verdict.ok, describeAuditVerdict(verdict)).toBe(false);
  if (verdict.ok) return;
  expect(verdict).toMatchObject({ firstBrokenSeq: seq, breach });
  expect(verdict.reason).toMatch(reason);
  expect(verdict.reason).toMatch(/journal d’audit/); // a French sentence for the administrator
  expect(describeAuditVerdict(verdict)).toContain(`ALTÉRÉ à partir de la ligne n° ${seq}`);
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function cli(file: string) {
  const result = spawnSync('npx', ['tsx', join('scripts', 'verify-audit.ts'), file], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('audit trail verifier', () => {
  it('the real actions wrote a chained log of notes, claims and releases', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index + 1));
    expect([...new Set(rows.map((row) => row.action))]).toEqual(
      expect.arrayContaining(['note.added', 'case.claimed', 'case.released']),
    );
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
  });

  it('(d) an untampered log verifies, in batches, and reports its last hash', async () => {
    const db = new Database(original, { readonly: true });
    const progress: number[] = [];
    let pauses = 0;
    const verdict = await verifyAuditChain(db, {
      batchSize: 4,
      onProgress: (count) => progress.push(count),
      pause: async () => {
        pauses++;
      },
    });
    db.close();
    expect(verdict).toEqual({ ok: true, rows: rows.length, lastHash: rows.at(-1)!.hash });
    // Read 4 rows at a time, never the whole table: one progress report per batch.
    expect(progress).toEqual(
      Array.from({ length: Math.floor(rows.length / 4) + 1 }, (_, index) =>
        Math.min((index + 1) * 4, rows.length),
      ),
    );
    expect(pauses).toBe(Math.floor(rows.length / 4));
    expect(describeAuditVerdict(verdict)).toMatch(
      new RegExp(`^Journal d’audit intact : ${rows.length} lignes vérifiées`),
    );
  });

  it('an empty log verifies', async () => {
    const file = tampered((db) => db.exec('DELETE FROM audit_log; DELETE FROM sqlite_sequence;'));
    expect(await verify(file)).toEqual({ ok: true, rows: 0, lastHash: GENESIS_HASH });
  });

  describe('(a) a row’s content edited', () => {
    it('its summary rewritten → detected at that row', async () => {
      const file = tampered((db) =>
        db
          .prepare('UPDATE audit_log SET summary_json = ? WHERE seq = 7')
          .run(JSON.stringify({ noteId: 999, length: 3 })),
      );
      const verdict = await verify(file);
      expectBroken(verdict, 7, 'edited', /^La ligne n° 7 du journal d’audit a été modifiée/);
      expect(verdict).toMatchObject({ rows: 6 });
    });

    it('only its spacing changed (same JSON value) → still detected', async () => {
      const row = rows[5]!;
      const spaced = JSON.stringify(JSON.parse(row.summary_json), null, 1);
      expect(spaced).not.toBe(row.summary_json);
      const file = tampered((db) =>
        db.prepare('UPDATE audit_log SET summary_json = ? WHERE seq = 6').run(spaced),
      );
      expectBroken(await verify(file), 6, 'edited', /n° 6 .* a été modifiée/);
    });

    it('its actor changed → detected at that row', async () => {
      const file = tampered((db) =>
        db.exec("UPDATE audit_log SET actor_id = 'u-agent-akossiwa' WHERE seq = 9"),
      );
      expectBroken(await verify(file), 9, 'edited', /n° 9 .* ne correspond plus à son empreinte/);
    });

    it('edited and its own hash recomputed → the next row’s link breaks', async () => {
      const file = tampered((db) => {
        const row = rows[9]!; // seq 10
        const summary = { ...JSON.parse(row.summary_json), forged: true };
        const hash = hashAuditRow(row.prev_hash, {
          at: row.at,
          actorId: row.actor_id,
          officeCode: row.office_code,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          summary,
        });
        db.prepare('UPDATE audit_log SET summary_json = ?, hash = ? WHERE seq = 10').run(
          JSON.stringify(summary),
          hash,
        );
      });
      expectBroken(
        await verify(file),
        11,
        'deleted',
        /lien entre les lignes n° 10 et 11 .* rompu.*la ligne n° 10 a été réécrite avec une empreinte recalculée/,
      );
    });

    it('the genesis row edited → detected at row 1', async () => {
      const file = tampered((db) =>
        db.exec("UPDATE audit_log SET at = '2020-01-01' WHERE seq = 1"),
      );
      const verdict = await verify(file);
      expectBroken(
        verdict,
        1,
        'genesis',
        /^La première ligne .*origine de la chaîne, a été modifiée/,
      );
      expect(verdict).toMatchObject({ rows: 0 });
    });

    it('the genesis row’s prev_hash replaced (and rehashed) → detected at row 1', async () => {
      const file = tampered((db) => {
        const row = rows[0]!;
        const fakeOrigin = 'f'.repeat(64);
        const hash = hashAuditRow(fakeOrigin, {
          at: row.at,
          actorId: row.actor_id,
          officeCode: row.office_code,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          summary: JSON.parse(row.summary_json),
        });
        db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = 1').run(
          fakeOrigin,
          hash,
        );
      });
      expectBroken(await verify(file), 1, 'genesis', /a été remplacée/);
    });
  });

  describe('(b) a row deleted', () => {
    it('a row in the middle → detected at the next row', async () => {
      const file = tampered((db) => db.exec('DELETE FROM audit_log WHERE seq = 5'));
      const verdict = await verify(file);
      expectBroken(verdict, 6, 'deleted', /^La ligne n° 5 du journal d’audit a été supprimée/);
      expect(verdict).toMatchObject({ rows: 4 });
    });

    it('several rows → all named', async () => {
      const file = tampered((db) => db.exec('DELETE FROM audit_log WHERE seq BETWEEN 8 AND 10'));
      expectBroken(
        await verify(file),
        11,
        'deleted',
        /^Les lignes n° 8 à 10 du journal d’audit ont été supprimées/,
      );
    });

    it('a row deleted and the following ones renumbered → detected where the gap was', async () => {
      const file = tampered((db) =>
        db.exec(
          'DELETE FROM audit_log WHERE seq = 5; UPDATE audit_log SET seq = -seq WHERE seq > 5; UPDATE audit_log SET seq = -seq - 1 WHERE seq < 0;',
        ),
      );
      expectBroken(
        await verify(file),
        5,
        'deleted',
        /Une ligne a été supprimée puis les numéros décalés/,
      );
    });

    it('the genesis row deleted → detected at the new first row', async () => {
      const file = tampered((db) => db.exec('DELETE FROM audit_log WHERE seq = 1'));
      expectBroken(
        await verify(file),
        2,
        'genesis',
        /^La première ligne du journal d’audit \(n° 1\), origine de la chaîne, a été supprimée/,
      );
    });

    it('the last rows deleted → detected from SQLite’s own counter', async () => {
      const last = rows.length;
      const file = tampered((db) =>
        db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(last - 1),
      );
      const verdict = await verify(file);
      expectBroken(
        verdict,
        last - 1,
        'truncated',
        new RegExp(`les lignes n° ${last - 1} à ${last} ont été enregistrées puis ont disparu`),
      );
      expect(verdict).toMatchObject({ rows: last - 2 });
    });
  });

  describe('(c) rows reordered', () => {
    it('two whole rows swapped (their seq exchanged) → detected at the first of them', async () => {
      const file = tampered((db) =>
        db.exec(
          'UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -1;',
        ),
      );
      const verdict = await verify(file);
      expectBroken(
        verdict,
        3,
        'reordered',
        /^Les lignes du journal d’audit ont été réordonnées : la ligne n° 3 est chaînée à la ligne n° 4/,
      );
      expect(verdict).toMatchObject({ rows: 2 });
    });

    it('a row moved far back → detected where it now stands', async () => {
      // Row 12 becomes row 4; rows 4 to 11 shift up by one.
      const file = tampered((db) =>
        db.exec(
          'UPDATE audit_log SET seq = -1 WHERE seq = 12; UPDATE audit_log SET seq = -seq WHERE seq BETWEEN 4 AND 11; UPDATE audit_log SET seq = -seq + 1 WHERE seq < -1; UPDATE audit_log SET seq = 4 WHERE seq = -1;',
        ),
      );
      expectBroken(
        await verify(file),
        4,
        'reordered',
        /la ligne n° 4 est chaînée à la ligne n° 12/,
      );
    });

    it('two rows’ contents swapped under their seq → detected at the first of them', async () => {
      const file = tampered((db) => {
        const [a, b] = [rows[2]!, rows[3]!];
        const swap = db.prepare(
          'UPDATE audit_log SET at = ?, action = ?, entity_id = ?, summary_json = ? WHERE seq = ?',
        );
        swap.run(b.at, b.action, b.entity_id, b.summary_json, a.seq);
        swap.run(a.at, a.action, a.entity_id, a.summary_json, b.seq);
      });
      expectBroken(await verify(file), 3, 'edited', /n° 3 .* a été modifiée/);
    });

    it('the genesis row moved behind the second → reported as a reordering at row 1', async () => {
      const file = tampered((db) =>
        db.exec(
          'UPDATE audit_log SET seq = -1 WHERE seq = 1; UPDATE audit_log SET seq = 1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = -1;',
        ),
      );
      expectBroken(await verify(file), 1, 'reordered', /la ligne n° 1 est chaînée à la ligne n° 2/);
    });
  });

  it('a forged row slipped in with a well-computed hash → detected at the row after it', async () => {
    const file = tampered((db) => {
      db.exec(
        'UPDATE audit_log SET seq = -seq WHERE seq > 6; UPDATE audit_log SET seq = -seq + 1 WHERE seq < 0;',
      );
      const entry = {
        at: rows[5]!.at,
        actorId: 'u-sup-ablavi',
        officeCode: 'LOM',
        action: 'case.approved',
        entityType: 'application',
        entityId: rows[5]!.entity_id,
        summary: {},
      };
      db.prepare(
        `INSERT INTO audit_log (seq, at, actor_id, office_code, action, entity_type, entity_id, summary_json, prev_hash, hash)
         VALUES (7, @at, @actorId, @officeCode, @action, @entityType, @entityId, '{}', @prevHash, @hash)`,
      ).run({ ...entry, prevHash: rows[5]!.hash, hash: hashAuditRow(rows[5]!.hash, entry) });
    });
    expectBroken(
      await verify(file),
      8,
      'inserted',
      /n° 8 .* chaînée à la ligne n° 6 et non à la ligne n° 7 .* insérées/,
    );
  });

  it('a log appended through the application’s own code after the checks stays intact', async () => {
    const file = tampered(() => {});
    const db = new Database(file);
    createAuditLog(db).append({
      at: new Date().toISOString(),
      actorId: 'u-admin-edem',
      officeCode: 'LOM',
      action: 'audit.verified',
      entityType: 'audit_log',
      entityId: null,
      summary: { note: 'écrit par Bureau', nested: { n: 1.5, list: ['é', null] } },
    });
    db.close();
    expect(await verify(file)).toMatchObject({ ok: true, rows: rows.length + 1 });
  });

  it('a live log, appended to between batches while it is being verified, still verifies', async () => {
    const file = tampered(() => {});
    const db = new Database(file);
    const log = createAuditLog(db);
    let appended = 0;
    const verdict = await verifyAuditChain(db, {
      batchSize: 5,
      pause: async () => {
        appended++;
        log.append({
          at: new Date().toISOString(),
          actorId: 'u-agent-kossi',
          officeCode: 'LOM',
          action: 'note.added',
          entityType: 'application',
          entityId: 'pendant-la-verification',
          summary: { appended },
        });
      },
    });
    db.close();
    expect(appended).toBeGreaterThan(2);
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.rows).toBeGreaterThan(rows.length);
  });

  describe('the CLI (npx tsx scripts/verify-audit.ts)', () => {
    it('says the untampered log is intact, exit code 0, without writing to the file', () => {
      const file = tampered(() => {});
      const before = sha256(file);
      const result = cli(file);
      expect(result.status, result.output).toBe(0);
      expect(result.output).toContain(`Journal d’audit intact : ${rows.length} lignes vérifiées`);
      expect(result.output).toContain(rows.at(-1)!.hash);
      expect(sha256(file)).toBe(before);
    });

    it('names the first broken row and why in French, exit code 1', () => {
      const file = tampered((db) => db.exec('DELETE FROM audit_log WHERE seq = 5'));
      const before = sha256(file);
      const result = cli(file);
      expect(result.status, result.output).toBe(1);
      expect(result.output).toContain('Journal d’audit ALTÉRÉ à partir de la ligne n° 6.');
      expect(result.output).toContain('La ligne n° 5 du journal d’audit a été supprimée');
      expect(sha256(file)).toBe(before);

      const edited = cli(
        tampered((db) => db.exec(`UPDATE audit_log SET summary_json = '{"x":1}' WHERE seq = 3`)),
      );
      expect(edited.status, edited.output).toBe(1);
      expect(edited.output).toContain('La ligne n° 3 du journal d’audit a été modifiée');
    });

    it('refuses a missing file or a database that is not Bureau’s, exit code 2', () => {
      const missing = cli(join(tempDir(), 'absent.sqlite'));
      expect(missing.status).toBe(2);
      expect(missing.output).toMatch(/Fichier introuvable/);
      const other = join(tempDir(), 'other.sqlite');
      new Database(other).exec('CREATE TABLE t (x)').close();
      const foreign = cli(other);
      expect(foreign.status).toBe(2);
      expect(foreign.output).toMatch(/n’est pas une base Bureau/);
    });
  });
});
