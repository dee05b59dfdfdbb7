import { execFile, spawn } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as CertificatePdf from '../../src/main/core/certificates/certificatePdf';
import { TRAINING_USERS } from '../../src/main/core/auth/trainingUsers';
import { createUsersRepository } from '../../src/main/core/auth/usersRepository';
import { keyIdFor, signQrText } from '../../src/main/core/certificates/qrPayload';
import type { Core } from '../../src/main/core/createCore';
import type {
  CertificateFacts,
  CertificatePage,
  CertificateSummary,
} from '../../src/shared/api/certificateTypes';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import type { ApiError } from '../../src/shared/api/result';
import type { OfficeSettings } from '../../src/shared/api/adminTypes';
import type { CurrentUser } from '../../src/shared/api/types';
import { formatCertificateNumber } from '../../src/shared/domain/certificateNumber';
import type { PortalSimulator } from '../../src/simulator/server';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn, PORTAL_TOKEN, startSimulatorOn } from '../support/fakeClockBureau';
import { eventually, FAST_TUNING, scalar } from '../support/syncBureau';
import { trainingUsersOf, openCore, repoRoot, tempDir } from '../support/testBureau';

/**
 * Certificates through the core's API on a real SQLite file, with the portal simulator over
 * HTTP, checked with outside tools: pdfinfo and qpdf accept the PDF, pdftotext reads it,
 * pdftoppm renders it at 150 dpi and zbarimg decodes its QR code, whose signature the standalone
 * verifier script checks with nothing but the office's public key.
 *
 * The main core is a real office's desk (not training: its certificates are real), staffed with
 * the same people as the training office. A training core on its own portal issues specimens.
 */

// One renderer failure on demand, to show that a failed issue leaves no trace and no gap.
const renderFault = vi.hoisted(() => ({ failNext: false }));
vi.mock('../../src/main/core/certificates/certificatePdf', async (importOriginal) => {
  const actual = await importOriginal<typeof CertificatePdf>();
  return {
    ...actual,
    renderCertificatePdf: (...args: Parameters<typeof actual.renderCertificatePdf>) => {
      if (renderFault.failNext) {
        renderFault.failNext = false;
        throw new Error('panne simulée du moteur PDF');
      }
      return actual.renderCertificatePdf(...args);
    },
  };
});

const TOKEN = PORTAL_TOKEN;
const artifacts = join(repoRoot, 'tests', 'artifacts', 'certificates');
const renders = tempDir('bureau-certificate-renders-');

const clock = createFakeClock('2026-11-23T08:00:00.000Z'); // a Monday
let simulator: PortalSimulator;
let core: Core;
let dataDir: string;
let users: Record<'kossi' | 'ablavi' | 'essowe' | 'edem', CurrentUser>;

/** A real office's desk on `dataDir` (created with the training office's staff, if new). */
function openRealCore(): Core {
  const opened = openCoreOn(clock, {
    dataDir,
    portalUrl: simulator.url,
    syncTuning: FAST_TUNING,
    training: false,
  });
  const staff = createUsersRepository(opened.db);
  for (const user of TRAINING_USERS) staff.insertIfMissing(user, clock.now().toISOString());
  return opened;
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  simulator = await startSimulatorOn(clock, { seed: 21, count: 200 });
  dataDir = tempDir('bureau-certificates-');
  core = openRealCore();
  const training = { value: trainingUsersOf(core) };
  const byId = new Map((training.value as CurrentUser[]).map((user) => [user.id, user]));
  users = {
    kossi: byId.get('u-agent-kossi')!,
    ablavi: byId.get('u-sup-ablavi')!,
    essowe: byId.get('u-agent-essowe')!,
    edem: byId.get('u-admin-edem')!,
  };
  expect(await core.sync.syncNow()).toMatchObject({ phase: 'idle', quarantined: 0 });
});

afterAll(async () => {
  await core?.close();
  await simulator?.close();
});

// — Helpers —

type Outcome<M extends MethodName> =
  { ok: true; value: MethodOutput<M> } | { ok: false; error: ApiError };

const dispatch = <M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  user: CurrentUser,
  on: Core = core,
): Promise<Outcome<M>> => on.dispatch(method, input, { user }) as Promise<Outcome<M>>;

async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  user: CurrentUser,
  on: Core = core,
): Promise<MethodOutput<M>> {
  const result = await dispatch(method, input, user, on);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const taken = new Set<string>();
function freshCase(procedureCode: string, officeCode: string, on: Core = core): string {
  const ids = on.db
    .prepare(
      "SELECT id FROM applications WHERE procedure_code = ? AND office_code = ? AND status = 'submitted' ORDER BY id",
    )
    .pluck()
    .all(procedureCode, officeCode) as string[];
  const id = ids.find((candidate) => !taken.has(candidate));
  if (!id) throw new Error(`no fresh ${procedureCode} case left in ${officeCode}`);
  taken.add(id);
  return id;
}

/** Claims, ticks the checklist and approves (with sign-off where the procedure needs it). */
async function approvedCase(
  procedureCode: string,
  agent: CurrentUser = users.kossi,
  on: Core = core,
): Promise<string> {
  const id = freshCase(procedureCode, agent.officeCode, on);
  await call('cases.claim', { id }, agent, on);
  for (const item of on.catalog.get(procedureCode)!.checklist) {
    await call('cases.tickChecklist', { id, itemId: item.id, checked: true }, agent, on);
  }
  const detail = await call('cases.approve', { id }, agent, on);
  if (detail.row.status === 'pending_signoff') {
    await call('cases.signOff', { id, decision: 'approve' }, users.ablavi, on);
  }
  expect(scalar(on.db, 'SELECT status FROM applications WHERE id = ?', id)).toBe('approved');
  return id;
}

interface CertificateDbRow {
  id: string;
  number: string;
  year: number;
  seq: number;
  qr_text: string;
  sha256: string;
  file_state: string;
}
const withoutCode = ({ code: _code, ...rest }: OfficeSettings) => rest;
const certificateRow = (id: string, on: Core = core) =>
  on.db.prepare('SELECT * FROM certificates WHERE id = ?').get(id) as CertificateDbRow;
const pdfPath = (row: CertificateDbRow, dir = dataDir) =>
  join(dir, 'certificates', String(row.year), `${row.number}.pdf`);

/** Runs an outside tool without blocking the event loop (the simulator serves in-process). */
function tool(
  command: string,
  args: string[],
  cwd?: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8', cwd }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      if (error && status === null) reject(error);
      else resolve({ status, stdout, stderr });
    });
  });
}

