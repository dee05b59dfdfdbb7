import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryMarks } from '../../src/main/core/certificates/registryMarks';
import type { Core } from '../../src/main/core/createCore';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import type { PortalApplication } from '../../src/shared/portal/portalApplication';
import { createRandom } from '../../src/simulator/random';
import { createFakeClock } from '../support/fakeClock';
import { ingest, linkedRecord } from '../support/linkedCases';
import { createSignalsOneByOne } from '../support/signalsOneByOne';
import { openCore, tempDir } from '../support/testBureau';

/**
 * `cases.signals` reads an inbox page's signals set-based (pageSignals.ts) and stores nothing, so
 * what it says must always be what the case-by-case reading says (the rules of the case page):
 * on a random office of repeat applicants, importer cards and citing requests, then after each
 * of a random sequence of writes — a card revoked on the portal or by the national registry, a
 * case rejected (by the portal, or by a clerk here, for a fraud-related reason or not), a
 * duplicate marked, an applicant's name or ID number corrected, a new case — every case's
 * signals are compared, and the reader's office only is answered.
 */

const NOW = '2026-12-07T09:00:00.000Z';
const TODAY = NOW.slice(0, 10);
const KOSSI = 'u-agent-kossi'; // agent, LOM
let core: Core;

async function as<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(method, input, core.contextOf(KOSSI));
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

const rng = createRandom(2020);
const pick = <T>(values: readonly T[]): T => values[rng.int(0, values.length - 1)]!;

const NAMES = [
  ['Afi', 'Mensah'],
  ['AFI', 'MÉNSAH'],
  ['Ama', 'Koffi'],
  ['Kodjo', 'Agbeko'],
  ['Yawa', 'Kpodar'],
] as const;
const ID_NUMBERS = ['TG-0100001', 'tg 0100001', 'TG-0100002', 'TG-0100003', 'TG0100003'];
const COMPANIES = [
  { name: 'ACME Négoce SARL', nif: '1000123456', rccm: 'TG-LFW-01-2024-B12-00001' },
  { name: 'Faux SARL', nif: '1000-555 555', rccm: 'TG-LFW-01-2022-B12-00005' },
  { name: 'Faux et Fils', nif: '1000555555', rccm: 'TG-LFW-01-2025-B12-00015' },
  { name: 'Comptoir du Golfe', nif: '1000777777', rccm: 'TG-LFW-01-2023-B12-00007' },
];
const CARDS = Array.from({ length: 8 }, (_, i) => `CIE-2026-LOM-90000${i + 1}`);
const PROCEDURES = ['COM-APIPS', 'COM-IMPEX', 'ART-DIP', 'ART-CP'];
const REASONS: Record<string, string[]> = {
  'COM-APIPS': ['PIECE_FALSIFIEE', 'PROFORMA_INCOHERENTE'],
  'COM-IMPEX': ['PIECE_FALSIFIEE'],
  'ART-DIP': ['IDENTITE_DISCORDANTE'],
  'ART-CP': [],
};

const records = new Map<string, PortalApplication>();
let serial = 0;

function randomCase(): PortalApplication {
  serial++;
  const procedureCode = pick(PROCEDURES);
  const [firstName, lastName] = pick(NAMES);
  const cited = rng.int(0, 4);
  const record = linkedRecord({
    id: `rnd-${String(serial).padStart(3, '0')}`,
    procedureCode,
    firstName,
    lastName,
    idNumber: rng.int(0, 2) > 0 ? pick(ID_NUMBERS) : undefined,
    company: procedureCode.startsWith('COM') ? pick(COMPANIES) : null,
    region: rng.int(0, 5) === 0 ? 'Kara' : 'Grand Lomé',
    form:
      procedureCode === 'COM-APIPS'
        ? {
            importerCardNumber:
              cited === 0
                ? ''
                : cited === 1
                  ? 'CIE-2026-LOM-123456'
                  : ` ${pick(CARDS).toLowerCase()}`,
          }
        : {},
    submittedAt: `2026-${String(rng.int(1, 11)).padStart(2, '0')}-0${rng.int(1, 9)}T09:00:00.000Z`,
  });
  return record;
}

function save(record: PortalApplication) {
  records.set(record.id, record);
  ingest(core.db, [record], NOW);
}

/** The portal's next version of a case. */
function portalChange(id: string, change: (record: PortalApplication) => PortalApplication) {
  const before = records.get(id)!;
  save({ ...change(structuredClone(before)), version: before.version + 1, updatedAt: NOW });
}

