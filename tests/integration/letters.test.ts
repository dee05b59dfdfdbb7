import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsersRepository } from '../../src/main/core/auth/usersRepository';
import { TRAINING_USERS } from '../../src/main/core/auth/trainingUsers';
import type { Core } from '../../src/main/core/createCore';
import type { CurrentUser } from '../../src/shared/api/types';
import type { PortalSimulator } from '../../src/simulator/server';
import { caseApi, freshCases } from '../support/caseApi';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn, PORTAL_TOKEN, startSimulatorOn } from '../support/fakeClockBureau';
import { eventually, FAST_TUNING, scalar } from '../support/syncBureau';
import { repoRoot, tempDir, trainingUsersOf } from '../support/testBureau';

/**
 * Decision letters (issue 20 §1), end to end on a real office's desk: a rejection and a request
 * for documents each produce a signed, numbered PDF in the decision's transaction; the sync takes
 * it to the simulator over HTTP, which checks its SHA-256, keeps it and serves it to the
 * applicant. Checked with outside tools: pdftotext (accents, legal wording, appeal routes, the
 * documents' French names, the answer-by date in French), pdftoppm + zbarimg (the QR code), and
 * the standalone verifier with nothing but the office's public key (a tampered payload fails).
 */

const clock = createFakeClock('2026-11-23T08:00:00.000Z'); // a Monday
const artifacts = join(repoRoot, 'tests', 'artifacts', 'letters');
const renders = tempDir('bureau-letter-renders-');
let simulator: PortalSimulator;
let core: Core;
let dataDir: string;
let kossi: CurrentUser;
let ablavi: CurrentUser;
let edem: CurrentUser;
const api = caseApi(() => core);
const fresh = freshCases(
  () => core,
  () => 'LOM',
);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  simulator = await startSimulatorOn(clock, { seed: 23, count: 160 });
  dataDir = tempDir('bureau-letters-');
  core = openCoreOn(clock, {
    dataDir,
    portalUrl: simulator.url,
    syncTuning: FAST_TUNING,
    training: false,
  });
  const staff = createUsersRepository(core.db);
  for (const user of TRAINING_USERS) staff.insertIfMissing(user, clock.now().toISOString());
  const byId = new Map(trainingUsersOf(core).map((user) => [user.id, user]));
  kossi = byId.get('u-agent-kossi')!;
  ablavi = byId.get('u-sup-ablavi')!;
  edem = byId.get('u-admin-edem')!;
  expect(await core.sync.syncNow()).toMatchObject({ phase: 'idle', quarantined: 0 });
});

afterAll(async () => {
  await core?.close();
  await simulator?.close();
});

function tool(command: string, args: string[], cwd?: string) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      execFile(command, args, { encoding: 'utf8', cwd }, (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        if (error && status === null) reject(error);
        else resolve({ status, stdout, stderr });
      });
    },
  );
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** pdftotext joins lines; French typography puts no-break spaces that we read as spaces. */
const flat = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

interface LetterDbRow {
  id: string;
  number: string;
  kind: string;
  year: number;
  sha256: string;
  qr_text: string;
  file_state: string;
}
const lettersOf = (caseId: string) =>
  core.db
    .prepare('SELECT * FROM letters WHERE application_id = ? ORDER BY issued_at')
    .all(caseId) as LetterDbRow[];
const pathOf = (row: LetterDbRow) =>
  join(dataDir, 'letters', String(row.year), `${row.number}.pdf`);

let rejected: { caseId: string; letter: LetterDbRow };

