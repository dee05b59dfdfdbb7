import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { AccountDirectoryState, UserAccount } from '../../src/shared/api/adminTypes';
import type { DeskSummary } from '../../src/shared/api/officeTypes';
import { screenshotPath, useTrainingHost } from '../support/e2eHost';
import { collectConsoleErrors, openAs } from '../support/e2ePage';

const host = useTrainingHost(40);

test.use({ viewport: { width: 1366, height: 768 } });

/** Answers one API method in the page, as the web host would (`{ ok, value }` or `{ ok, error }`). */
async function answerWith(page: Page, method: string, answer: () => unknown) {
  await page.route(`**/api/rpc/${method}`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify(answer()),
    }),
  );
}

const joined: DeskSummary = {
  mode: 'office',
  deskId: 'LOM-02',
  officeCode: 'LOM',
  label: 'Guichet 2',
  keyId: 'LOM-4c1d2e3f',
  enrolledAt: '2026-03-12T10:15:03.000Z',
  portalApi: 2,
  portalEnrolls: true,
};

/** No serious or critical WCAG 2.1 AA violation on what is shown (as accessibility.e2e.ts). */
async function expectAccessible(page: Page, what: string) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.waitForTimeout(400);
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const report = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${what}: ${violation.id} ${violation.help} — ` +
        violation.nodes.map((node) => node.target.join(' ')).join(', '),
    );
  expect(report, report.join('\n')).toEqual([]);
}

/** Training mode always has accounts: the first start is played by the page's network. */
test('first start: « Rejoindre un bureau » at 1366×768', async ({ page }) => {
  test.setTimeout(90_000);
  const consoleErrors = collectConsoleErrors(page);
  await answerWith(page, 'session.current', () => ({
    ok: true,
    value: { status: 'signed_out', needsFirstAdministrator: true },
  }));
  await answerWith(page, 'session.trainingAccounts', () => ({ ok: true, value: [] }));
  let joinAnswer: unknown = {
    ok: false,
    error: {
      code: 'conflict',
      message:
        "Code d'inscription inconnu pour le bureau LOM : vérifiez-le ou demandez-en un nouveau à un administrateur.",
    },
  };
  await answerWith(page, 'office.join', () => joinAnswer);

  await page.goto(host.launchUrl);
  await expect(page.getByRole('heading', { name: 'Premier démarrage' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('first-start-first-1366.png') });

  await page.getByTestId('setup-join').click();
  await expect(page.getByTestId('join-submit')).toHaveText('Inscrire ce poste');
  await page.screenshot({ path: screenshotPath('first-start-join-1366.png') });

  await page.getByTestId('join-office').click();
  await page.getByRole('option', { name: 'LOM — Lomé' }).click();
  await page.getByTestId('join-code').fill('k7qf-m2xd-94tx');
  await expect(page.getByTestId('join-code')).toHaveValue('K7QF-M2XD-94TX');
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('join-code-error')).toContainText(
    "Code d'inscription inconnu pour le bureau LOM",
  );
  await page.screenshot({ path: screenshotPath('first-start-join-refused-1366.png') });
  await expectAccessible(page, 'rejoindre un bureau');

  joinAnswer = { ok: true, value: joined };
  await page.getByTestId('join-code').fill('K7QF-M2XD-94TB');
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('join-done-text')).toHaveText(
    'Poste LOM-02 inscrit dans le bureau LOM. Les comptes du bureau arrivent à la prochaine synchronisation : connectez-vous ensuite avec votre compte habituel.',
  );
  await page.screenshot({ path: screenshotPath('first-start-joined-1366.png') });

  // « Continuer »: the core now says signed out with no first administrator to create.
  await page.unroute('**/api/rpc/session.current');
  await page.getByTestId('join-continue').click();
  await expect(page.getByRole('form', { name: 'Connexion' })).toBeVisible();

  // A failed sign-in on an enrolled desk hints at the directory not being here yet.
  await answerWith(page, 'office.desk', () => ({ ok: true, value: joined }));
  const form = page.getByRole('form', { name: 'Connexion' });
  await form.getByLabel('Identifiant').fill('nouveau.compte');
  await form.locator('input[type="password"]').fill('pas-le-bon-mot');
  await form.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByTestId('sign-in-office-hint')).toContainText(
    'Poste inscrit dans le bureau LOM',
  );
  await page.screenshot({ path: screenshotPath('sign-in-office-hint-1366.png') });
  expect(consoleErrors.filter((error) => !error.includes('401'))).toEqual([]);
});

const directories: AccountDirectoryState[] = [
  { pending: false, refusal: null, desksUpToDate: 3, desks: 3, behind: [] },
  {
    pending: true,
    refusal: null,
    desksUpToDate: 2,
    desks: 3,
    behind: [{ deskId: 'LOM-02', lastContactAt: '2026-03-10T16:02:00.000Z' }],
  },
  {
    pending: false,
    refusal: "Le portail a refusé ce changement : l'identifiant existe déjà dans le bureau KAR.",
    desksUpToDate: 1,
    desks: 3,
    behind: [
      { deskId: 'LOM-02', lastContactAt: '2026-03-10T16:02:00.000Z' },
      { deskId: 'LOM-03', lastContactAt: null },
    ],
  },
];

test('the users screen with the office directory, and « Exporter les clés »', async ({ page }) => {
  test.setTimeout(90_000);
  await openAs(page, host.launchUrl, 'edem.dossou');
  // The training desk is alone: the directory's state is added to the real accounts.
  await page.route('**/api/rpc/admin.users.list', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { ok: boolean; value: UserAccount[] };
    body.value = body.value.map((account, index) => ({
      ...account,
      directory: directories[index % directories.length]!,
    }));
    await route.fulfill({ response, json: body });
  });
  await page.getByTestId('nav-admin-users').click();
  const screen = page.getByTestId('admin-users');
  await expect(screen.getByRole('columnheader', { name: 'Postes à jour' })).toBeVisible();
  await expect(screen.getByTestId('user-pending').first()).toHaveText('En attente du portail');
  const behind = screen.locator('[data-testid="user-desks"][data-complete="false"]').first();
  await behind.hover();
  await expect(page.getByTestId('user-desks-behind')).toBeVisible();
  await page.screenshot({ path: screenshotPath('users-directory-1366.png') });
  await page.mouse.move(0, 0);
  await expectAccessible(page, 'utilisateurs (annuaire)');
  await screen.getByTestId('user-refusal').first().hover();
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshotPath('users-directory-refusal-1366.png') });

  await page.getByTestId('nav-certificates').click();
  const exportKeys = page.getByTestId('certificates-export-keys');
  await expect(exportKeys).toHaveText('Exporter les clés');
  await exportKeys.hover();
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshotPath('certificates-export-keys-1366.png') });
  const download = page.waitForEvent('download');
  await exportKeys.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('bureau-cles.json');
  const path = await file.path();
  const { readFile } = await import('node:fs/promises');
  const bundle = JSON.parse(await readFile(path, 'utf8')) as { format: string };
  expect(bundle.format).toBe('bureau-keys/1');
});
