import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAuditRow } from '../../src/main/core/audit/auditDescription';
import { createRegistryMarks } from '../../src/main/core/certificates/registryMarks';
import { frenchDetails, frenchSentence } from '../../src/shared/audit/auditFrench';
import type { Core } from '../../src/main/core/createCore';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import { twelveMonthsBefore } from '../../src/main/core/linked/linkedRecords';
import type { LinkedRecords } from '../../src/shared/api/linkedTypes';
import { createFakeClock } from '../support/fakeClock';
import { ingest, linkedRecord } from '../support/linkedCases';
import { openCore, tempDir } from '../support/testBureau';

/**
 * Each rule of issue 20 §2 on a real SQLite file, through the core's API: prerequisites resolved
 * among the certificates Bureau knows, the same applicant's other cases, the 12-month window,
 * each warning signal, and « marquer comme doublon ».
 */

const NOW = '2026-12-07T09:00:00.000Z';
const clock = createFakeClock(NOW);
let core: Core;

const KOSSI = 'u-agent-kossi'; // agent, LOM
const ESSOWE = 'u-agent-essowe'; // agent, KAR
const EDEM = 'u-admin-edem'; // administrateur, LOM

async function as<M extends MethodName>(userId: string, method: M, input: MethodInput<M>) {
  return core.dispatch(method, input, core.contextOf(userId)) as Promise<
    { ok: true; value: MethodOutput<M> } | { ok: false; error: { code: string; message: string } }
  >;
}
async function linked(id: string): Promise<LinkedRecords> {
  const result = await as(KOSSI, 'cases.linked', { id });
  if (!result.ok) throw new Error(`${result.error.code} ${result.error.message}`);
  return result.value;
}

const ACME = { name: 'ACME Négoce SARL', nif: '1000123456', rccm: 'TG-LFW-01-2024-B12-00001' };
const card = (number: string) => ({ importerCardNumber: number });

