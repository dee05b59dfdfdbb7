import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPageSql, type AuditFilters } from '../../src/main/core/audit/auditQueries';
import type { Core } from '../../src/main/core/createCore';
import type { AuditPage, AuditRow } from '../../src/shared/api/adminTypes';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import type { Result } from '../../src/shared/api/result';
import type { CurrentUser } from '../../src/shared/api/types';
import { frenchDetails, frenchSentence } from '../../src/shared/audit/auditFrench';
import type { PortalSimulator } from '../../src/simulator/server';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn, startSimulatorOn } from '../support/fakeClockBureau';
import { tempDir, trainingUsersOf } from '../support/testBureau';

/**
 * The audit journal as an auditor reads it (issue 19), on a real core (SQLite file, synced over
 * HTTP from the portal simulator): rows said as sentences with references and names, filters by
 * case and by person that page by keyset and use the indexes, and the CSV/XLSX export.
 */

const clock = createFakeClock('2026-11-09T08:00:00.000Z'); // a Monday
let simulator: PortalSimulator;
let core: Core;
let edem: CurrentUser;
let kossi: CurrentUser;
let ablavi: CurrentUser;
let concerned: { id: string; reference: string; procedure_code: string };

async function call<M extends MethodName>(
  user: CurrentUser,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = (await core.dispatch(method, input, { user })) as Result<MethodOutput<M>>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const list = (input: MethodInput<'audit.list'>) => call(edem, 'audit.list', input);

/** Every row the filters give, page after page of `limit` (keyset: `nextBeforeSeq`). */
async function allPages(input: MethodInput<'audit.list'>): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  let beforeSeq: number | null = null;
  for (;;) {
    const page: AuditPage = await list({ ...input, beforeSeq });
    rows.push(...page.rows);
    if (page.nextBeforeSeq === null) return rows;
    beforeSeq = page.nextBeforeSeq;
  }
}

beforeAll(async () => {
  simulator = await startSimulatorOn(clock, { seed: 19, count: 30 });
  core = openCoreOn(clock, { dataDir: tempDir('bureau-audit-journal-'), portalUrl: simulator.url });
  await core.sync.syncNow();
  const byId = new Map(trainingUsersOf(core).map((user) => [user.id, user]));
  edem = byId.get('u-admin-edem')!;
  kossi = byId.get('u-agent-kossi')!;
  ablavi = byId.get('u-sup-ablavi')!;
  concerned = core.db
    .prepare(
      `SELECT id, reference, procedure_code FROM applications
        WHERE office_code = ? AND status = 'submitted' ORDER BY id LIMIT 1`,
    )
    .get(kossi.officeCode) as typeof concerned;
  const procedure = core.catalog.get(concerned.procedure_code)!;

  await call(ablavi, 'assignment.assign', { caseIds: [concerned.id], assigneeId: kossi.id });
  clock.advance(60_000);
  await call(kossi, 'cases.claim', { id: concerned.id });
  clock.advance(60_000);
  await call(kossi, 'cases.tickChecklist', {
    id: concerned.id,
    itemId: procedure.checklist[0]!.id,
    checked: true,
  });
  clock.advance(60_000);
  await call(kossi, 'cases.reject', {
    id: concerned.id,
    reasonCodes: [procedure.rejectReasons[0]!.code],
    comment: 'Le registre de commerce est illisible.',
  });
  clock.advance(60_000);
  await call(edem, 'admin.users.resetPassword', {
    id: kossi.id,
    temporaryPassword: 'Provisoire-2026!',
  });
}, 60_000);

afterAll(async () => {
  await core?.close();
  await simulator?.close();
});