describe('a rejection', () => {
  it('produces the letter in the decision’s transaction: row, file with its SHA-256, history, outbox', async () => {
    const caseId = fresh('COM-IMPEX');
    await api.call('cases.claim', { id: caseId }, kossi);
    await api.call(
      'cases.reject',
      {
        id: caseId,
        reasonCodes: ['RCCM_INVALIDE', 'NIF_INCOHERENT'],
        comment:
          'L’extrait RCCM fourni date du 12 mars 2026 ; il doit dater de moins de trois mois.',
      },
      kossi,
    );
    const [letter, ...others] = lettersOf(caseId);
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ kind: 'rejection', file_state: 'stored' });
    expect(letter!.number).toMatch(/^LR-LOM-2026-\d{6}$/);
    expect(sha256(readFileSync(pathOf(letter!)))).toBe(letter!.sha256);
    const history = JSON.parse(
      scalar<string>(
        core.db,
        "SELECT details_json FROM history_events WHERE application_id = ? AND kind = 'rejected'",
        caseId,
      ),
    ) as { letter: { number: string; sha256: string } };
    expect(history.letter).toEqual({ number: letter!.number, sha256: letter!.sha256 });
    const payload = JSON.parse(
      scalar<string>(
        core.db,
        "SELECT payload_json FROM outbox WHERE application_id = ? AND kind = 'decision.rejected'",
        caseId,
      ),
    ) as { letter: { sha256: string; base64: string; number: string } };
    expect(payload.letter.number).toBe(letter!.number);
    expect(sha256(Buffer.from(payload.letter.base64, 'base64'))).toBe(letter!.sha256);
    const listed = await api.call('letters.forCase', { caseId }, kossi);
    expect(listed.map((row) => row.number)).toEqual([letter!.number]);
    const file = await api.call('letters.file', { id: letter!.id }, kossi);
    expect(sha256(Buffer.from(file.base64, 'base64'))).toBe(letter!.sha256);
    rejected = { caseId, letter: letter! };
    copyFileSync(pathOf(letter!), join(artifacts, 'rejection.pdf'));
  });

  it('reads back with pdftotext: accents, the reasons’ legal wording, the clerk’s comment, the appeal routes', async () => {
    const text = flat((await tool('pdftotext', [pathOf(rejected.letter), '-'])).stdout);
    expect(text).toContain('Notification de la décision de rejet de votre demande');
    expect(text).toContain('Nous avons le regret de vous informer');
    expect(text).toContain(
      'Le numéro d’identification fiscale (NIF) déclaré est inexistant ou ne correspond pas à la raison sociale',
    );
    expect(text).toContain('il doit dater de moins de trois mois');
    expect(text).toContain('recours gracieux adressé à Monsieur le Ministre du Commerce');
    expect(text).toContain(
      'recours contentieux devant la Chambre administrative de la Cour suprême',
    );
    expect(text).toContain('deux (2) mois');
    expect(text).toContain(rejected.letter.number);
    const reference = scalar<string>(
      core.db,
      'SELECT reference FROM applications WHERE id = ?',
      rejected.caseId,
    );
    expect(text).toContain(`n° ${reference}`);
    expect(text).toContain('Le Directeur du Commerce extérieur');
    expect(text).not.toContain('SPÉCIMEN');
  });

  it('carries a QR code zbarimg reads, verified with the public key alone; a tampered payload is forged', async () => {
    const base = join(renders, 'rejection');
    // The QR code is on the page with the signature: the last one.
    expect(
      (await tool('pdftoppm', ['-r', '150', '-png', pathOf(rejected.letter), base])).status,
    ).toBe(0);
    const pages = (await tool('ls', [renders])).stdout
      .split('\n')
      .filter((name) => name.startsWith('rejection-'));
    const scans = await Promise.all(
      pages.map((page) => tool('zbarimg', ['--raw', '-q', join(renders, page)])),
    );
    const read = scans.find((scan) => scan.status === 0);
    expect(read?.stdout.trim()).toBe(rejected.letter.qr_text);

    const keys = await api.call('certificates.publicKeys', {}, edem);
    const pem = keys.find((key) => key.officeCode === 'LOM')!.publicKeyPem;
    const keyFile = join(tempDir('bureau-letter-keys-'), 'LOM.pem');
    writeFileSync(keyFile, pem);
    const verify = (args: string[]) =>
      tool(
        'npx',
        ['tsx', join('scripts', 'verify-certificate.ts'), '--public-key', keyFile, ...args],
        repoRoot,
      );
    const good = await verify([read!.stdout.trim()]);
    expect(good.stdout + good.stderr).toContain('AUTHENTIQUE');
    expect(good.stdout).toContain('Notification de rejet');
    expect(good.stdout).toContain('Destinataire : ');
    expect(good.stdout).not.toContain('Valable jusqu’au');
    expect(good.status).toBe(0);
    const fromPdf = await verify(['--pdf', pathOf(rejected.letter)]);
    expect(fromPdf.status).toBe(0);

    const [prefix, payload, signature] = rejected.letter.qr_text.split('.') as [
      string,
      string,
      string,
    ];
    const edited = Buffer.from(payload, 'base64url').toString('utf8').replace('REJ', 'APP');
    const forged = await verify([
      `${prefix}.${Buffer.from(edited, 'utf8').toString('base64url')}.${signature}`,
    ]);
    expect(forged.stdout + forged.stderr).toContain('FALSIFIÉ');
    expect(forged.status).toBe(1);
  });

  it('reaches the simulator over HTTP, which keeps it and serves it with its SHA-256', async () => {
    await core.sync.syncNow();
    await eventually(() =>
      scalar<string>(
        core.db,
        "SELECT state FROM outbox WHERE application_id = ? AND kind = 'decision.rejected'",
        rejected.caseId,
      ) === 'sent'
        ? true
        : undefined,
    );
    const headers = { authorization: `Bearer ${PORTAL_TOKEN}` };
    const list = (await (
      await fetch(`${simulator.url}/api/v1/applications/${rejected.caseId}/letters`, { headers })
    ).json()) as { letters: { number: string; sha256: string; kind: string }[] };
    expect(list.letters).toEqual([
      expect.objectContaining({
        number: rejected.letter.number,
        sha256: rejected.letter.sha256,
        kind: 'rejection',
      }),
    ]);
    const response = await fetch(
      `${simulator.url}/api/v1/applications/${rejected.caseId}/letters/${rejected.letter.number}`,
      { headers },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-sha256')).toBe(rejected.letter.sha256);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(sha256(bytes)).toBe(rejected.letter.sha256);
  });
});