async function expectSignalsAsCaseByCase() {
  const reference = createSignalsOneByOne(core.db, core.catalog);
  const ids = [...records.keys()];
  for (let start = 0; start < ids.length; start += 200) {
    const page = ids.slice(start, start + 200);
    const answer = await as('cases.signals', { ids: page });
    const expected = reference(page, 'LOM', TODAY);
    expect(Object.keys(answer).sort()).toEqual(Object.keys(expected).sort());
    for (const id of Object.keys(expected))
      expect({ id, signals: answer[id] }).toEqual({ id, signals: expected[id] });
  }
}

const signalCount = async () =>
  Object.values(await as('cases.signals', { ids: [...records.keys()].slice(0, 200) })).flat()
    .length;

beforeAll(() => {
  core = openCore({
    dataDir: tempDir('bureau-page-signals-'),
    portalUrl: 'http://127.0.0.1:9',
    clock: createFakeClock(NOW),
  });
  // The importer cards the portal delivered, some cited by the requests.
  for (const [i, number] of CARDS.entries()) {
    save(
      linkedRecord({
        id: `card-${i}`,
        procedureCode: 'COM-IMPEX',
        status: 'issued',
        company: pick(COMPANIES),
        submittedAt: '2026-02-01T09:00:00.000Z',
        certificate: {
          number,
          issuedAt: '2026-02-10T09:00:00.000Z',
          expiresOn: i % 3 === 0 ? '2026-06-30' : '2027-12-31',
        },
      }),
    );
  }
  for (let i = 0; i < 90; i++) save(randomCase());
});

afterAll(async () => {
  await core.close();
});

describe('cases.signals, set-based, says what the case-by-case reading says', () => {
  it('on a random office, then after every one of a random sequence of writes', async () => {
    await expectSignalsAsCaseByCase();
    const before = await signalCount();
    let registry = 0;
    const kinds = new Set<string>();
    for (let step = 0; step < 40; step++) {
      const kind = pick([
        'portal_revokes',
        'registry_revokes',
        'portal_rejects',
        'clerk_rejects',
        'duplicate',
        'correction',
        'arrival',
      ] as const);
      const open = [...records.values()].filter(
        (record) => record.status === 'submitted' && record.applicant.region === 'Grand Lomé',
      );
      if (kind === 'portal_revokes') {
        const card = pick([...records.values()].filter((record) => record.certificate));
        portalChange(card.id, (record) => ({
          ...record,
          certificate: { ...record.certificate!, revokedAt: NOW, revocationReason: 'Fraude' },
        }));
      } else if (kind === 'registry_revokes') {
        createRegistryMarks(core.db).apply({
          number: pick(CARDS),
          status: pick(['revoked', 'cancelled'] as const),
          at: NOW,
          reason: 'Registre national',
          keyId: null,
          replacedBy: null,
          sequence: ++registry,
        });
      } else if (kind === 'portal_rejects') {
        const target = pick(open);
        const reasons = REASONS[target.procedureCode]!;
        portalChange(target.id, (record) => ({
          ...record,
          status: 'rejected',
          decision: { decidedAt: NOW, reasonCodes: reasons.length ? [pick(reasons)] : [] },
        }));
      } else if (kind === 'clerk_rejects') {
        // A clerk's own rejection: the case's `decision_json`, not the portal's record.
        const target = pick(
          open.filter((record) => ['COM-IMPEX', 'ART-DIP'].includes(record.procedureCode)),
        );
        await as('cases.claim', { id: target.id, provisional: true });
        await as('cases.reject', {
          id: target.id,
          reasonCodes: [pick(REASONS[target.procedureCode]!)],
          comment: 'Pièce non conforme',
          provisional: true,
        });
        records.set(target.id, { ...target, status: 'rejected' });
      } else if (kind === 'duplicate') {
        const [a, b] = [pick(open), pick(open)];
        if (a.id === b.id) continue;
        const linked = core.db
          .prepare(
            'SELECT 1 FROM duplicate_links WHERE (application_id = ? AND duplicate_of = ?) OR (application_id = ? AND duplicate_of = ?)',
          )
          .get(a.id, b.id, b.id, a.id);
        if (linked) continue;
        await as('cases.markDuplicate', { id: a.id, duplicateOf: b.id, reason: 'Même demande' });
      } else if (kind === 'correction') {
        const [firstName, lastName] = pick(NAMES);
        portalChange(pick(open).id, (record) => ({
          ...record,
          applicant: { ...record.applicant, firstName, lastName, idNumber: pick(ID_NUMBERS) },
        }));
      } else {
        save(randomCase());
      }
      kinds.add(kind);
      await expectSignalsAsCaseByCase();
    }
    // The sequence did change what is signalled, through every kind of write.
    expect(kinds.size).toBe(7);
    expect(await signalCount()).not.toBe(before);
  });
});
