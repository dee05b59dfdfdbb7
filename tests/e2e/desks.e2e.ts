import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type {
  DeskSummary,
  DesksOverview,
  EnrollmentCode,
  OfficeDesk,
} from '../../src/shared/api/officeTypes';
import { screenshotPath, useTrainingHost } from '../support/e2eHost';
import { collectConsoleErrors, openAs } from '../support/e2ePage';

const host = useTrainingHost(40);

test.use({ viewport: { width: 1366, height: 768 } });

async function openAbout(page: Page) {
  const about = page.getByRole('dialog', { name: 'À propos de Bureau' });
  await expect(async () => {
    if (!(await about.isVisible())) {
      await page.getByRole('button', { name: 'Menu de l’utilisateur' }).click();
      await page.getByRole('menuitem', { name: 'À propos de Bureau' }).click();
    }
    await expect(about).toContainText('Version', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  return about;
}

/** No serious or critical WCAG 2.1 AA violation on what is shown (as accessibility.e2e.ts). */
async function expectAccessible(page: Page, what: string) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  // Let the modal's and the alert's transitions end before judging colours.
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

/** Answers one API method in the page with `value`, as the web host would (`{ ok, value }`). */
async function answerWith(page: Page, method: string, value: () => unknown) {
  await page.route(`**/api/rpc/${method}`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ ok: true, value: value() }),
    }),
  );
}

test('an administrator in training mode sees « Postes de travail » and this desk in À propos', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const consoleErrors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'edem.dossou');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });

  await page.getByTestId('nav-admin-desks').click();
  await expect(page).toHaveURL(/#\/admin\/desks$/);
  const screen = page.getByTestId('admin-desks');
  await expect(screen.getByRole('heading', { name: 'Postes de travail' })).toBeVisible();
  await expect(screen.getByTestId('desks-training')).toHaveText(
    "En mode formation, ce poste n'est inscrit dans aucun bureau réel.",
  );
  await expect(screen.getByTestId('desks-identity')).toContainText('Poste seul');
  await expect(screen.getByTestId('desks-first-offer')).toHaveCount(0);
  await expect(screen.getByTestId('desks-enroll')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('desks-training-1366.png') });
  await expectAccessible(page, 'postes (formation)');

  const about = await openAbout(page);
  await expect(about.getByTestId('about-desk')).toHaveText('Poste seul (non inscrit)');
  await about.screenshot({ path: screenshotPath('about-desk-training.png') });
  await page.keyboard.press('Escape');
  await expect(about).toBeHidden();

  expect(consoleErrors).toEqual([]);
});

const enrolled: DeskSummary = {
  mode: 'office',
  deskId: 'LOM-03',
  officeCode: 'LOM',
  label: 'Guichet 3',
  keyId: 'LOM-9b02e4c1',
  enrolledAt: '2026-03-12T10:15:03.000Z',
  portalApi: 2,
  portalEnrolls: true,
};

const desk = (id: string, label: string, extra: Partial<OfficeDesk> = {}): OfficeDesk => ({
  id,
  label,
  keyId: `LOM-${id.slice(-1)}f9a1c2e`,
  enrolledAt: '2026-03-12T10:15:03.000Z',
  lastContactAt: new Date(Date.now() - 2 * 60_000).toISOString(),
  directorySequence: 131,
  appVersion: '1.9.0',
  pendingActions: 0,
  failedActions: 0,
  retiredAt: null,
  ...extra,
});

