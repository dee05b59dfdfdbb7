import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import readExcelFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import type { DashboardData } from '../../src/shared/api/dashboardTypes';
import type { ApiError } from '../../src/shared/api/result';
import { officeForRegion } from '../../src/shared/domain/offices';
import type { PortalApplication } from '../../src/shared/portal/portalApplication';
import type { PortalSimulator } from '../../src/simulator/server';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn, PORTAL_TOKEN, startSimulatorOn } from '../support/fakeClockBureau';
import { FAST_TUNING } from '../support/syncBureau';
import { resourcesDir, tempDir } from '../support/testBureau';

/**
 * The supervisor's dashboard through the core's API, on a real SQLite file synced over HTTP from
 * the portal simulator. A fake clock shared by both lays out a month: intake on chosen days,
 * decisions taken through the real workflow (claim, checklist, approve / reject / sign-off), one
 * decided at another desk on the portal, one withdrawal. The expected figures come from a model
 * of that month kept by the test itself (the portal's records, the catalog's SLA and an
 * independent working-day count), never from Bureau's own queries.
 */

const TOKEN = PORTAL_TOKEN;
const KPODAR = 'Société Kpodar & Fils ; SARL "KF"';

const HOLIDAYS = new Set(
  (
    JSON.parse(readFileSync(join(resourcesDir, 'calendar', 'togo-holidays.json'), 'utf8')) as {
      holidays: { date: string }[];
    }
  ).holidays.map((holiday) => holiday.date),
);
const isWorkingDay = (day: Date) =>
  day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !HOLIDAYS.has(day.toISOString().slice(0, 10));
function plusWorkingDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  for (let left = days; left > 0;) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (isWorkingDay(day)) left--;
  }
  return day.toISOString().slice(0, 10);
}
/** Working days after `from` up to and including `to` (`to` ≥ `from`). */
function workingDaysFrom(from: string, to: string): number {
  let count = 0;
  const day = new Date(`${from}T00:00:00Z`);
  while (day.toISOString().slice(0, 10) < to) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (isWorkingDay(day)) count++;
  }
  return count;
}

/** What the test knows of each case. */
interface ModelCase {
  id: string;
  reference: string;
  procedureCode: string;
  office: string;
  applicantName: string;
  companyName: string | null;
  submittedOn: string;
  due: string;
  open: boolean;
  decidedOn?: string;
  decidedBy?: string | null;
  assignee?: string;
}

const clock = createFakeClock('2026-11-02T08:00:00.000Z'); // a Monday
let simulator: PortalSimulator;
let core: Core;
const model = new Map<string, ModelCase>();
const batches: Record<'a' | 'b' | 'c' | 'd', string[]> = { a: [], b: [], c: [], d: [] };
const NAMES: Record<string, string> = {};
let kpodarCase = '';

type Outcome<M extends MethodName> =
  { ok: true; value: MethodOutput<M> } | { ok: false; error: ApiError };
const dispatchAs = <M extends MethodName>(userId: string, method: M, input: MethodInput<M>) =>
  core.dispatch(method, input, core.contextOf(userId)) as Promise<Outcome<M>>;
async function as<M extends MethodName>(userId: string, method: M, input: MethodInput<M>) {
  const result = await dispatchAs(userId, method, input);
  if (!result.ok) throw new Error(`${method} by ${userId}: ${result.error.message}`);
  return result.value;
}