/**
 * pdftoppm at 150 dpi, then zbarimg on the page; returns the QR text. The page is rendered in
 * this run's own folder (another test run may be rendering the same names) and then copied to
 * tests/artifacts/certificates/ for people to look at.
 */
async function scanQr(pdf: string, name: string): Promise<{ text: string; png: string }> {
  const base = join(renders, name);
  expect((await tool('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, base])).status).toBe(0);
  const scan = await tool('zbarimg', ['--raw', '-q', `${base}.png`]);
  expect(scan.status, scan.stderr).toBe(0);
  copyFileSync(`${base}.png`, join(artifacts, `${name}.png`));
  return { text: scan.stdout.trim(), png: `${base}.png` };
}

async function verifierScript(args: string[]): Promise<{ status: number | null; stdout: string }> {
  const result = await tool(
    'npx',
    ['tsx', join('scripts', 'verify-certificate.ts'), ...args],
    repoRoot,
  );
  return { status: result.status, stdout: result.stdout + result.stderr };
}

async function publicKeyFile(officeCode: string): Promise<string> {
  const keys = await call('certificates.publicKeys', {}, users.edem);
  const key = keys.find((candidate) => candidate.officeCode === officeCode);
  expect(key?.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  const file = join(tempDir('bureau-keys-'), `${officeCode}.pem`);
  writeFileSync(file, key!.publicKeyPem);
  return file;
}

/** The QR text with its payload rewritten and the original signature kept. */
function tamper(qrText: string, edit: (payload: string) => string): string {
  const [prefix, payload, signature] = qrText.split('.') as [string, string, string];
  const text = Buffer.from(payload, 'base64url').toString('utf8');
  return `${prefix}.${Buffer.from(edit(text), 'utf8').toString('base64url')}.${signature}`;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const ACCENTED_HOLDER = 'Établissements Kpodar & Frères d’Aného — Négoce général';

// — The certificate and the outside tools —

let impex: CertificateSummary;
let impexCase: string;

describe('issuing a certificate', () => {
  it('moves the approved case to issued in one transaction: number, row, history, audit, outbox', async () => {
    impexCase = await approvedCase('COM-IMPEX');
    // The holder's name as a Togolese company may spell it, accents and all.
    core.db
      .prepare(
        "UPDATE applications SET record_json = json_set(record_json, '$.company.name', ?), company_name = ? WHERE id = ?",
      )
      .run(ACCENTED_HOLDER, ACCENTED_HOLDER, impexCase);
    const audits = scalar<number>(core.db, 'SELECT count(*) FROM audit_log');
    impex = await call('certificates.issue', { caseId: impexCase }, users.kossi);

    expect(impex).toMatchObject({
      number: 'CIE-2026-LOM-000001',
      applicationId: impexCase,
      procedureCode: 'COM-IMPEX',
      holderName: ACCENTED_HOLDER,
      officeCode: 'LOM',
      expiresOn: '2027-11-22',
      issuedBy: { id: users.kossi.id, displayName: 'Kossi Agbodjan' },
      status: 'valid',
      duplicates: 0,
    });
    expect(impex.keyId).toMatch(/^LOM-[0-9a-f]{8}$/);
    expect(scalar(core.db, 'SELECT status FROM applications WHERE id = ?', impexCase)).toBe(
      'issued',
    );
    expect(
      core.db
        .prepare(
          "SELECT kind, from_status, to_status, actor_id FROM history_events WHERE application_id = ? AND kind = 'certificate_issued'",
        )
        .all(impexCase),
    ).toEqual([
      {
        kind: 'certificate_issued',
        from_status: 'approved',
        to_status: 'issued',
        actor_id: users.kossi.id,
      },
    ]);
    expect(scalar<number>(core.db, 'SELECT count(*) FROM audit_log')).toBe(audits + 1);
    expect(scalar(core.db, 'SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1')).toBe(
      'case.certificate_issued',
    );

    const outbox = core.db
      .prepare(
        "SELECT payload_json FROM outbox WHERE application_id = ? AND kind = 'certificate.issued'",
      )
      .pluck()
      .all(impexCase) as string[];
    expect(outbox).toHaveLength(1);
    const payload = JSON.parse(outbox[0]!) as {
      number: string;
      expiresOn: string;
      document: { sha256: string; base64: string; fileName: string };
    };
    expect(payload).toMatchObject({ number: impex.number, expiresOn: '2027-11-22' });
    expect(payload.document.sha256).toBe(impex.sha256);
    expect(sha256(Buffer.from(payload.document.base64, 'base64'))).toBe(impex.sha256);

    const row = certificateRow(impex.id);
    expect(row.file_state).toBe('stored');
    expect(sha256(readFileSync(pdfPath(row)))).toBe(impex.sha256);
    // The private key never reaches the database; its file is readable by its owner only.
    expect(
      scalar<number>(
        core.db,
        "SELECT count(*) FROM signing_keys WHERE public_key_pem LIKE '%PRIVATE%'",
      ),
    ).toBe(0);
    const keyFile = join(dataDir, 'keys', `${impex.keyId}.pem`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('writes a PDF that pdfinfo and qpdf accept, with metadata and A4 pages', async () => {
    const pdf = pdfPath(certificateRow(impex.id));
    const info = await tool('pdfinfo', [pdf]);
    expect(info.status, info.stderr).toBe(0);
    expect(info.stdout).toMatch(/^Pages:\s+1$/m);
    expect(info.stdout).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(info.stdout).toMatch(
      /^Title:\s+Carte d’importateur \/ d’exportateur n° CIE-2026-LOM-000001$/m,
    );
    expect(info.stdout).toMatch(
      /^Author:\s+Ministère du Commerce.*Direction du Commerce extérieur$/m,
    );
    expect(info.stdout).toMatch(/^Subject:\s+.+Lomé$/m);
    expect(info.stdout).toMatch(/^CreationDate:\s+Mon Nov 23 08:00:00 2026/m);
    expect(info.stdout).toMatch(/^PDF version:\s+1\.7$/m);
    const check = await tool('qpdf', ['--check', pdf]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors found');
    // Every font is embedded (a subset).
    const fonts = (await tool('pdffonts', [pdf])).stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+yes\b/);
  });

  it('reads back with pdftotext: the accented holder, the number, the dates in French', async () => {
    const text = (await tool('pdftotext', ['-layout', pdfPath(certificateRow(impex.id)), '-']))
      .stdout;
    expect(text).toContain(ACCENTED_HOLDER);
    expect(text).toContain('CIE-2026-LOM-000001');
    expect(text).toContain('RÉPUBLIQUE TOGOLAISE');
    expect(text).toContain('Travail – Liberté – Patrie');
    expect(text).toContain('23 novembre 2026');
    expect(text).toContain('22 novembre 2027');
    expect(text).toContain('Fait à Lomé, le 23 novembre 2026');
    expect(text).toContain('Le Directeur du Commerce extérieur');
    // A real certificate bears no training mark.
    expect(text).not.toContain('SPÉCIMEN');
    expect(text).not.toContain('FORMATION');
  });

  it('renders a QR code that zbarimg reads at 150 dpi, verified with the public key alone', async () => {
    const row = certificateRow(impex.id);
    const { text } = await scanQr(pdfPath(row), 'certificate-impex');
    expect(text).toBe(row.qr_text);
    // A real certificate's payload carries no training mark.
    expect(Buffer.from(text.split('.')[1]!, 'base64url').toString('utf8')).not.toContain(
      'SPÉCIMEN',
    );

    const keyFile = await publicKeyFile('LOM');
    const script = await verifierScript(['--public-key', keyFile, text]);
    expect(script.status, script.stdout).toBe(0);
    expect(script.stdout).toContain('Verdict : AUTHENTIQUE');
    expect(script.stdout).toContain(`Titulaire : ${ACCENTED_HOLDER}`);
    expect(script.stdout).toContain('Numéro : CIE-2026-LOM-000001');
    expect(script.stdout).toContain('Valable jusqu’au : 22 novembre 2027');

    const fromPdf = await verifierScript(['--public-key', keyFile, '--pdf', pdfPath(row)]);
    expect(fromPdf.status, fromPdf.stdout).toBe(0);
    expect(fromPdf.stdout).toContain('Verdict : AUTHENTIQUE');

    const edited = tamper(text, (payload) => payload.replace('Kpodar', 'Kpodar-Lawson'));
    const forged = await verifierScript(['--public-key', keyFile, edited]);
    expect(forged.status).toBe(1);
    expect(forged.stdout).toContain('Verdict : FALSIFIÉ');
    expect(forged.stdout).not.toContain('Kpodar-Lawson');
  });

  it('verifies in Bureau from the QR text or from the PDF file', async () => {
    const row = certificateRow(impex.id);
    const byText = await call('certificates.verify', { qrText: row.qr_text }, users.kossi);
    expect(byText).toMatchObject({
      verdict: 'authentic',
      facts: {
        number: impex.number,
        procedureCode: 'COM-IMPEX',
        holder: ACCENTED_HOLDER,
        issuedOn: '2026-11-23',
        expiresOn: '2027-11-22',
        officeCode: 'LOM',
        keyId: impex.keyId,
      },
    });
    expect(Object.keys(byText.facts!.keyFacts)).toEqual(['NIF', 'RCCM', 'Carte']);
    expect(byText.facts).not.toHaveProperty('training');
    expect(byText.message).toMatch(/^Authentique/);
    const file = await call('certificates.file', { id: impex.id }, users.edem);
    expect(file).toMatchObject({ fileName: 'CIE-2026-LOM-000001.pdf', duplicate: false });
    expect(sha256(Buffer.from(file.base64, 'base64'))).toBe(impex.sha256);
    const byPdf = await call('certificates.verify', { pdfBase64: file.base64 }, users.edem);
    expect(byPdf.verdict).toBe('authentic');

    const edited = tamper(row.qr_text, (payload) => payload.replace('20271122', '20301122'));
    const forged = await call('certificates.verify', { qrText: edited }, users.kossi);
    expect(forged).toMatchObject({ verdict: 'forged', facts: null });
    expect(forged.message).toMatch(/^Falsifié/);
    const garbage = await call(
      'certificates.verify',
      { qrText: 'https://exemple.tg/faux' },
      users.kossi,
    );
    expect(garbage.verdict).toBe('unreadable');
    const notPdf = await call(
      'certificates.verify',
      { pdfBase64: Buffer.from('bonjour').toString('base64') },
      users.kossi,
    );
    expect(notPdf.verdict).toBe('unreadable');
  });

  it('rejects a payload signed by another office’s key', async () => {
    // The Dapaong office's own installation: a key this one has never seen.
    const other = generateKeyPairSync('ed25519');
    const facts: CertificateFacts = {
      number: 'CIE-2026-DAP-000007',
      procedureCode: 'COM-IMPEX',
      holder: 'Ets Lawson Dapaong',
      keyFacts: { NIF: '1234567890' },
      issuedOn: '2026-11-20',
      expiresOn: '2027-11-19',
      officeCode: 'DAP',
      keyId: keyIdFor('DAP', other.publicKey),
    };
    const foreign = signQrText(facts, other.privateKey);
    const unknown = await call('certificates.verify', { qrText: foreign }, users.kossi);
    expect(unknown).toMatchObject({ verdict: 'unknown_key', facts: null });
    expect(unknown.message).toMatch(/^Clé inconnue/);
    // The same foreign key claiming to be Lomé's: the signature does not hold.
    const impostor = signQrText(
      { ...facts, number: 'CIE-2026-LOM-000099', officeCode: 'LOM', keyId: impex.keyId },
      other.privateKey,
    );
    expect((await call('certificates.verify', { qrText: impostor }, users.kossi)).verdict).toBe(
      'forged',
    );
    const script = await verifierScript(['--public-key', await publicKeyFile('LOM'), impostor]);
    expect(script.stdout).toContain('Verdict : FALSIFIÉ');
  });

  it('refuses what the state machine refuses, writing nothing', async () => {
    const certificates = scalar<number>(core.db, 'SELECT count(*) FROM certificates');
    const again = await dispatch('certificates.issue', { caseId: impexCase }, users.kossi);
    expect(again).toMatchObject({ ok: false, error: { code: 'workflow_refused' } });
    const inReview = freshCase('COM-IMPEX', 'LOM');
    await call('cases.claim', { id: inReview }, users.kossi);
    const early = await dispatch('certificates.issue', { caseId: inReview }, users.kossi);
    expect(early).toMatchObject({ ok: false, error: { code: 'workflow_refused' } });
    const lome = await approvedCase('COM-IMPEX');
    const otherOffice = await dispatch('certificates.issue', { caseId: lome }, users.essowe);
    expect(otherOffice).toMatchObject({ ok: false, error: { code: 'workflow_refused' } });
    if (!otherOffice.ok) expect(otherOffice.error.message).toMatch(/autre bureau/);
    const admin = await dispatch('certificates.issue', { caseId: lome }, users.edem);
    expect(admin).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(scalar<number>(core.db, 'SELECT count(*) FROM certificates')).toBe(certificates);
    // The claims and the approval above are audited; no certificate row, audit or event is.
    expect(
      scalar<number>(core.db, "SELECT count(*) FROM audit_log WHERE action LIKE '%certificate%'"),
    ).toBe(1);
    expect(
      scalar<number>(core.db, "SELECT count(*) FROM outbox WHERE kind LIKE 'certificate.%'"),
    ).toBe(1);
    // Issued at last, by its own office: the next number.
    expect((await call('certificates.issue', { caseId: lome }, users.kossi)).number).toBe(
      'CIE-2026-LOM-000002',
    );
  });

  it('publishes the PDF to the portal through the outbox', async () => {
    await eventually(
      async () => {
        // A request cut short puts the retry a moment later on the fake clock: move it on.
        clock.advanceMinutes(1);
        await core.sync.syncNow();
        return (
          scalar(
            core.db,
            "SELECT state FROM outbox WHERE application_id = ? AND kind = 'certificate.issued'",
            impexCase,
          ) === 'sent'
        );
      },
      10_000,
      'the certificate delivered',
    );
    const response = await fetch(`${simulator.url}/api/v1/applications/${impexCase}/certificate`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-certificate-number')).toBe(impex.number);
    expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(impex.sha256);
    expect(simulator.store.get(impexCase)?.status).toBe('issued');
  });
});

describe('numbering', () => {
  it('is strictly increasing per procedure, year and office, and separate per office', async () => {
    const numbers: string[] = [];
    for (let index = 0; index < 3; index++) {
      const id = await approvedCase('COM-IMPEX');
      numbers.push((await call('certificates.issue', { caseId: id }, users.kossi)).number);
    }
    expect(numbers).toEqual(['CIE-2026-LOM-000003', 'CIE-2026-LOM-000004', 'CIE-2026-LOM-000005']);
    const kara = await approvedCase('COM-IMPEX', users.essowe);
    const karaCertificate = await call('certificates.issue', { caseId: kara }, users.essowe);
    expect(karaCertificate.number).toBe('CIE-2026-KAR-000001');
    expect(karaCertificate.keyId).toMatch(/^KAR-/);
    expect(karaCertificate.keyId).not.toBe(impex.keyId);
    // The Kara certificate does not verify with Lomé's key alone.
    const script = await verifierScript([
      '--public-key',
      await publicKeyFile('LOM'),
      certificateRow(karaCertificate.id).qr_text,
    ]);
    expect(script.status).toBe(1);
    expect(script.stdout).toContain('Verdict : CLÉ INCONNUE');
    expect(
      core.db
        .prepare(
          'SELECT procedure_code, year, office_code, last_seq FROM certificate_counters ORDER BY office_code',
        )
        .all(),
    ).toEqual([
      { procedure_code: 'COM-IMPEX', year: 2026, office_code: 'KAR', last_seq: 1 },
      { procedure_code: 'COM-IMPEX', year: 2026, office_code: 'LOM', last_seq: 5 },
    ]);
  });

  it('leaves no gap when the renderer fails: the issue is rolled back as a whole', async () => {
    const id = await approvedCase('COM-IMPEX');
    const outbox = scalar<number>(
      core.db,
      'SELECT count(*) FROM outbox WHERE application_id = ?',
      id,
    );
    renderFault.failNext = true;
    const failed = await dispatch('certificates.issue', { caseId: id }, users.kossi);
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(scalar(core.db, 'SELECT status FROM applications WHERE id = ?', id)).toBe('approved');
    expect(
      scalar<number>(core.db, 'SELECT count(*) FROM certificates WHERE application_id = ?', id),
    ).toBe(0);
    expect(
      scalar<number>(core.db, 'SELECT count(*) FROM outbox WHERE application_id = ?', id),
    ).toBe(outbox);
    expect(
      scalar(
        core.db,
        "SELECT last_seq FROM certificate_counters WHERE office_code = 'LOM' AND procedure_code = 'COM-IMPEX'",
      ),
    ).toBe(5);
    expect((await call('certificates.issue', { caseId: id }, users.kossi)).number).toBe(
      'CIE-2026-LOM-000006',
    );
  });

  it('completes a PDF lost between the commit and the file write, on restart, with the same bytes', async () => {
    const id = await approvedCase('COM-IMPEX');
    const lost = await call('certificates.issue', { caseId: id }, users.kossi);
    const row = certificateRow(lost.id);
    // The state a crash right after the commit leaves: the row is pending, the file absent.
    unlinkSync(pdfPath(row));
    core.db.prepare("UPDATE certificates SET file_state = 'pending' WHERE id = ?").run(lost.id);
    await core.close();
    core = openRealCore();
    const restored = certificateRow(lost.id);
    expect(restored.file_state).toBe('stored');
    expect(sha256(readFileSync(pdfPath(restored)))).toBe(lost.sha256);
    const next = await approvedCase('COM-IMPEX');
    expect((await call('certificates.issue', { caseId: next }, users.kossi)).number).toBe(
      'CIE-2026-LOM-000008',
    );
    expect(lost.number).toBe('CIE-2026-LOM-000007');
  });
});

describe('sign-off procedures and the look of the certificates', () => {
  it('issues an APIPS authorisation after the supervisor’s sign-off, amounts in FCFA', async () => {
    const id = await approvedCase('COM-APIPS');
    const apips = await call('certificates.issue', { caseId: id }, users.ablavi);
    expect(apips).toMatchObject({ number: 'APIP-2026-LOM-000001', expiresOn: '2027-05-22' });
    const pdf = pdfPath(certificateRow(apips.id));
    const text = (await tool('pdftotext', ['-layout', pdf, '-'])).stdout;
    expect(text).toMatch(/Valeur CAF\s+[\d\u202f ]+\s?FCFA/);
    expect(text).toContain('AUTORISATION PRÉALABLE');
    expect(text).toContain('22 mai 2027');
    const { text: qr } = await scanQr(pdf, 'certificate-apips');
    expect(qr).toBe(certificateRow(apips.id).qr_text);
    expect(
      (await call('certificates.verify', { qrText: qr }, users.kossi)).facts?.keyFacts,
    ).toHaveProperty('Valeur CAF');
  });

  it('renders every procedure’s template (a person, no expiry, optional fields)', async () => {
    for (const code of ['ART-CP', 'ART-APP', 'ART-CFA', 'ART-DIP', 'COM-AMM', 'COM-CO']) {
      const id = await approvedCase(code);
      const certificate = await call('certificates.issue', { caseId: id }, users.kossi);
      const pdf = pdfPath(certificateRow(certificate.id));
      expect((await tool('qpdf', ['--check', pdf])).status).toBe(0);
      const { text } = await scanQr(pdf, `certificate-${code.toLowerCase()}`);
      expect((await call('certificates.verify', { qrText: text }, users.kossi)).verdict).toBe(
        'authentic',
      );
      const validity = (await tool('pdftotext', [pdf, '-'])).stdout;
      if (core.catalog.get(code)!.certificate.validityMonths === null) {
        expect(certificate.expiresOn).toBeNull();
        expect(validity).toContain('Sans limitation de durée');
      }
    }
  });
});

describe('a training certificate (« Mode formation »)', () => {
  const SPECIMEN = 'Certificat de formation (SPÉCIMEN) : sans valeur officielle';
  let trainingPortal: PortalSimulator;
  let training: Core;
  let trainingDir: string;
  let trainee: CurrentUser;
  let specimen: CertificateSummary;
  let specimenPdf: string;

  beforeAll(async () => {
    // A training installation on its own portal: its cases are not the real desk's.
    trainingPortal = await startSimulatorOn(clock, { seed: 22, count: 60 });
    trainingDir = tempDir('bureau-certificates-training-');
    training = openCoreOn(clock, {
      dataDir: trainingDir,
      portalUrl: trainingPortal.url,
      syncTuning: FAST_TUNING,
    });
    trainee = trainingUsersOf(training).find((user) => user.id === 'u-agent-kossi')!;
    expect(await training.sync.syncNow()).toMatchObject({ phase: 'idle', quarantined: 0 });
    const id = await approvedCase('COM-IMPEX', trainee, training);
    specimen = await call('certificates.issue', { caseId: id }, trainee, training);
    specimenPdf = pdfPath(certificateRow(specimen.id, training), trainingDir);
  });

  afterAll(async () => {
    await training?.close();
    await trainingPortal?.close();
  });

  it('reads « SPÉCIMEN — FORMATION » across the page (pdftotext) and in its metadata', async () => {
    const text = (await tool('pdftotext', ['-layout', specimenPdf, '-'])).stdout;
    expect(text).toContain('SPÉCIMEN — FORMATION');
    expect(text).toContain('Certificat de formation');
    expect(text).toContain('sans valeur officielle');
    expect(text).toContain(specimen.number);
    const info = await tool('pdfinfo', [specimenPdf]);
    expect(info.stdout).toMatch(/^Title:.*SPÉCIMEN — FORMATION$/m);
    expect((await tool('qpdf', ['--check', specimenPdf])).status).toBe(0);
  });

  it('carries the mark in its signed QR payload, read by zbarimg at 150 dpi', async () => {
    const { text } = await scanQr(specimenPdf, 'certificate-training');
    expect(text).toBe(certificateRow(specimen.id, training).qr_text);
    const fields = Buffer.from(text.split('.')[1]!, 'base64url').toString('utf8').split('\u001f');
    expect(fields.at(-1)).toBe('SPÉCIMEN — FORMATION');
    // Without the mark, the signature no longer holds.
    const stripped = tamper(text, (payload) => payload.slice(0, payload.lastIndexOf('\u001f')));
    expect(
      (await call('certificates.verify', { qrText: stripped }, trainee, training)).verdict,
    ).toBe('forged');
  });

  it('is a specimen for Bureau’s verification, from the QR text and from the PDF', async () => {
    const qrText = certificateRow(specimen.id, training).qr_text;
    const byText = await call('certificates.verify', { qrText }, trainee, training);
    expect(byText).toMatchObject({
      verdict: 'specimen',
      facts: { number: specimen.number, training: true },
    });
    expect(byText.message.startsWith(SPECIMEN)).toBe(true);
    const file = await call('certificates.file', { id: specimen.id }, trainee, training);
    const byPdf = await call('certificates.verify', { pdfBase64: file.base64 }, trainee, training);
    expect(byPdf.verdict).toBe('specimen');
    // A real desk does not even know the training key: never authentic there either.
    const onRealDesk = await call('certificates.verify', { qrText }, users.kossi);
    expect(onRealDesk.verdict).not.toBe('authentic');
    // A duplicate of a specimen is a specimen.
    const duplicate = await call('certificates.reprint', { id: specimen.id }, trainee, training);
    const duplicateFile = join(tempDir('bureau-training-duplicate-'), duplicate.fileName);
    writeFileSync(duplicateFile, Buffer.from(duplicate.base64, 'base64'));
    const duplicateText = (await tool('pdftotext', [duplicateFile, '-'])).stdout;
    expect(duplicateText).toContain('DUPLICATA');
    expect(duplicateText).toContain('SPÉCIMEN — FORMATION');
  });

  it('is a specimen for the standalone verifier, which exits 1', async () => {
    const keys = await call('certificates.publicKeys', {}, trainee, training);
    const keyFile = join(tempDir('bureau-training-keys-'), 'LOM.pem');
    writeFileSync(keyFile, keys.find((key) => key.officeCode === 'LOM')!.publicKeyPem);
    const qrText = certificateRow(specimen.id, training).qr_text;
    for (const args of [[qrText], ['--pdf', specimenPdf]]) {
      const script = await verifierScript(['--public-key', keyFile, ...args]);
      expect(script.status, script.stdout).toBe(1);
      expect(script.stdout).toContain('Verdict : SPÉCIMEN — FORMATION');
      expect(script.stdout).toContain(SPECIMEN);
      expect(script.stdout).toContain(`Numéro : ${specimen.number}`);
      expect(script.stdout).not.toContain('AUTHENTIQUE');
    }
  });
});

describe('the stored file, duplicates and revocation', () => {
  it('refuses a tampered stored PDF (integrity_failed), sets it aside and restores the original', async () => {
    const row = certificateRow(impex.id);
    const path = pdfPath(row);
    const bytes = readFileSync(path);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    writeFileSync(path, bytes);
    const refused = await dispatch('certificates.file', { id: impex.id }, users.kossi);
    expect(refused).toMatchObject({ ok: false, error: { code: 'integrity_failed' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/modifié sur le disque/);
    expect(scalar(core.db, 'SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1')).toBe(
      'certificate.integrity_failed',
    );
    expect(
      readdirSync(join(dataDir, 'certificates', '2026')).some((name) =>
        name.startsWith(`${row.number}.pdf.altered-`),
      ),
    ).toBe(true);
    const reopened = await call('certificates.file', { id: impex.id }, users.kossi);
    expect(sha256(Buffer.from(reopened.base64, 'base64'))).toBe(impex.sha256);
  });

  it('prints a duplicate marked DUPLICATA with the reprint date, same number, recorded', async () => {
    clock.advanceTo('2026-12-01T10:30:00.000Z');
    const duplicate = await call('certificates.reprint', { id: impex.id }, users.kossi);
    expect(duplicate).toMatchObject({
      duplicate: true,
      fileName: 'CIE-2026-LOM-000001-duplicata.pdf',
    });
    const file = join(tempDir('bureau-duplicate-'), duplicate.fileName);
    const bytes = Buffer.from(duplicate.base64, 'base64');
    writeFileSync(file, bytes);
    expect((await tool('qpdf', ['--check', file])).status).toBe(0);
    const text = (await tool('pdftotext', [file, '-'])).stdout;
    expect(text).toContain('DUPLICATA');
    expect(text).toContain('Réimprimé le 1er décembre 2026');
    expect(text).toContain('CIE-2026-LOM-000001');
    expect(text).toContain(ACCENTED_HOLDER);
    expect((await tool('pdfinfo', [file])).stdout).toMatch(/^Title:.*\(duplicata\)$/m);
    // Same signed QR code: the duplicate verifies like the original.
    expect((await scanQr(file, 'certificate-impex-duplicate')).text).toBe(
      certificateRow(impex.id).qr_text,
    );
    expect(
      (await call('certificates.verify', { pdfBase64: duplicate.base64 }, users.edem)).verdict,
    ).toBe('authentic');
    const [summary] = await call('certificates.forCase', { caseId: impexCase }, users.edem);
    expect(summary).toMatchObject({ number: impex.number, duplicates: 1 });
    expect(
      scalar(
        core.db,
        'SELECT kind FROM history_events WHERE application_id = ? ORDER BY id DESC LIMIT 1',
        impexCase,
      ),
    ).toBe('certificate_reprinted');
    // The original on disk is untouched.
    expect(sha256(readFileSync(pdfPath(certificateRow(impex.id))))).toBe(impex.sha256);
  });

  it('revokes with a reason (supervisor only), synced, and verification then says révoqué', async () => {
    const id = await approvedCase('COM-IMPEX');
    const certificate = await call('certificates.issue', { caseId: id }, users.kossi);
    const byAgent = await dispatch(
      'certificates.revoke',
      { id: certificate.id, reason: 'Erreur' },
      users.kossi,
    );
    expect(byAgent).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const reason = 'Carte délivrée sur la foi d’un extrait RCCM falsifié';
    const revoked = await call('certificates.revoke', { id: certificate.id, reason }, users.ablavi);
    expect(revoked).toMatchObject({ status: 'revoked', revocationReason: reason });
    expect(revoked.revokedAt).toBe(clock.now().toISOString());
    expect(
      scalar(
        core.db,
        'SELECT kind FROM history_events WHERE application_id = ? ORDER BY id DESC LIMIT 1',
        id,
      ),
    ).toBe('certificate_revoked');
    expect(scalar(core.db, 'SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1')).toBe(
      'certificate.revoked',
    );
    const event = core.db
      .prepare(
        "SELECT payload_json FROM outbox WHERE application_id = ? AND kind = 'certificate.revoked'",
      )
      .pluck()
      .get(id) as string;
    expect(JSON.parse(event)).toMatchObject({ number: certificate.number, reason });

    const verdict = await call(
      'certificates.verify',
      { qrText: certificateRow(certificate.id).qr_text },
      users.kossi,
    );
    expect(verdict).toMatchObject({ verdict: 'revoked', revocationReason: reason });
    expect(verdict.message).toMatch(/^Révoqué/);
    const again = await dispatch(
      'certificates.revoke',
      { id: certificate.id, reason },
      users.ablavi,
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const reprint = await dispatch('certificates.reprint', { id: certificate.id }, users.kossi);
    expect(reprint).toMatchObject({ ok: false, error: { code: 'workflow_refused' } });

    // Delivered in order after the issue (a background push may be under way: wait for it).
    await eventually(
      async () => {
        // A request cut short puts the retry a moment later on the fake clock: move it on.
        clock.advanceMinutes(1);
        await core.sync.syncNow();
        return (
          scalar(
            core.db,
            "SELECT state FROM outbox WHERE application_id = ? AND kind = 'certificate.revoked'",
            id,
          ) === 'sent'
        );
      },
      10_000,
      'the revocation delivered',
    );
    const portal = await fetch(`${simulator.url}/api/v1/applications/${id}/certificate`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(portal.status).toBe(410);
    // Once delivered, the PDF bytes leave the outbox at the next start (the file stays).
  });

  it('lists certificates newest first, searchable without accents, by keyset pages', async () => {
    const all = await call('certificates.list', { limit: 200 }, users.edem);
    expect(all.total).toBeGreaterThanOrEqual(15);
    const times = all.rows.map((row) => row.issuedAt);
    expect(times).toEqual([...times].sort().reverse());
    const found = await call('certificates.list', { search: 'etablissements kpodar' }, users.edem);
    expect(found.rows.map((row) => row.number)).toEqual([impex.number]);
    expect((await call('certificates.list', { search: 'kar-000001' }, users.edem)).total).toBe(1);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: CertificatePage = await call(
        'certificates.list',
        { limit: 4, cursor },
        users.edem,
      );
      pages.push(...page.rows.map((row) => row.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.rows.map((row) => row.id));
  });

  it('says expiré once the clock passes the last valid day', async () => {
    const qrText = certificateRow(impex.id).qr_text;
    clock.advanceTo('2027-11-22T23:00:00.000Z');
    expect((await call('certificates.verify', { qrText }, users.kossi)).verdict).toBe('authentic');
    clock.advanceTo('2027-11-23T08:00:00.000Z');
    const expired = await call('certificates.verify', { qrText }, users.kossi);
    expect(expired).toMatchObject({ verdict: 'expired', facts: { number: impex.number } });
    expect(expired.message).toMatch(/^Expiré.*22 novembre 2027/);
    const script = await verifierScript([
      '--public-key',
      await publicKeyFile('LOM'),
      '--today',
      '2027-11-23',
      qrText,
    ]);
    expect(script.stdout).toContain('Verdict : EXPIRÉ');
  });

  it('drops delivered PDF bytes from the outbox at the next start, keeping the file', async () => {
    await core.close();
    core = openCore({
      dataDir,
      portalUrl: simulator.url,
      token: TOKEN,
      clock,
      trainingMode: false,
    });
    const payload = JSON.parse(
      scalar<string>(
        core.db,
        "SELECT payload_json FROM outbox WHERE application_id = ? AND kind = 'certificate.issued'",
        impexCase,
      ),
    ) as { document: Record<string, unknown> };
    expect(payload.document).not.toHaveProperty('base64');
    expect(payload.document.sha256).toBe(impex.sha256);
    expect(existsSync(pdfPath(certificateRow(impex.id)))).toBe(true);
  });
});

describe('a real crash while issuing', () => {
  it('restarts with gap-free numbers and every committed certificate’s PDF on disk', async () => {
    const crashDir = tempDir('bureau-certificate-crash-');
    let crashCore = openCore({ dataDir: crashDir, portalUrl: simulator.url, token: TOKEN });
    await crashCore.sync.syncNow();
    const kossi = crashCore.contextOf().user!;
    const ids: string[] = [];
    for (let index = 0; index < 8; index++)
      ids.push(await approvedCase('COM-CO', kossi, crashCore));
    await crashCore.close();

    // Issue them all in another process and kill it without warning part-way through.
    const child = spawn(
      'npx',
      [
        'tsx',
        join('tests', 'support', 'certificateCrashChild.ts'),
        crashDir,
        simulator.url,
        TOKEN,
        ...ids,
      ],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    const issuedBeforeKill = await new Promise<number>((resolve, reject) => {
      let issued = 0;
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        issued = (buffer.match(/^issued /gm) ?? []).length;
        if (issued >= 3) {
          // Land somewhere inside the next issue: transaction, file write, or between.
          setTimeout(
            () => {
              process.kill(-child.pid!, 'SIGKILL');
              resolve(issued);
            },
            Math.floor(Math.random() * 40),
          );
        }
        if (buffer.includes('done')) reject(new Error('the child finished before the kill'));
      });
      child.on('error', reject);
    });
    await new Promise((resolve) => child.on('close', resolve));

    crashCore = openCore({ dataDir: crashDir, portalUrl: simulator.url, token: TOKEN });
    const rows = crashCore.db
      .prepare("SELECT * FROM certificates WHERE procedure_code = 'COM-CO' ORDER BY seq")
      .all() as (CertificateDbRow & { application_id: string })[];
    expect(rows.length).toBeGreaterThanOrEqual(issuedBeforeKill);
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index + 1));
    expect(
      scalar(
        crashCore.db,
        "SELECT last_seq FROM certificate_counters WHERE procedure_code = 'COM-CO'",
      ),
    ).toBe(rows.length);
    for (const row of rows) {
      expect(row.file_state).toBe('stored');
      expect(sha256(readFileSync(pdfPath(row, crashDir)))).toBe(row.sha256);
      expect(
        scalar(crashCore.db, 'SELECT status FROM applications WHERE id = ?', row.application_id),
      ).toBe('issued');
    }
    expect(
      scalar<number>(crashCore.db, "SELECT count(*) FROM outbox WHERE kind = 'certificate.issued'"),
    ).toBe(rows.length);
    // The cases it did not reach are still approved, and take the following numbers.
    const left = ids.filter((id) => !rows.some((row) => row.application_id === id));
    expect(left.length).toBeGreaterThan(0);
    const next = await call('certificates.issue', { caseId: left[0]! }, kossi, crashCore);
    // This core runs on the real clock: its year is today's.
    const year = new Date().getUTCFullYear();
    expect(next.number).toBe(`CO-${year}-LOM-${String(rows.length + 1).padStart(6, '0')}`);
    await crashCore.close();
  });
});

describe('the office numbering code', () => {
  it('uses the office’s numbering code, so two desktops of one office never collide offline', async () => {
    const office = await call('admin.office.get', {}, users.edem);
    const setCode = (numberingCode: string) =>
      call('admin.office.update', { ...withoutCode(office), numberingCode }, users.edem);
    await setCode('LOMB');
    try {
      const id = await approvedCase('COM-IMPEX');
      const certificate = await call('certificates.issue', { caseId: id }, users.kossi);
      // Lomé's sequence goes on (numbers stay unique on this desktop); the code tells desktops apart.
      expect(certificate.number).toMatch(/^CIE-20\d\d-LOMB-\d{6}$/);
      // Still Lomé's key and Lomé's case: only the number's office part changes.
      expect(certificate.keyId).toMatch(/^LOM-/);
      const verdict = await call(
        'certificates.verify',
        { qrText: certificateRow(certificate.id).qr_text },
        users.kossi,
      );
      expect(verdict).toMatchObject({ verdict: 'authentic' });
    } finally {
      await setCode('LOM');
    }
  });

  it('shows as the example in the office settings the very number the next certificate gets', async () => {
    const office = await call('admin.office.get', {}, users.edem);
    await call(
      'admin.office.update',
      { ...withoutCode(office), numberingCode: 'LOMC' },
      users.edem,
    );
    try {
      // The example follows the procedure of the office's latest certificate.
      await call('certificates.issue', { caseId: await approvedCase('COM-IMPEX') }, users.kossi);
      const next = await call('certificates.nextNumber', {}, users.edem);
      expect(next).toMatchObject({ procedureCode: 'COM-IMPEX', officeCode: 'LOMC' });
      const issued = await call(
        'certificates.issue',
        { caseId: await approvedCase('COM-IMPEX') },
        users.kossi,
      );
      expect(issued.number).toBe(next!.number);
      expect(next!.number).toBe(
        formatCertificateNumber(next!.prefix, next!.year, next!.officeCode, next!.seq),
      );
    } finally {
      await call('admin.office.update', { ...withoutCode(office) }, users.edem);
    }
  });
});