beforeAll(() => {
  core = openCore({ dataDir: tempDir('bureau-linked-'), portalUrl: 'http://127.0.0.1:9', clock });
  const db = core.db;
  ingest(
    db,
    [
      // Importer cards the portal delivered: valid, expired, revoked on the portal.
      linkedRecord({
        id: 'card-valid',
        procedureCode: 'COM-IMPEX',
        status: 'issued',
        company: ACME,
        submittedAt: '2026-03-01T09:00:00.000Z',
        certificate: {
          number: 'CIE-2026-LOM-900001',
          issuedAt: '2026-03-10T09:00:00.000Z',
          expiresOn: '2027-03-09',
        },
      }),
      linkedRecord({
        id: 'card-expired',
        procedureCode: 'COM-IMPEX',
        status: 'issued',
        company: { name: 'Vieux Comptoir', nif: '1000999999', rccm: 'TG-LFW-01-2020-B12-00009' },
        submittedAt: '2024-01-01T09:00:00.000Z',
        certificate: {
          number: 'CIE-2024-LOM-900002',
          issuedAt: '2024-01-10T09:00:00.000Z',
          expiresOn: '2025-01-09',
        },
      }),
      linkedRecord({
        id: 'card-revoked',
        procedureCode: 'COM-IMPEX',
        status: 'issued',
        company: { name: 'Fraudex', nif: '1000888888', rccm: 'TG-LFW-01-2023-B12-00008' },
        submittedAt: '2026-02-01T09:00:00.000Z',
        certificate: {
          number: 'CIE-2026-LOM-900003',
          issuedAt: '2026-02-10T09:00:00.000Z',
          expiresOn: '2027-02-09',
          revokedAt: '2026-06-01T09:00:00.000Z',
          revocationReason: 'Pièces falsifiées',
        },
      }),
      // A valid card the national registry says another desk revoked.
      linkedRecord({
        id: 'card-marked',
        procedureCode: 'COM-IMPEX',
        status: 'issued',
        company: { name: 'Marquée SA', nif: '1000777777', rccm: 'TG-LFW-01-2023-B12-00007' },
        certificate: {
          number: 'CIE-2026-LOM-900004',
          issuedAt: '2026-04-10T09:00:00.000Z',
          expiresOn: '2027-04-09',
        },
      }),
      // APIPS cases citing each card, a number nobody issued, another procedure's number, none.
      linkedRecord({ id: 'apips-valid', company: ACME, form: card(' cie-2026-lom-900001 ') }),
      linkedRecord({ id: 'apips-expired', form: card('CIE-2024-LOM-900002') }),
      linkedRecord({ id: 'apips-revoked', form: card('CIE-2026-LOM-900003') }),
      linkedRecord({ id: 'apips-marked', form: card('CIE-2026-LOM-900004') }),
      linkedRecord({ id: 'apips-fake', form: card('CIE-2026-LOM-123456') }),
      linkedRecord({ id: 'apips-other', form: card('CPA-2026-LOM-900005') }),
      linkedRecord({ id: 'apips-none', form: card('') }),
      linkedRecord({
        id: 'cp-issued',
        procedureCode: 'ART-CP',
        status: 'issued',
        certificate: {
          number: 'CPA-2026-LOM-900005',
          issuedAt: '2026-01-10T09:00:00.000Z',
          expiresOn: '2031-01-09',
        },
      }),
      // The same company: an open duplicate, decisions 3 and 13 months ago, another office's.
      linkedRecord({ id: 'acme-open', company: ACME, form: card('CIE-2026-LOM-900001') }),
      linkedRecord({
        id: 'acme-rejected',
        company: ACME,
        status: 'rejected',
        submittedAt: '2026-08-20T09:00:00.000Z',
        updatedAt: '2026-09-01T09:00:00.000Z',
        decision: {
          decidedAt: '2026-09-01T09:00:00.000Z',
          reasonCodes: ['PROFORMA_INCOHERENTE'],
          comment: 'Facture sans rapport avec la marchandise',
        },
      }),
      linkedRecord({
        id: 'acme-old',
        company: ACME,
        status: 'approved',
        submittedAt: '2025-10-20T09:00:00.000Z',
        updatedAt: '2025-11-01T09:00:00.000Z',
        decision: { decidedAt: '2025-11-01T09:00:00.000Z', reasonCodes: [] },
      }),
      linkedRecord({ id: 'acme-kara', company: ACME, region: 'Kara' }),
      // A company rejected for forged documents, then applying again.
      linkedRecord({
        id: 'forged-rejected',
        company: { name: 'Faux SARL', nif: '1000555555', rccm: 'TG-LFW-01-2022-B12-00005' },
        status: 'rejected',
        submittedAt: '2024-05-01T09:00:00.000Z',
        updatedAt: '2024-05-10T09:00:00.000Z',
        decision: { decidedAt: '2024-05-10T09:00:00.000Z', reasonCodes: ['PIECE_FALSIFIEE'] },
      }),
      linkedRecord({
        id: 'forged-again',
        company: {
          name: 'Faux et Fils SARL',
          nif: '1000-555 555',
          rccm: 'TG-LFW-01-2025-B12-00015',
        },
      }),
      // One ID number, two names; and the same person written with other accents and case.
      linkedRecord({
        id: 'id-first',
        procedureCode: 'ART-CP',
        firstName: 'Afi',
        lastName: 'Mensah',
        idNumber: 'TG-0123456',
      }),
      linkedRecord({
        id: 'id-second',
        procedureCode: 'ART-CP',
        firstName: 'Ama',
        lastName: 'Koffi',
        idNumber: 'tg 0123456',
      }),
      linkedRecord({
        id: 'id-same',
        procedureCode: 'ART-APP',
        firstName: 'AFI',
        lastName: 'MÉNSAH',
        idNumber: 'TG0123456',
      }),
    ],
    NOW,
  );
  createRegistryMarks(db).apply({
    number: 'CIE-2026-LOM-900004',
    status: 'revoked',
    at: '2026-11-01T09:00:00.000Z',
    reason: 'Entreprise radiée',
    keyId: null,
    replacedBy: null,
    sequence: 1,
  });
});

afterAll(async () => {
  await core.close();
});

describe('prerequisites checked among the certificates Bureau knows', () => {
  it.each([
    ['apips-valid', 'valid'],
    ['apips-expired', 'expired'],
    ['apips-revoked', 'revoked'],
    ['apips-marked', 'revoked'],
    ['apips-fake', 'unknown'],
    ['apips-other', 'unknown'],
    ['apips-none', 'not_given'],
  ] as const)('%s: the importer card is %s', async (id, state) => {
    const [check] = (await linked(`app-${id}`)).prerequisites;
    expect(check).toMatchObject({
      field: 'importerCardNumber',
      checklistItem: 'carteImportateurValide',
      procedureCode: 'COM-IMPEX',
      state,
    });
  });

  it('shows the certificate beside the item: number, holder, dates, the case it was issued for', async () => {
    const [check] = (await linked('app-apips-valid')).prerequisites;
    expect(check?.cited).toBe(' cie-2026-lom-900001 ');
    expect(check?.certificate).toMatchObject({
      number: 'CIE-2026-LOM-900001',
      holderName: 'ACME Négoce SARL',
      issuedAt: '2026-03-10T09:00:00.000Z',
      expiresOn: '2027-03-09',
      revokedAt: null,
      source: 'portal',
      applicationId: 'app-card-valid',
    });
    const [marked] = (await linked('app-apips-marked')).prerequisites;
    expect(marked?.certificate).toMatchObject({
      revokedAt: '2026-11-01T09:00:00.000Z',
      revocationReason: 'Entreprise radiée',
    });
  });

  it('a case whose procedure has no prerequisite rule has none', async () => {
    expect((await linked('app-id-first')).prerequisites).toEqual([]);
  });
});

