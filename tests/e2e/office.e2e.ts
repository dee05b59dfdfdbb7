import { expect, test } from '@playwright/test';
import type { CertificateSummary } from '../../src/shared/api/certificateTypes';
import type { InboxPage } from '../../src/shared/api/types';
import { join } from 'node:path';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { pageRpc, screenshotPath, openDeskPage, useOfficeHosts } from '../support/e2eHost';
import { collectConsoleErrors, signInAs } from '../support/e2ePage';
import { repoRoot } from '../support/paths';

/**
 * One office, two desks (design multi-desk §9 step 13): two built web hosts of a real office
 * (not training) on one portal simulator, two browser pages. Desk 2 joins with the code shown on
 * desk 1; an account made once on desk 1 signs in on desk 2; a certificate issued on desk 1
 * verifies on desk 2.
 */

const TOKEN = 'jeton-portail-e2e-bureau';
const ADMIN = { username: 'ablavi.dossou', password: 'une longue phrase de passe' };
const CLERK = { username: 'kossi.agbodjan', password: 'mot de passe provisoire 1' };

const office = useOfficeHosts({ seed: 71, count: 40, token: TOKEN });

test.use({ viewport: { width: 1366, height: 768 } });

const open = openDeskPage;

test('desk 2 joins with a code shown on desk 1; accounts and certificates are the office’s', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const one = await open(browser, office.desk1());
  const two = await open(browser, office.desk2());
  const errorsOne = collectConsoleErrors(one);
  const errorsTwo = collectConsoleErrors(two);

  // — Desk 1: its first administrator, then it becomes the office's first desk —
  await expect(one.getByTestId('setup-first')).toBeVisible({ timeout: 30_000 });
  await pageRpc(one, 'session.createFirstAdministrator', {
    username: ADMIN.username,
    displayName: 'Ablavi Dossou',
    officeCode: 'LOM',
    password: ADMIN.password,
  });
  await one.reload();
  await expect(one.getByRole('navigation', { name: 'Corbeilles' })).toBeVisible({
    timeout: 30_000,
  });
  await one.getByTestId('nav-admin-desks').click();
  const offer = one.getByTestId('desks-first-offer');
  await expect(offer).toBeVisible({ timeout: 30_000 });
  await one.getByTestId('desks-first-label').fill('Guichet 1');
  await one.getByTestId('desks-first-button').click();
  await one.getByTestId('desks-first-confirm').click();
  await expect(one.getByTestId('desks-identity')).toContainText('LOM-01', { timeout: 30_000 });

  await one.getByTestId('desks-enroll').click();
  await one.getByTestId('enrollment-label').fill('Guichet 2');
  await one.getByTestId('enrollment-dialog').getByRole('button', { name: /code/i }).last().click();
  const codeText = (await one.getByTestId('enrollment-code').innerText({ timeout: 30_000 })).trim();
  expect(codeText).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await one.screenshot({ path: screenshotPath('office-desk1-code.png') });
  await one.keyboard.press('Escape');

  // — Desk 2: joins with the code typed from desk 1's screen —
  await expect(two.getByTestId('setup-join')).toBeVisible({ timeout: 30_000 });
  await two.getByTestId('setup-join').click();
  await two.getByTestId('join-office').click();
  await two.getByRole('option', { name: /^LOM/ }).click();
  await two.getByTestId('join-code').fill(codeText.replaceAll('-', '').toLowerCase());
  await two.getByTestId('join-label').fill('Guichet 2');
  await two.screenshot({ path: screenshotPath('office-desk2-join.png') });
  await two.getByTestId('join-submit').click();
  await expect(two.getByTestId('join-done-text')).toContainText('LOM-02', { timeout: 30_000 });
  await two.screenshot({ path: screenshotPath('office-desk2-joined.png') });
  await two.getByRole('button', { name: 'Continuer' }).click();

  // The administrator of desk 1 signs in on desk 2 once the directory has synced (the desk syncs
  // right after joining, by itself).
  await expect(async () => {
    const form = two.getByRole('form', { name: 'Connexion' });
    await form.getByLabel('Identifiant').fill(ADMIN.username);
    await form.locator('input[type="password"]').fill(ADMIN.password);
    await form.getByRole('button', { name: 'Se connecter' }).click();
    await expect(two.getByRole('navigation', { name: 'Corbeilles' })).toBeVisible({
      timeout: 3_000,
    });
  }).toPass({ timeout: 60_000 });

  // — An account made once, on desk 1, signs in on desk 2 —
  await pageRpc(one, 'admin.users.create', {
    username: CLERK.username,
    displayName: 'Kossi Agbodjan',
    role: 'agent',
    officeCode: 'LOM',
    procedureCodes: null,
    temporaryPassword: CLERK.password,
  });
  await pageRpc(two, 'sync.now', {});
  await two.getByTestId('nav-admin-users').click();
  await expect(two.getByText('Kossi Agbodjan')).toBeVisible({ timeout: 30_000 });
  await two.screenshot({ path: screenshotPath('office-desk2-users.png') });

  const clerkPage = await open(browser, office.desk2());
  await signInAs(clerkPage, CLERK.username, CLERK.password).catch(async () => {
    // A temporary password: the first screen asks for a new one.
    await expect(clerkPage.getByText(/nouveau mot de passe/i).first()).toBeVisible();
  });
  await clerkPage.close();

  // — A certificate issued on desk 1 verifies on desk 2 —
  const agent = await open(browser, office.desk1());
  await pageRpc(agent, 'session.signIn', CLERK);
  await pageRpc(agent, 'session.changePassword', {
    currentPassword: CLERK.password,
    newPassword: 'ma phrase à moi 2026',
  });
  const inbox = await pageRpc<InboxPage>(agent, 'inbox.list', {
    queue: 'to_process',
    filters: {
      procedureCodes: ['COM-CO', 'COM-IMPEX', 'ART-APP', 'ART-CFA', 'ART-CP', 'ART-DIP'],
      statuses: ['submitted'],
    },
  });
  const row = inbox.rows[0]!;
  const id = row.id;
  await pageRpc(agent, 'cases.claim', { id });
  const checklist = loadCatalog(join(repoRoot, 'resources', 'procedures')).get(
    row.procedureCode,
  )!.checklist;
  for (const item of checklist) {
    await pageRpc(agent, 'cases.tickChecklist', { id, itemId: item.id, checked: true });
  }
  await pageRpc(agent, 'cases.approve', { id });
  const certificate = await pageRpc<CertificateSummary>(agent, 'certificates.issue', {
    caseId: id,
  });
  expect(certificate.number).toMatch(/^[A-Z]{2,4}-\d{4}-LOM-5\d{5}$/);
  const file = await pageRpc<{ base64: string; fileName: string }>(agent, 'certificates.file', {
    id: certificate.id,
  });

  await two.getByTestId('nav-verify').click();
  await two
    .getByTestId('verify-view')
    .locator('input[type="file"]')
    .setInputFiles({
      name: file.fileName,
      mimeType: 'application/pdf',
      buffer: Buffer.from(file.base64, 'base64'),
    });
  const verdict = two.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'authentic', { timeout: 30_000 });
  await expect(two.getByTestId('verdict-number')).toHaveText(certificate.number);
  await two.screenshot({ path: screenshotPath('office-desk2-verifies-desk1.png') });

  expect(errorsOne).toEqual([]);
  expect(errorsTwo).toEqual([]);
});
