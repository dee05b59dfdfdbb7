import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { LinkedRecords, LinkedSignalKind } from '../../src/shared/api/linkedTypes';
import { startPortalSimulator, type PortalSimulator } from '../../src/simulator/server';
import { call, openCore, procedures, tempDir } from '../support/testBureau';

/**
 * Training data shows the recoupements (issue 20 §2, acceptance): the simulator with its linked
 * records, pulled by the real sync over HTTP into a real SQLite file; every signal and every
 * prerequisite state appears on the case it was planted on, and nowhere else.
 */

const TOKEN = 'test-portal-token';
let simulator: PortalSimulator;
let core: Core;

const idOf = (reference: string) =>
  core.db.prepare('SELECT id FROM applications WHERE reference = ?').pluck().get(reference) as
    string | undefined;

/** Open cases of Lomé of a procedure whose form cites `number` in `field`. */
function citing(procedure: string, field: string, number: string): string[] {
  return core.db
    .prepare(
      `SELECT id FROM applications WHERE procedure_code = ? AND is_open = 1
       AND json_extract(record_json, '$.form.' || ?) = ?`,
    )
    .pluck()
    .all(procedure, field, number) as string[];
}

async function linked(id: string): Promise<LinkedRecords> {
  return call(core, 'cases.linked', { id });
}

beforeAll(async () => {
  simulator = await startPortalSimulator({
    seed: 7,
    count: 60,
    port: 0,
    token: TOKEN,
    procedures: procedures(),
    linkedRecords: true,
  });
  core = openCore({
    dataDir: tempDir('bureau-linked-training-'),
    portalUrl: simulator.url,
    token: TOKEN,
  });
  const status = await core.sync.syncNow();
  expect(status.quarantined).toBe(0);
});

afterAll(async () => {
  await core.close();
  await simulator.close();
});

describe('training data through the real sync', () => {
  it('brings the issued cards, with their certificates, as decided cases of Lomé', () => {
    const issued = core.db
      .prepare(
        `SELECT procedure_code, office_code, is_open FROM applications
         WHERE json_extract(record_json, '$.certificate.number') IS NOT NULL`,
      )
      .all();
    expect(issued.length).toBeGreaterThanOrEqual(5);
    expect(issued.every((row) => (row as { office_code: string }).office_code === 'LOM')).toBe(
      true,
    );
    expect(
      core.db.prepare("SELECT count(*) FROM case_keys WHERE kind = 'certificate'").pluck().get(),
    ).toBe(issued.length);
  });

  it('APIPS requests cite a valid, an expired, a revoked and an unknown importer card', async () => {
    const apips = core.db
      .prepare(
        "SELECT id FROM applications WHERE procedure_code = 'COM-APIPS' AND office_code = 'LOM' AND is_open = 1",
      )
      .pluck()
      .all() as string[];
    const states = new Set<string>();
    for (const id of apips) {
      const [check] = (await linked(id)).prerequisites;
      if (check) states.add(check.state);
    }
    expect([...states].sort()).toEqual(['expired', 'revoked', 'unknown', 'valid']);
  });

  it('each signal shows on the case it was planted on', async () => {
    const seen = new Map<LinkedSignalKind, string[]>();
    const open = core.db
      .prepare("SELECT id FROM applications WHERE office_code = 'LOM' AND is_open = 1")
      .pluck()
      .all() as string[];
    for (const id of open) {
      for (const signal of (await linked(id)).signals) {
        seen.set(signal.kind, [...(seen.get(signal.kind) ?? []), id]);
      }
    }
    // The revoked card: only on the APIPS request citing it.
    const revokedCard = core.db
      .prepare(
        `SELECT json_extract(record_json, '$.certificate.number') FROM applications
         WHERE json_extract(record_json, '$.certificate.revokedAt') IS NOT NULL`,
      )
      .pluck()
      .get() as string;
    expect(seen.get('revoked_prerequisite')).toEqual(
      citing('COM-APIPS', 'importerCardNumber', revokedCard),
    );
    // The company rejected for a forged document: on its new application only.
    const fraud = seen.get('previous_fraud_rejection') ?? [];
    expect(fraud).toHaveLength(1);
    const answer = await linked(fraud[0]!);
    const rejected = answer.signals.find((signal) => signal.kind === 'previous_fraud_rejection');
    expect(rejected?.reasonCodes).toEqual(['PIECE_FALSIFIEE']);
    expect(idOf(rejected!.cases[0]!.reference)).toBe(rejected!.cases[0]!.id);
    expect(answer.recentDecisions.map((other) => other.decision?.outcome)).toEqual(['rejected']);
    // One ID number under two names: on both applications.
    expect(seen.get('same_id_different_names')).toHaveLength(2);
  });

  it('a repeat company’s two open requests are listed as possible duplicates of each other', async () => {
    const validCard = core.db
      .prepare(
        `SELECT json_extract(record_json, '$.certificate.number') FROM applications
         WHERE procedure_code = 'COM-IMPEX' AND status = 'issued'
           AND json_extract(record_json, '$.certificate.revokedAt') IS NULL
         ORDER BY json_extract(record_json, '$.certificate.issuedAt') DESC LIMIT 1`,
      )
      .pluck()
      .get() as string;
    const [first, second] = citing('COM-APIPS', 'importerCardNumber', validCard);
    expect(second).toBeDefined();
    const answer = await linked(first!);
    expect(answer.openCases.map((other) => other.id)).toContain(second);
    expect(answer.recentDecisions.map((other) => other.decision?.outcome)).toContain('issued');
  });

  it('an apprentice’s master cites a professional card the office issued', async () => {
    const [registration] = core.db
      .prepare(
        "SELECT id FROM applications WHERE procedure_code = 'ART-APP' AND is_open = 1 AND json_extract(record_json, '$.form.masterCardNumber') GLOB 'CPA-*-LOM-9*'",
      )
      .pluck()
      .all() as string[];
    const [check] = (await linked(registration!)).prerequisites;
    expect(check).toMatchObject({ checklistItem: 'maitreQualifie', state: 'valid' });
    expect(
      (await linked(registration!)).openCases.length +
        (await linked(registration!)).recentDecisions.length,
    ).toBeGreaterThan(0);
  });
});