describe('the audit journal', () => {
  it('says each row of a case as a sentence with its reference and names', async () => {
    const procedure = core.catalog.get(concerned.procedure_code)!;
    const page = await list({ caseRef: concerned.reference });
    const sentences = page.rows.map(frenchSentence);
    const ref = concerned.reference;
    expect(sentences).toEqual([
      `${kossi.displayName} a rejeté le dossier ${ref}`,
      `${kossi.displayName} a coché « ${procedure.checklist[0]!.label.fr} » sur le dossier ${ref}`,
      `${kossi.displayName} a pris en charge le dossier ${ref}`,
      `${ablavi.displayName} a affecté le dossier ${ref} à ${kossi.displayName}`,
    ]);
    const rejected = page.rows[0]!;
    expect(rejected.description.case).toEqual({ id: concerned.id, reference: ref });
    // The rejection's letter (issue 20 §1) is named by its number.
    const [letter] = await call(kossi, 'letters.forCase', { caseId: concerned.id });
    expect(frenchDetails(rejected.description.details)).toBe(
      `Statut : En instruction → Rejetée ; Motifs : ${procedure.rejectReasons[0]!.label.fr} ; Commentaire : Le registre de commerce est illisible. ; Courrier : ${letter!.number}`,
    );
    expect(page.rows[3]!.description.person).toEqual({ id: kossi.id, name: kossi.displayName });
    // The case's id finds the same rows as its reference, typed in lower case or not.
    expect((await list({ caseRef: concerned.id })).rows.map((row) => row.seq)).toEqual(
      page.rows.map((row) => row.seq),
    );
    expect((await list({ caseRef: ref.toLowerCase() })).rows).toHaveLength(4);
    expect(await list({ caseRef: 'COM-XX-1999-000000' })).toEqual({
      rows: [],
      nextBeforeSeq: null,
    });
  });

  it('filters by person: what they did and what was done to their account, by keyset pages', async () => {
    const all = await allPages({ personId: kossi.id, limit: 2 });
    const seqs = all.map((row) => row.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(seqs.length);
    const expected = core.db
      .prepare('SELECT seq FROM audit_log WHERE actor_id = ? OR entity_id = ? ORDER BY seq DESC')
      .pluck()
      .all(kossi.id, kossi.id);
    expect(seqs).toEqual(expected);
    const reset = all.find((row) => row.action === 'user.password_reset')!;
    expect(frenchSentence(reset)).toBe(
      `${edem.displayName} a réinitialisé le mot de passe de ${kossi.displayName}`,
    );
    expect(all.some((row) => row.action === 'case.rejected')).toBe(true);
    // With a case and a kind of action as well.
    const decisions = await list({
      personId: kossi.id,
      caseRef: concerned.reference,
      actionPrefix: 'case.',
    });
    expect(decisions.rows.map((row) => row.action)).toEqual([
      'case.rejected',
      'case.checklist_ticked',
      'case.claimed',
    ]);
  });

  it('reads the case and person filters through the indexes, newest first', () => {
    const plan = (filters: Omit<AuditFilters, 'beforeSeq' | 'limit'>) =>
      (
        core.db
          .prepare(
            `EXPLAIN QUERY PLAN ${auditPageSql({ ...filters, beforeSeq: null, limit: 100 })}`,
          )
          .all({
            beforeSeq: 1000,
            caseId: 'x',
            personId: 'u',
            actionPrefix: 'case.',
            limit: 101,
          }) as { detail: string }[]
      )
        .map((row) => row.detail)
        .join('\n');
    const byCase = plan({ caseRef: 'x' });
    expect(byCase).toContain('audit_log_by_entity');
    expect(byCase).toContain('certificates_by_application');
    for (const byPerson of [
      plan({ personId: 'u' }),
      plan({ personId: 'u', actionPrefix: 'case.' }),
    ]) {
      expect(byPerson).toContain('audit_log_by_actor');
      expect(byPerson).toContain('audit_log_by_entity');
      // No walk of the whole table: every read of audit_log goes through an index or the seq key.
      expect(byPerson).not.toMatch(/SCAN a(?! USING)/);
    }
  });

  it('exports the rows the filters show as CSV for French Excel', async () => {
    const file = await call(edem, 'audit.export', { caseRef: concerned.reference, format: 'csv' });
    expect(file).toMatchObject({
      fileName: 'bureau-journal-audit-2026-11-09.csv',
      mimeType: 'text/csv;charset=utf-8',
      rows: 4,
      truncated: false,
    });
    const csv = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(csv.startsWith('\uFEFFN°;Date et heure (UTC);Auteur;Action;Dossier;')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(`${kossi.displayName} a rejeté le dossier ${concerned.reference}`);
    expect(lines[1]).toContain('Statut : En instruction → Rejetée');
    expect(lines[1]).toContain(';case.rejected');
    expect(lines[4]).toContain(`;${kossi.displayName};`);
  });

  it('exports the whole journal, every page, as an XLSX workbook', async () => {
    const total = core.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const file = await call(edem, 'audit.export', { format: 'xlsx' });
    expect(file.rows).toBeGreaterThanOrEqual(total);
    expect(file.fileName).toBe('bureau-journal-audit-2026-11-09.xlsx');
    expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('is for administrators only', async () => {
    const refused = await core.dispatch('audit.export', { format: 'csv' }, { user: ablavi });
    expect(refused.ok).toBe(false);
  });
});
