import { expect, test, type Locator, type Page } from '@playwright/test';
import type { CertificateFile, CertificateSummary } from '../../src/shared/api/certificateTypes';
import { expectAccessible as expectAccessibleOn } from '../support/e2eAxe';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { findTwoCases } from '../support/e2eCases';
import { collectConsoleErrors, openAs, signInAs, signOut } from '../support/e2ePage';

/**
 * Issue 19, « 1366×768 »: Bureau laid out for the common office laptop first — every sidebar
 * section without scrolling, the checklist beside the decisions, identifiers never broken
 * mid-value, a tick said beside its point rather than in a toast — and checked at 1920×1080.
 */
const host = useTrainingHost(120);

const LAPTOP = { width: 1366, height: 768 };
const DESKTOP = { width: 1920, height: 1080 };
/** 1366×768 at the 125 % zoom of the user menu. */
const ZOOMED = { width: 1093, height: 614 };
test.use({ viewport: LAPTOP });

/** Toasts belong to the screen they came from, not to the one judged. */
const expectAccessible = (page: Page, screen: string) =>
  expectAccessibleOn(page, screen, { exclude: ['.mantine-Notifications-root'] });

/** Wholly inside the window as it is, without scrolling anything. */
async function expectInViewport(locator: Locator, viewport: { width: number; height: number }) {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  expect(box, 'laid out').not.toBeNull();
  expect(box!.y, 'top edge in view').toBeGreaterThanOrEqual(0);
  expect(box!.x, 'left edge in view').toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, 'bottom edge in view').toBeLessThanOrEqual(viewport.height);
  expect(box!.x + box!.width, 'right edge in view').toBeLessThanOrEqual(viewport.width);
}