async function simulatorPost(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${simulator.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
  return response.json() as Promise<unknown>;
}

async function sync() {
  expect(await core.sync.syncNow()).toMatchObject({
    phase: 'idle',
    pendingActions: 0,
    failedActions: 0,
    conflicts: 0,
    quarantined: 0,
  });
}

/** New applications on the portal, submitted in the few minutes before the clock's time. */
async function intake(batch: keyof typeof batches, count: number, at: string) {
  clock.advanceTo(at);
  const { ids } = (await simulatorPost('/__sim/applications', { count })) as { ids: string[] };
  for (const id of ids) {
    const record = simulator.store.get(id) as PortalApplication;
    const procedure = core.catalog.get(record.procedureCode)!;
    const submittedOn = record.submittedAt.slice(0, 10);
    model.set(id, {
      id,
      reference: record.reference,
      procedureCode: record.procedureCode,
      office: officeForRegion(record.applicant.region)!,
      applicantName: `${record.applicant.firstName} ${record.applicant.lastName}`,
      companyName: record.company?.name ?? null,
      submittedOn,
      due: plusWorkingDays(submittedOn, procedure.slaWorkingDays),
      open: true,
    });
    batches[batch].push(id);
  }
}

const used = new Set<string>();
function pick(
  batch: keyof typeof batches,
  office: string,
  accept: (entry: ModelCase) => boolean = () => true,
): ModelCase {
  const found = batches[batch]
    .map((id) => model.get(id)!)
    .find((entry) => !used.has(entry.id) && entry.office === office && accept(entry));
  if (!found) throw new Error(`no case left in batch ${batch} for ${office}`);
  used.add(found.id);
  return found;
}
const signOff = (entry: ModelCase) => core.catalog.get(entry.procedureCode)!.signOffRequired;
const sla = (entry: ModelCase) => core.catalog.get(entry.procedureCode)!.slaWorkingDays;

async function claim(entry: ModelCase, userId: string) {
  await as(userId, 'cases.claim', { id: entry.id });
  entry.assignee = userId;
}
async function approve(entry: ModelCase, userId: string) {
  await claim(entry, userId);
  for (const item of core.catalog.get(entry.procedureCode)!.checklist) {
    await as(userId, 'cases.tickChecklist', { id: entry.id, itemId: item.id, checked: true });
  }
  await as(userId, 'cases.approve', { id: entry.id });
  if (!signOff(entry)) decided(entry, userId);
}
function decided(entry: ModelCase, by: string | null) {
  entry.open = false;
  entry.decidedOn = clock.now().toISOString().slice(0, 10);
  entry.decidedBy = by;
}

beforeAll(async () => {
  simulator = await startSimulatorOn(clock, { seed: 31, count: 0 });
  core = openCoreOn(clock, {
    dataDir: tempDir('bureau-dashboard-'),
    portalUrl: simulator.url,
    syncTuning: FAST_TUNING,
  });
  // Kara's supervisor, to see that each office sees only its own figures.
  core.db
    .prepare(
      "INSERT INTO users (id, username, display_name, role, office_code, created_at) VALUES ('u-sup-yawa', 'yawa.assih', 'Yawa Assih', 'superviseur', 'KAR', ?)",
    )
    .run(clock.now().toISOString());
  for (const row of core.db.prepare('SELECT id, display_name FROM users').all() as {
    id: string;
    display_name: string;
  }[]) {
    NAMES[row.id] = row.display_name;
  }

  // Monday 2 November: the first intake. One company's name carries a « ; » and quotes, as the
  // portal may send it: it must survive to the CSV.
  await intake('a', 60, '2026-11-02T10:00:00.000Z');
  const kpodar = pick('a', 'LOM', (entry) => entry.companyName !== null && sla(entry) <= 10);
  (simulator.store.get(kpodar.id) as PortalApplication).company!.name = KPODAR;
  kpodar.companyName = KPODAR;
  kpodarCase = kpodar.id;
  await sync();
  await intake('b', 25, '2026-11-04T10:00:00.000Z');
  await sync();

  // Thursday 5: claims that stay open, two decisions, a proposal for sign-off, Kara's decision.
  clock.advanceTo('2026-11-05T09:00:00.000Z');
  const late = pick('a', 'LOM', (entry) => !signOff(entry) && sla(entry) <= 15);
  await claim(
    pick('a', 'LOM', (entry) => sla(entry) <= 15),
    'u-agent-kossi',
  );
  await claim(
    pick('a', 'LOM', (entry) => sla(entry) <= 15),
    'u-agent-kossi',
  );
  await claim(pick('b', 'LOM'), 'u-agent-akossiwa');
  clock.advanceTo('2026-11-05T11:00:00.000Z');
  await approve(
    pick('a', 'LOM', (entry) => !signOff(entry)),
    'u-agent-kossi',
  );
  const proposal = pick('a', 'LOM', signOff);
  await approve(proposal, 'u-agent-kossi');
  clock.advanceTo('2026-11-05T14:00:00.000Z');
  const rejected = pick('a', 'LOM', (entry) => !signOff(entry));
  await claim(rejected, 'u-agent-akossiwa');
  await as('u-agent-akossiwa', 'cases.reject', {
    id: rejected.id,
    reasonCodes: [core.catalog.get(rejected.procedureCode)!.rejectReasons[0]!.code],
    comment: 'Pièces illisibles.',
  });
  decided(rejected, 'u-agent-akossiwa');
  clock.advanceTo('2026-11-05T15:00:00.000Z');
  await approve(
    pick('a', 'KAR', (entry) => !signOff(entry)),
    'u-agent-essowe',
  );
  await sync();

  // Friday 6: the supervisor signs off; the decision counts for the clerk who proposed it.
  clock.advanceTo('2026-11-06T09:00:00.000Z');
  await as('u-sup-ablavi', 'cases.signOff', { id: proposal.id, decision: 'approve' });
  decided(proposal, 'u-agent-kossi');
  await sync();

  // Monday 9: another desk approves a case on the portal; an applicant withdraws.
  clock.advanceTo('2026-11-09T10:00:00.000Z');
  const elsewhere = pick('b', 'LOM', (entry) => !signOff(entry));
  await simulatorPost(
    `/api/v1/applications/${elsewhere.id}/events`,
    {
      kind: 'decision.approved',
      occurredAt: clock.now().toISOString(),
      payload: { decidedBy: { id: 'u-autre-bureau', displayName: 'Komlan Amouzou' } },
    },
    { 'idempotency-key': 'dashboard-test-elsewhere-1' },
  );
  decided(elsewhere, null);
  const withdrawn = pick('a', 'LOM');
  await simulatorPost(`/__sim/applications/${withdrawn.id}/withdraw`, {});
  withdrawn.open = false;
  await sync();

  // The working day after its deadline: a late decision.
  clock.advanceTo(`${plusWorkingDays(late.due, 1)}T10:00:00.000Z`);
  await approve(late, 'u-agent-kossi');
  await sync();

  // Late November intake, for the backlog's younger age groups.
  await intake('c', 12, '2026-11-23T10:00:00.000Z');
  await sync();
  await intake('d', 10, '2026-11-27T10:00:00.000Z');
  await sync();
  clock.advanceTo('2026-11-30T09:00:00.000Z');
}, 120_000);

afterAll(async () => {
  await core?.close();
  await simulator?.close();
});

// — The oracle: the dashboard computed from the model, the plain way —

const TODAY = '2026-11-30';
const overdueNow = (entry: ModelCase) => entry.open && entry.due < TODAY;

function expectedDashboard(office: string, from: string, to: string, procedureCodes?: string[]) {
  const cases = [...model.values()].filter(
    (entry) =>
      entry.office === office && (!procedureCodes || procedureCodes.includes(entry.procedureCode)),
  );
  const days: string[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); day.toISOString().slice(0, 10) <= to;) {
    days.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  const inPeriod = (day: string | undefined) => day !== undefined && day >= from && day <= to;
  const decisions = cases.filter((entry) => inPeriod(entry.decidedOn));
  const durations = decisions
    .map((entry) => workingDaysFrom(entry.submittedOn, entry.decidedOn!))
    .sort((a, b) => a - b);
  const middle = Math.floor(durations.length / 2);
  const open = cases.filter((entry) => entry.open);
  const onTime = decisions.filter((entry) => entry.decidedOn! <= entry.due).length;
  const ageGroup = (entry: ModelCase) => {
    const age = workingDaysFrom(entry.submittedOn, TODAY);
    return age <= 2 ? '0-2' : age <= 5 ? '3-5' : age <= 10 ? '6-10' : age <= 20 ? '11-20' : '21+';
  };
  return {
    totals: {
      received: cases.filter((entry) => inPeriod(entry.submittedOn)).length,
      decided: decisions.length,
      open: open.length,
      overdue: open.filter(overdueNow).length,
    },
    daily: days.map((day) => ({
      day,
      received: cases.filter((entry) => entry.submittedOn === day).length,
      decided: decisions.filter((entry) => entry.decidedOn === day).length,
    })),
    sla: {
      decided: decisions.length,
      onTime,
      compliancePercent:
        decisions.length === 0 ? null : Math.round((onTime / decisions.length) * 1000) / 10,
    },
    medianProcessingDays:
      durations.length === 0
        ? null
        : durations.length % 2
          ? durations[middle]
          : (durations[middle - 1]! + durations[middle]!) / 2,
    backlogByAge: ['0-2', '3-5', '6-10', '11-20', '21+'].map((bucket) => ({
      bucket,
      open: open.filter((entry) => ageGroup(entry) === bucket).length,
    })),
    backlogByProcedure: core.catalog.procedures
      .filter((procedure) => !procedureCodes || procedureCodes.includes(procedure.code))
      .map((procedure) => ({
        procedureCode: procedure.code,
        shortTitle: procedure.shortTitle.fr,
        open: open.filter((entry) => entry.procedureCode === procedure.code).length,
        overdue: open.filter((entry) => entry.procedureCode === procedure.code && overdueNow(entry))
          .length,
      })),
    decidedBy: (userId: string) => decisions.filter((entry) => entry.decidedBy === userId).length,
    openOf: (userId: string) => open.filter((entry) => entry.assignee === userId).length,
    overdueOf: (userId: string) =>
      open.filter((entry) => entry.assignee === userId && overdueNow(entry)).length,
    overdue: open
      .filter(overdueNow)
      .sort((a, b) => a.due.localeCompare(b.due) || a.reference.localeCompare(b.reference))
      .map((entry) => ({
        id: entry.id,
        reference: entry.reference,
        procedureCode: entry.procedureCode,
        applicantName: entry.applicantName,
        companyName: entry.companyName,
        assigneeName: entry.assignee ? NAMES[entry.assignee] : null,
        dueDate: entry.due,
        workingDaysLate: workingDaysFrom(entry.due, TODAY),
      })),
  };
}

const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
const summaryAs = (userId: string, query: MethodInput<'dashboard.summary'>) =>
  as(userId, 'dashboard.summary', query);

function expectMatches(actual: DashboardData, expected: ReturnType<typeof expectedDashboard>) {
  expect(actual.totals).toEqual(expected.totals);
  expect(actual.daily).toEqual(expected.daily);
  expect(actual.sla).toEqual(expected.sla);
  expect(actual.medianProcessingDays).toBe(expected.medianProcessingDays);
  expect(actual.backlogByAge.map(({ bucket, open }) => ({ bucket, open }))).toEqual(
    expected.backlogByAge,
  );
  expect(actual.backlogByProcedure).toEqual(expected.backlogByProcedure);
  expect(actual.overdue).toEqual(expected.overdue);
  for (const clerk of actual.clerks) {
    expect(clerk, clerk.displayName).toMatchObject({
      decided: expected.decidedBy(clerk.userId),
      open: expected.openOf(clerk.userId),
      overdue: expected.overdueOf(clerk.userId),
    });
  }
}

describe('supervisor dashboard', () => {
  it('counts the office’s month exactly: intake, decisions, SLA, median, backlog, clerks, overdue', async () => {
    const data = await summaryAs('u-sup-ablavi', NOVEMBER);
    const expected = expectedDashboard('LOM', NOVEMBER.from, NOVEMBER.to);
    expectMatches(data, expected);
    expect(data.period).toEqual(NOVEMBER);
    expect(data.asOf).toBe(TODAY);

    // The month as it was laid out, in plain numbers.
    expect(data.daily.filter((day) => day.decided > 0).map((day) => day.day)).toContain(
      '2026-11-05',
    );
    expect(data.totals.decided).toBe(5); // approved, rejected, signed off, elsewhere, late
    expect(data.sla).toMatchObject({ decided: 5, onTime: 4, compliancePercent: 80 });
    expect(data.medianProcessingDays).toBe(3);
    expect(data.totals.overdue).toBeGreaterThan(3);
    expect(data.totals.overdue).toBe(data.overdue.length);

    // Active staff of the office only, by name; the sign-off counts for the proposing clerk.
    expect(data.clerks.map((clerk) => [clerk.displayName, clerk.role, clerk.decided])).toEqual([
      ['Ablavi Lawson', 'superviseur', 0],
      ['Akossiwa Mensah', 'agent', 1],
      ['Kossi Agbodjan', 'agent', 3],
      ['Mawuli Kpodar', 'agent', 0],
    ]);
    expect(data.clerks.find((clerk) => clerk.userId === 'u-agent-kossi')).toMatchObject({
      open: 2,
      overdue: 2,
    });

    // Worst first: earliest deadline, then reference.
    const dues = data.overdue.map((entry) => entry.dueDate);
    expect(dues).toEqual([...dues].sort());
    expect(data.overdue.find((entry) => entry.id === kpodarCase)?.companyName).toBe(KPODAR);
    expect(data.backlogByAge.find((bucket) => bucket.bucket === '0-2')?.open).toBeGreaterThan(0);
    expect(data.backlogByAge.find((bucket) => bucket.bucket === '3-5')?.open).toBeGreaterThan(0);
  });

  it('filters by procedure, and by period (a week, an empty month)', async () => {
    const codes = [model.get(kpodarCase)!.procedureCode, 'ART-CP'];
    const filtered = await summaryAs('u-sup-ablavi', { ...NOVEMBER, procedureCodes: codes });
    expectMatches(filtered, expectedDashboard('LOM', NOVEMBER.from, NOVEMBER.to, codes));
    expect(filtered.backlogByProcedure.map((row) => row.procedureCode).sort()).toEqual(
      [...codes].sort(),
    );
    const all = await summaryAs('u-sup-ablavi', NOVEMBER);
    expect(filtered.totals.received).toBeLessThan(all.totals.received);

    const week = { from: '2026-11-02', to: '2026-11-08' };
    expectMatches(
      await summaryAs('u-sup-ablavi', week),
      expectedDashboard('LOM', week.from, week.to),
    );

    const october = await summaryAs('u-sup-ablavi', { from: '2026-10-01', to: '2026-10-31' });
    expect(october.daily).toHaveLength(31);
    expect(october.totals).toMatchObject({ received: 0, decided: 0 });
    expect(october.sla).toEqual({ decided: 0, onTime: 0, compliancePercent: null });
    expect(october.medianProcessingDays).toBeNull();
    // The backlog is today's, whatever the period.
    expect(october.totals.open).toBe(all.totals.open);
  });

  it('shows each supervisor only their office', async () => {
    const kara = await summaryAs('u-sup-yawa', NOVEMBER);
    expectMatches(kara, expectedDashboard('KAR', NOVEMBER.from, NOVEMBER.to));
    expect(kara.totals.decided).toBe(1);
    expect(kara.clerks.map((clerk) => [clerk.displayName, clerk.decided])).toEqual([
      ['Essowè Tchala', 1],
      ['Yawa Assih', 0],
    ]);
    const lome = await summaryAs('u-sup-ablavi', NOVEMBER);
    const karaIds = new Set(kara.overdue.map((entry) => entry.id));
    expect(lome.overdue.some((entry) => karaIds.has(entry.id))).toBe(false);
  });

  it('refuses clerks and administrators, and an inverted or too long period', async () => {
    for (const userId of ['u-agent-kossi', 'u-admin-edem']) {
      const refused = await dispatchAs(userId, 'dashboard.summary', NOVEMBER);
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const exported = await dispatchAs(userId, 'dashboard.export', {
        query: NOVEMBER,
        table: 'clerks',
        format: 'csv',
      });
      expect(exported).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const inverted = await dispatchAs('u-sup-ablavi', 'dashboard.summary', {
      from: '2026-11-30',
      to: '2026-11-01',
    });
    expect(inverted).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!inverted.ok) expect(inverted.error.message).toMatch(/date de début/);
    const tooLong = await dispatchAs('u-sup-ablavi', 'dashboard.summary', {
      from: '2024-01-01',
      to: '2026-11-30',
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('exports a table as CSV for French Excel: BOM, « ; », quoted names, French dates', async () => {
    const file = await as('u-sup-ablavi', 'dashboard.export', {
      query: NOVEMBER,
      table: 'overdue',
      format: 'csv',
    });
    expect(file.fileName).toBe(
      'bureau-tableau-de-bord-dossiers-en-retard-2026-11-01_2026-11-30.csv',
    );
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    const bytes = Buffer.from(file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'Référence;Procédure;Demandeur;Entreprise;Agent attribué;Échéance;Jours ouvrés de retard',
    );
    const expected = expectedDashboard('LOM', NOVEMBER.from, NOVEMBER.to).overdue;
    expect(lines.length - 2).toBe(expected.length);
    const kpodar = expected.find((entry) => entry.id === kpodarCase)!;
    const [year, mm, day] = kpodar.dueDate.split('-');
    expect(lines).toContain(
      [
        kpodar.reference,
        kpodar.procedureCode,
        kpodar.applicantName,
        '"Société Kpodar & Fils ; SARL ""KF"""',
        kpodar.assigneeName ?? '',
        `${day}/${mm}/${year}`,
        String(kpodar.workingDaysLate),
      ].join(';'),
    );

    const clerks = await as('u-sup-ablavi', 'dashboard.export', {
      query: NOVEMBER,
      table: 'clerks',
      format: 'csv',
    });
    const month = expectedDashboard('LOM', NOVEMBER.from, NOVEMBER.to);
    const clerkLine = (name: string, role: string, id: string) =>
      `${name};${role};${month.decidedBy(id)};${month.openOf(id)};${month.overdueOf(id)}\r\n`;
    expect(Buffer.from(clerks.base64, 'base64').toString('utf8')).toBe(
      '\uFEFFAgent;Rôle;Décisions sur la période;Dossiers ouverts;Dont en retard\r\n' +
        clerkLine('Ablavi Lawson', 'Superviseur', 'u-sup-ablavi') +
        clerkLine('Akossiwa Mensah', 'Agent instructeur', 'u-agent-akossiwa') +
        clerkLine('Kossi Agbodjan', 'Agent instructeur', 'u-agent-kossi') +
        clerkLine('Mawuli Kpodar', 'Agent instructeur', 'u-agent-mawuli'),
    );
    expect(month.decidedBy('u-agent-kossi')).toBe(3);
  });

  it('exports tables as Excel workbooks that read back with their types', async () => {
    const daily = await as('u-sup-ablavi', 'dashboard.export', {
      query: NOVEMBER,
      table: 'daily',
      format: 'xlsx',
    });
    expect(daily.fileName).toBe('bureau-tableau-de-bord-flux-quotidien-2026-11-01_2026-11-30.xlsx');
    expect(daily.mimeType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const [sheet] = await readExcelFile(Buffer.from(daily.base64, 'base64'));
    expect(sheet?.sheet).toBe('Flux quotidien');
    const rows = sheet!.data;
    expect(rows[0]).toEqual(['Jour', 'Dossiers reçus', 'Décisions']);
    const expected = expectedDashboard('LOM', NOVEMBER.from, NOVEMBER.to).daily;
    expect(rows.slice(1)).toEqual(
      expected.map((row) => [new Date(`${row.day}T00:00:00Z`), row.received, row.decided]),
    );

    const overdue = await as('u-sup-ablavi', 'dashboard.export', {
      query: NOVEMBER,
      table: 'overdue',
      format: 'xlsx',
    });
    const [overdueSheet] = await readExcelFile(Buffer.from(overdue.base64, 'base64'));
    const kpodarRow = overdueSheet!.data.find((row) => row[3] === KPODAR);
    expect(kpodarRow?.[0]).toBe(model.get(kpodarCase)!.reference);
    expect(typeof kpodarRow?.[6]).toBe('number');
  });
});