describe('a request for documents', () => {
  it('lists the missing documents and fields by their French names, and the answer-by date in French', async () => {
    const caseId = fresh('COM-IMPEX');
    await api.call('cases.claim', { id: caseId }, kossi);
    await api.call(
      'cases.requestInfo',
      {
        id: caseId,
        missingDocuments: ['EXTRAIT_RCCM'],
        fieldsToCorrect: ['managerIdNumber'],
        message: 'Merci de joindre un extrait récent et de corriger le numéro de la pièce.',
      },
      kossi,
    );
    const [letter] = lettersOf(caseId);
    expect(letter).toMatchObject({ kind: 'info_request', file_state: 'stored' });
    copyFileSync(pathOf(letter!), join(artifacts, 'info-request.pdf'));
    const text = flat((await tool('pdftotext', [pathOf(letter!), '-'])).stdout);
    expect(text).toContain('Demande de pièces complémentaires');
    expect(text).toContain('Extrait du registre du commerce (RCCM) de moins de 3 mois');
    expect(text).toContain('Numéro de la pièce d’identité du gérant');
    // Monday 23 November 2026 + 15 working days (no holiday in between): Monday 14 December.
    expect(text).toContain('au plus tard le 14 décembre 2026');
    expect(text).toContain('pourra être rejetée pour dossier incomplet');
  });
});