/** The value a description list gives for `label`. */
const valueOf = (page: Page, label: string) =>
  page
    .getByTestId('case-view')
    .locator('dt', { hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd[1]');

/** Its text on one line: no taller than its label's single line, nothing cut. */
async function expectOneLine(page: Page, label: string) {
  const term = page.getByTestId('case-view').locator('dt', { hasText: new RegExp(`^${label}$`) });
  const value = valueOf(page, label);
  const termBox = (await term.boundingBox())!;
  const valueBox = (await value.boundingBox())!;
  expect(valueBox.height, `${label} on one line`).toBeLessThan(termBox.height * 1.5);
  const fits = await value.evaluate((node) => {
    const element = node as unknown as { scrollWidth: number; clientWidth: number };
    return element.scrollWidth <= element.clientWidth;
  });
  expect(fits, `${label} shown whole`).toBe(true);
}

async function sidebarWidth(page: Page): Promise<number> {
  return (await page.locator('#bureau-sidebar').boundingBox())!.width;
}

/** Two cases of companies, with at least four points to check and no sign-off. */
const findCases = (page: Page) =>
  findTwoCases(
    page,
    (detail) =>
      Boolean(detail.record.company) &&
      detail.procedure.checklist.length >= 4 &&
      !detail.procedure.signOffRequired,
    'two company cases with four checklist points',
  );

test('a clerk at 1366×768: the checklist beside the decisions, ticks said inline, the sidebar folds', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
  const [main, other] = await findCases(page);

  // — The inbox —
  await page.goto(`${host.origin}/#/inbox/to_process`);
  await expect(page.getByRole('row').nth(3)).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: screenshotPath('layout-inbox-1366.png') });
  await expectAccessible(page, 'corbeille à 1366×768');

  // — The case: decisions and checklist in view together —
  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(main.row.id)}`);
  await expect(page.getByTestId('case-action-bar')).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('action-claim').click();
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');
  const items = main.procedure.checklist.slice(0, 4);
  await expectInViewport(page.getByTestId('action-approve'), LAPTOP);
  await expectInViewport(page.getByTestId('action-reject'), LAPTOP);
  await expectInViewport(page.getByTestId(`checklist-${items[0]!.id}`), LAPTOP);
  await expectInViewport(page.getByTestId(`checklist-${items[3]!.id}`), LAPTOP);

  // Identifiers on one line; the procedure's code whole.
  await expectOneLine(page, 'Téléphone');
  await expectOneLine(page, 'Courriel');
  await expectOneLine(page, 'RCCM');
  await expectOneLine(page, 'NIF');
  const codeCut = await page
    .getByTestId('case-procedure-code')
    .locator('.mantine-Badge-label')
    .evaluate((node) => {
      const element = node as unknown as { scrollWidth: number; clientWidth: number };
      return element.scrollWidth > element.clientWidth;
    });
  expect(codeCut, 'procedure code cut').toBe(false);
  await expect(page.getByTestId('case-procedure-code')).toHaveText(main.row.procedureCode);

  // — Four ticks: each says « Enregistré » beside its point, and no toast covers the documents —
  for (const item of items) {
    const box = page.getByTestId(`checklist-${item.id}`);
    await box.click();
    await expect(box).toBeChecked();
    const feedback = page.getByTestId(`checklist-feedback-${item.id}`);
    await expect(feedback).toHaveAttribute('data-state', 'saved');
    await expect(feedback).toHaveText('Enregistré');
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
  }
  // Only the last tick keeps its word; the saved state is the box and who ticked it.
  await expect(page.getByTestId(`checklist-feedback-${items[0]!.id}`)).toHaveCount(0);
  await expect(page.getByTestId('checklist')).toContainText('Kossi Agbodjan');
  await page.screenshot({ path: screenshotPath('layout-case-1366.png') });
  await expectAccessible(page, 'dossier à 1366×768');

  // — The sidebar folds to icons, and stays so for Kossi only —
  const open = await sidebarWidth(page);
  await page.getByRole('button', { name: 'Réduire le menu latéral' }).click();
  await expect.poll(() => sidebarWidth(page)).toBeLessThan(80);
  await expect(page.getByRole('button', { name: 'Déplier le menu latéral' })).toHaveAttribute(
    'aria-expanded',
    'false',
  );
  // Icons keep their names (tooltips and accessible names).
  await expect(page.getByRole('link', { name: /^À traiter/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('layout-case-collapsed-1366.png') });
  await expectAccessible(page, 'dossier, menu latéral réduit');
  await page.reload();
  await expect(page.getByTestId('case-action-bar')).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => sidebarWidth(page)).toBeLessThan(80);
  await signOut(page);
  await signInAs(page, 'akossiwa.mensah');
  await expect.poll(() => sidebarWidth(page)).toBe(open);
  await signOut(page);
  await signInAs(page, 'kossi.agbodjan');
  await expect.poll(() => sidebarWidth(page)).toBeLessThan(80);
  // The key does what the button does, and the button says which key.
  await expect(page.getByRole('button', { name: 'Déplier le menu latéral' })).toHaveAttribute(
    'aria-keyshortcuts',
    'Control+B',
  );
  await page.keyboard.press('Control+b');
  await expect.poll(() => sidebarWidth(page)).toBe(open);
  await expect(page.getByRole('button', { name: 'Réduire le menu latéral' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );

  // — A training certificate on the verification screen —
  await pageRpc(page, 'cases.claim', { id: other.row.id });
  for (const item of other.procedure.checklist) {
    await pageRpc(page, 'cases.tickChecklist', {
      id: other.row.id,
      itemId: item.id,
      checked: true,
    });
  }
  await pageRpc(page, 'cases.approve', { id: other.row.id });
  const certificate = await pageRpc<CertificateSummary>(page, 'certificates.issue', {
    caseId: other.row.id,
  });
  const file = await pageRpc<CertificateFile>(page, 'certificates.file', { id: certificate.id });
  await page.getByTestId('nav-verify').click();
  await expect(page.getByTestId('verify-view')).toBeVisible();
  await page
    .getByTestId('verify-view')
    .locator('input[type="file"]')
    .setInputFiles({
      name: file.fileName,
      mimeType: 'application/pdf',
      buffer: Buffer.from(file.base64, 'base64'),
    });
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'specimen', {
    timeout: 20_000,
  });
  await page.screenshot({ path: screenshotPath('layout-certificate-1366.png') });
  await expectAccessible(page, 'vérification d’un certificat de formation à 1366×768');

  // — The same screens at 1920×1080 —
  await page.setViewportSize(DESKTOP);
  await page.goto(`${host.origin}/#/inbox/to_process`);
  await expect(page.getByRole('row').nth(3)).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: screenshotPath('layout-inbox-1920.png') });
  await expectAccessible(page, 'corbeille à 1920×1080');
  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(main.row.id)}`);
  await expect(page.getByTestId('case-action-bar')).toBeVisible({ timeout: 15_000 });
  await expectInViewport(page.getByTestId('action-approve'), DESKTOP);
  for (const item of main.procedure.checklist) {
    await expectInViewport(page.getByTestId(`checklist-${item.id}`), DESKTOP);
  }
  await expectOneLine(page, 'Téléphone');
  await expectOneLine(page, 'RCCM');
  await page.screenshot({ path: screenshotPath('layout-case-1920.png') });
  await expectAccessible(page, 'dossier à 1920×1080');

  // — 1366×768 zoomed to 125 %: the decision column beside the case, never taller than the
  // window (a long checklist scrolls within it) —
  await page.setViewportSize(ZOOMED);
  await expect(page.getByTestId('case-action-bar')).toBeVisible();
  await expectInViewport(page.getByTestId('decision-column'), ZOOMED);
  await expectInViewport(page.getByTestId('action-approve'), ZOOMED);
  expect(consoleErrors).toEqual([]);
});

test('an administrator at 1366×768: every section in view, the journal, a form with an error', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'edem.dossou');

  // Every entry of every section, without scrolling the sidebar.
  const sidebar = page.locator('#bureau-sidebar');
  const entries = [
    'nav-worklist',
    'nav-certificates',
    'nav-verify',
    'nav-outbox',
    'nav-admin-users',
    'nav-admin-office',
    'nav-admin-desks',
    'nav-admin-holidays',
    'nav-admin-audit',
    'nav-admin-backups',
  ];
  for (const testId of entries) await expectInViewport(sidebar.getByTestId(testId), LAPTOP);
  const scrolls = await sidebar.locator('.mantine-ScrollArea-viewport').evaluate((node) => {
    const element = node as unknown as { scrollHeight: number; clientHeight: number };
    return element.scrollHeight > element.clientHeight;
  });
  expect(scrolls, 'the sidebar needs no scrolling').toBe(false);

  // — The audit journal —
  await page.getByTestId('nav-admin-audit').click();
  await expect(page.getByTestId('admin-audit')).toBeVisible();
  await expect(page.getByTestId('audit-row').first()).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: screenshotPath('layout-audit-1366.png') });
  await expectAccessible(page, 'journal d’audit à 1366×768');

  // — An administration form with a field in error —
  await page.getByTestId('nav-admin-users').click();
  await page.getByTestId('user-create').click();
  const form = page.getByTestId('user-form');
  await form.getByTestId('user-username').fill('dzifa akakpo');
  await form.getByTestId('user-username').press('Tab');
  await expect(form).toContainText('De 3 à 64 caractères');
  await page.screenshot({ path: screenshotPath('layout-admin-form-1366.png') });
  await expectAccessible(page, 'formulaire d’administration en erreur à 1366×768');
  expect(consoleErrors).toEqual([]);
});