describe('the same applicant’s other cases', () => {
  it('lists the open ones as possible duplicates, with what they share, in the reader’s office only', async () => {
    const answer = await linked('app-apips-valid');
    const open = answer.openCases.map((other) => [other.id, other.matchedOn]);
    expect(open).toContainEqual(['app-acme-open', ['nif', 'rccm']]);
    expect(answer.openCases.map((other) => other.id)).not.toContain('app-acme-kara');
  });

  it('lists decisions of the last 12 months with the outcome and the reasons, not older ones', async () => {
    const answer = await linked('app-acme-open');
    expect(answer.recentDecisions.map((other) => other.id).sort()).toEqual([
      'app-acme-rejected',
      'app-card-valid',
    ]);
    const rejected = answer.recentDecisions.find((other) => other.id === 'app-acme-rejected');
    expect(rejected?.decision).toEqual({
      outcome: 'rejected',
      decidedOn: '2026-09-01',
      reasonCodes: ['PROFORMA_INCOHERENTE'],
      reasons: [{ fr: 'Facture pro forma incohérente avec la demande', en: expect.any(String) }],
      comment: 'Facture sans rapport avec la marchandise',
    });
  });

  it('the window starts on the same day a year before (and on 1 March after a 29 February)', () => {
    expect(twelveMonthsBefore('2026-12-07')).toBe('2025-12-07');
    expect(twelveMonthsBefore('2028-02-29')).toBe('2027-03-01');
  });

  it('finds an ID number written otherwise (spaces, dashes, case)', async () => {
    const answer = await linked('app-id-first');
    expect(answer.openCases.map((other) => [other.id, other.matchedOn])).toEqual(
      expect.arrayContaining([
        ['app-id-second', ['id']],
        ['app-id-same', ['id']],
      ]),
    );
  });

  it('refuses another office’s case (the office scope rule)', async () => {
    const result = await as(ESSOWE, 'cases.linked', { id: 'app-acme-open' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('forbidden');
  });
});

describe('warning signals, each with what it is based on', () => {
  it('the same ID number under different names', async () => {
    const answer = await linked('app-id-first');
    expect(answer.signals).toEqual([
      {
        kind: 'same_id_different_names',
        cases: [{ id: 'app-id-second', reference: expect.any(String) }],
        idNumber: 'TG-0123456',
        names: ['Afi Mensah', 'Ama Koffi'],
      },
    ]);
  });

  it('not for the same person written with other accents or case', async () => {
    const answer = await linked('app-id-same');
    expect(answer.signals.map((signal) => signal.cases.map((other) => other.id))).toEqual([
      ['app-id-second'],
    ]);
  });

  it('a company whose previous application was rejected for a fraud-related reason', async () => {
    const answer = await linked('app-forged-again');
    expect(answer.signals).toEqual([
      {
        kind: 'previous_fraud_rejection',
        cases: [{ id: 'app-forged-rejected', reference: expect.any(String) }],
        reasonCodes: ['PIECE_FALSIFIEE'],
        reasons: [{ fr: expect.stringMatching(/falsifiée/), en: expect.any(String) }],
      },
    ]);
    // Two years ago: no longer a recent decision, still a signal.
    expect(answer.recentDecisions).toEqual([]);
  });

  it('not for a rejection whose reasons are not fraud-related', async () => {
    const answer = await linked('app-acme-open');
    expect(answer.signals.map((signal) => signal.kind)).not.toContain('previous_fraud_rejection');
  });

  it('an importer card revoked', async () => {
    const answer = await linked('app-apips-revoked');
    expect(answer.signals).toEqual([
      {
        kind: 'revoked_prerequisite',
        cases: [{ id: 'app-card-revoked', reference: expect.any(String) }],
        certificateNumber: 'CIE-2026-LOM-900003',
        procedureCode: 'COM-IMPEX',
        label: { fr: "Carte d'importateur", en: 'Importer card' },
        revokedAt: '2026-06-01T09:00:00.000Z',
        revocationReason: 'Pièces falsifiées',
      },
    ]);
  });

  it('cases.signals answers the signals of a page of cases, as the case page says them, the reader’s office’s only', async () => {
    const ids = ['app-apips-revoked', 'app-forged-again', 'app-apips-valid', 'app-acme-kara'];
    const result = await as(KOSSI, 'cases.signals', {
      ids: [...ids, 'app-id-first', 'app-id-second', 'app-apips-marked', 'app-nobody'],
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(Object.keys(result.value)).toEqual([
      'app-apips-revoked',
      'app-forged-again',
      'app-apips-valid',
      'app-id-first',
      'app-id-second',
      'app-apips-marked',
    ]);
    expect(
      Object.fromEntries(
        Object.entries(result.value).map(([id, signals]) => [id, signals.map((s) => s.kind)]),
      ),
    ).toEqual({
      'app-apips-revoked': ['revoked_prerequisite'],
      'app-forged-again': ['previous_fraud_rejection'],
      'app-apips-valid': [],
      'app-id-first': ['same_id_different_names'],
      'app-id-second': ['same_id_different_names'],
      'app-apips-marked': ['revoked_prerequisite'],
    });
    for (const [id, signals] of Object.entries(result.value)) {
      expect(signals).toEqual((await linked(id)).signals);
    }
  });
});

describe('« marquer comme doublon »', () => {
  it('links the two cases with the reason, a history line on each and an audit entry', async () => {
    const result = await as(KOSSI, 'cases.markDuplicate', {
      id: 'app-acme-open',
      duplicateOf: 'app-apips-valid',
      reason: 'Même facture pro forma déposée deux fois',
    });
    expect(result.ok).toBe(true);
    const answer = await linked('app-apips-valid');
    expect(answer.duplicates).toEqual([
      {
        otherId: 'app-acme-open',
        otherReference: expect.any(String),
        direction: 'other_is_duplicate',
        reason: 'Même facture pro forma déposée deux fois',
        markedBy: { id: KOSSI, displayName: expect.any(String) },
        at: NOW,
      },
    ]);
    expect(
      answer.openCases.find((other) => other.id === 'app-acme-open')?.duplicate?.direction,
    ).toBe('other_is_duplicate');
    const history = core.db
      .prepare(
        "SELECT application_id, kind FROM history_events WHERE kind IN ('marked_duplicate', 'duplicate_linked') ORDER BY id",
      )
      .all();
    expect(history).toEqual([
      { application_id: 'app-acme-open', kind: 'marked_duplicate' },
      { application_id: 'app-apips-valid', kind: 'duplicate_linked' },
    ]);
    const audit = core.db
      .prepare(
        "SELECT action, entity_id, actor_id FROM audit_log WHERE action LIKE 'case.%duplicate%' ORDER BY seq",
      )
      .all();
    expect(audit).toEqual([
      { action: 'case.marked_duplicate', entity_id: 'app-acme-open', actor_id: KOSSI },
      { action: 'case.duplicate_linked', entity_id: 'app-apips-valid', actor_id: KOSSI },
    ]);
    // The journal says it in French: the other case by its reference, the reason as a comment.
    const references = new Map(
      core.db
        .prepare('SELECT id, reference FROM applications')
        .all()
        .map((row) => {
          const { id, reference } = row as { id: string; reference: string };
          return [id, reference] as const;
        }),
    );
    const [marked] = core.db
      .prepare(
        "SELECT action, entity_type, entity_id, summary_json FROM audit_log WHERE action = 'case.marked_duplicate'",
      )
      .all() as { action: string; entity_type: string; entity_id: string; summary_json: string }[];
    const description = describeAuditRow(
      {
        action: marked!.action,
        entityType: marked!.entity_type,
        entityId: marked!.entity_id,
        summary: JSON.parse(marked!.summary_json) as Record<string, unknown>,
      },
      {
        caseOf: (id) => {
          const reference = references.get(id);
          return reference ? { reference, procedure: core.catalog.get('COM-APIPS') } : null;
        },
        nameOf: () => 'Kossi Agbodjan',
      },
    );
    expect(frenchSentence({ actorName: 'Kossi Agbodjan', actorId: KOSSI, description })).toBe(
      `Kossi Agbodjan a marqué le dossier ${references.get('app-acme-open')} comme doublon du dossier ${references.get('app-apips-valid')}`,
    );
    expect(frenchDetails(description.details)).toBe(
      'Commentaire : Même facture pro forma déposée deux fois',
    );
  });

  it('refuses the same pair again, either way', async () => {
    const again = await as(KOSSI, 'cases.markDuplicate', {
      id: 'app-apips-valid',
      duplicateOf: 'app-acme-open',
      reason: 'encore',
    });
    expect(!again.ok && again.error.code).toBe('conflict');
  });

  it('is a case worker’s act of the case’s office: not an administrator’s, not another office’s', async () => {
    const admin = await as(EDEM, 'cases.markDuplicate', {
      id: 'app-id-second',
      duplicateOf: 'app-id-first',
      reason: 'x',
    });
    expect(!admin.ok && admin.error.code).toBe('forbidden');
    const otherOffice = await as(ESSOWE, 'cases.markDuplicate', {
      id: 'app-id-second',
      duplicateOf: 'app-id-first',
      reason: 'x',
    });
    expect(otherOffice.ok).toBe(false);
    expect(core.db.prepare('SELECT count(*) FROM duplicate_links').pluck().get()).toBe(1);
  });
});