describe('an approval', () => {
  /** Claims, ticks the checklist, approves (and signs off where the procedure needs it). */
  async function approve(procedureCode: string): Promise<string> {
    const id = fresh(procedureCode);
    await api.call('cases.claim', { id }, kossi);
    for (const item of core.catalog.get(procedureCode)!.checklist) {
      await api.call('cases.tickChecklist', { id, itemId: item.id, checked: true }, kossi);
    }
    const detail = await api.call('cases.approve', { id }, kossi);
    if (detail.row.status === 'pending_signoff') {
      // A proposal is not the decision: no letter yet.
      expect(lettersOf(id)).toEqual([]);
      await api.call('cases.signOff', { id, decision: 'approve' }, ablavi);
    }
    return id;
  }
  const approvedPayload = (id: string) =>
    JSON.parse(
      scalar<string>(
        core.db,
        "SELECT payload_json FROM outbox WHERE application_id = ? AND kind = 'decision.approved'",
        id,
      ),
    ) as { letter?: { kind: string; number: string } };

  it('sends the cover letter where the procedure’s letter data ask for one (COM-APIPS, at sign-off)', async () => {
    const id = await approve('COM-APIPS');
    const [letter] = lettersOf(id);
    expect(letter).toMatchObject({ kind: 'approval', file_state: 'stored' });
    expect(approvedPayload(id).letter).toMatchObject({ kind: 'approval', number: letter!.number });
  });

  it('sends none where they do not (COM-IMPEX): the event is as it always was', async () => {
    const id = await approve('COM-IMPEX');
    expect(lettersOf(id)).toEqual([]);
    expect(approvedPayload(id)).not.toHaveProperty('letter');
  });
});

describe('the portal and the outbox', () => {
  it('refuses a letter whose bytes do not match its sha256, and accepts an event without letter', async () => {
    const caseId = fresh('COM-IMPEX');
    const post = (key: string, payload: Record<string, unknown>) =>
      fetch(`${simulator.url}/api/v1/applications/${caseId}/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${PORTAL_TOKEN}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify({
          kind: 'decision.rejected',
          occurredAt: clock.now().toISOString(),
          payload: {
            reasonCodes: ['RCCM_INVALIDE'],
            comment: 'Extrait RCCM périmé.',
            decidedBy: { id: kossi.id, displayName: kossi.displayName },
            ...payload,
          },
        }),
      });
    const bytes = readFileSync(pathOf(rejected.letter));
    const refused = await post('letter-test-bad-sha', {
      letter: {
        number: 'LR-LOM-2026-999999',
        kind: 'rejection',
        fileName: 'LR-LOM-2026-999999.pdf',
        mimeType: 'application/pdf',
        size: bytes.length,
        sha256: '0'.repeat(64),
        base64: bytes.toString('base64'),
        qrText: rejected.letter.qr_text,
        keyId: 'LOM-00000000',
      },
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'ne correspond pas à son empreinte sha256',
    );
    // An older Bureau's event, without letter: accepted as before, nothing listed.
    expect((await post('letter-test-no-letter', {})).status).toBe(201);
    const list = (await (
      await fetch(`${simulator.url}/api/v1/applications/${caseId}/letters`, {
        headers: { authorization: `Bearer ${PORTAL_TOKEN}` },
      })
    ).json()) as { letters: unknown[] };
    expect(list.letters).toEqual([]);
  });

  it('drops the PDF from the outbox copy of a delivered decision at the next start; file and hash stay', async () => {
    const outboxLetter = () =>
      JSON.parse(
        scalar<string>(
          core.db,
          "SELECT payload_json FROM outbox WHERE application_id = ? AND kind = 'decision.rejected'",
          rejected.caseId,
        ),
      ) as { letter: { base64?: string; sha256: string } };
    expect(outboxLetter().letter.base64).toBeDefined();
    await core.close();
    core = openCoreOn(clock, {
      dataDir,
      portalUrl: simulator.url,
      syncTuning: FAST_TUNING,
      training: false,
    });
    expect(outboxLetter().letter).not.toHaveProperty('base64');
    expect(outboxLetter().letter.sha256).toBe(rejected.letter.sha256);
    const file = await api.call('letters.file', { id: rejected.letter.id }, kossi);
    expect(sha256(Buffer.from(file.base64, 'base64'))).toBe(rejected.letter.sha256);
  });
});