/** The layouts training mode never shows, with the core's answers played by the page's network. */
test('the office, first-desk and v1 layouts at 1366×768 (answers played in the page)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openAs(page, host.launchUrl, 'edem.dossou');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });

  // An enrolled desk: the office's desks and the enrollment code.
  await answerWith(page, 'office.desk', () => enrolled);
  await answerWith(page, 'office.desks', (): DesksOverview => ({
    desk: enrolled,
    toPublish: null,
    trainingMode: false,
    desks: [
      desk('LOM-01', 'Guichet 1', { pendingActions: 3 }),
      desk('LOM-02', 'Guichet 2', {
        lastContactAt: '2026-03-10T16:02:00.000Z',
        appVersion: '1.8.2',
        failedActions: 1,
        pendingActions: 12,
      }),
      desk('LOM-03', 'Guichet 3'),
      desk('LOM-04', 'Accueil', {
        lastContactAt: null,
        appVersion: null,
        pendingActions: null,
        retiredAt: '2026-03-20T09:00:00.000Z',
      }),
    ],
  }));
  await answerWith(page, 'office.issueCode', (): EnrollmentCode => ({
    code: 'K7QF-M2XD-94TB',
    label: 'Guichet 5',
    expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
  }));
  await page.getByTestId('nav-admin-desks').click();
  const screen = page.getByTestId('admin-desks');
  await expect(screen.getByTestId('desk-row')).toHaveCount(4);
  await expect(screen.locator('[data-desk="LOM-03"]')).toContainText('ce poste');
  await expect(screen.getByTestId('desk-this')).toHaveText('ce poste');
  await expect(screen.locator('[data-desk="LOM-02"]')).toContainText(
    'hors ligne depuis le 10/03/2026',
  );
  await page.screenshot({ path: screenshotPath('desks-office-1366.png') });
  await expectAccessible(page, 'postes (bureau)');

  await screen.getByTestId('desks-enroll').click();
  const dialog = page.getByTestId('enrollment-dialog');
  await dialog.getByTestId('enrollment-label').fill('Guichet 5');
  await page.screenshot({ path: screenshotPath('desks-code-label-1366.png') });
  await dialog.getByTestId('enrollment-issue').click();
  await expect(dialog.getByTestId('enrollment-code')).toHaveText('K7QF-M2XD-94TB');
  await expect(dialog.getByTestId('enrollment-countdown')).toHaveText(
    /^Expire dans (30:00|29:\d\d)$/,
  );
  await page.screenshot({ path: screenshotPath('desks-code-1366.png') });
  await expectAccessible(page, 'code d’inscription');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const about = await openAbout(page);
  await expect(about.getByTestId('about-desk')).toHaveText(
    'LOM-03 (Guichet 3) · Bureau LOM · Clé LOM-9b02e4c1 · inscrit le 12/03/2026',
  );
  await expect(about.getByTestId('about-portal-api')).toHaveText('API v2');
  await about.screenshot({ path: screenshotPath('about-desk-office.png') });
  await page.keyboard.press('Escape');
  await expect(about).toBeHidden();

  // A desk alone on a v2 portal: the first-desk offer.
  const single: DeskSummary = {
    ...enrolled,
    mode: 'single',
    deskId: null,
    label: null,
    keyId: null,
    enrolledAt: null,
  };
  await page.unroute('**/api/rpc/office.desks');
  await page.unroute('**/api/rpc/office.desk');
  await answerWith(page, 'office.desks', (): DesksOverview => ({
    desk: single,
    desks: [],
    toPublish: { accounts: 5, keys: 1, certificates: 6 },
    trainingMode: false,
  }));
  await page.getByTestId('nav-admin-users').click();
  await page.getByTestId('nav-admin-desks').click();
  await expect(screen.getByTestId('desks-to-publish')).toHaveText(
    'Seront publiés sur le portail : 5 comptes, 6 certificats, 1 clé.',
  );
  await page.screenshot({ path: screenshotPath('desks-first-1366.png') });
  await expectAccessible(page, 'premier poste');

  // A v1-only portal.
  const v1: DeskSummary = { ...single, portalApi: 1, portalEnrolls: false };
  await page.unroute('**/api/rpc/office.desks');
  await answerWith(page, 'office.desk', () => v1);
  await answerWith(page, 'office.desks', (): DesksOverview => ({
    desk: v1,
    desks: [],
    toPublish: null,
    trainingMode: false,
  }));
  await page.getByTestId('nav-admin-users').click();
  await page.getByTestId('nav-admin-desks').click();
  await expect(screen.getByTestId('desks-v1-only')).toContainText("ne connaît que l'API v1");
  await page.screenshot({ path: screenshotPath('desks-v1-1366.png') });
  const aboutV1 = await openAbout(page);
  await expect(aboutV1.getByTestId('about-v1-only')).toBeVisible();
  await aboutV1.screenshot({ path: screenshotPath('about-desk-v1.png') });
});
