import { expect, test, type Page } from '@playwright/test';
import type { CaseDetail, InboxPage } from '../../src/shared/api/types';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { collectConsoleErrors, openAs } from '../support/e2ePage';

/**
 * Issue 17, « live and correct after every sync outcome », on the training host's embedded
 * portal (its admin routes play the applicant and the network): an open case follows what
 * happens to its actions without a reload, and keeping the portal's version after a withdrawal
 * shows the portal's truth at once.
 */

const host = useTrainingHost(240);
test.use({ viewport: { width: 1366, height: 768 } });

async function portalAdmin(page: Page, path: string, body: unknown): Promise<void> {
  const info = await pageRpc<{ portalUrl: string }>(page, 'app.info', {});
  const response = await fetch(`${info.portalUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.portalToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, path).toBeLessThan(300);
}

/** A case nobody has touched yet, with a document to ask for; `skip` picks another one. */
async function untouchedCase(page: Page, skip: number): Promise<CaseDetail> {
  const list = await pageRpc<InboxPage>(page, 'inbox.list', {
    queue: 'to_process',
    filters: { statuses: ['submitted'] },
    limit: 20,
  });
  const row = list.rows[skip];
  if (!row) throw new Error('the training data has too few submitted cases');
  return pageRpc<CaseDetail>(page, 'cases.get', { id: row.id });
}

async function openCase(page: Page, id: string): Promise<void> {
  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(id)}`);
  await expect(page.getByTestId('case-action-bar')).toBeVisible();
}

/** Marks the page, so a later check can tell it was not reloaded meanwhile. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as { notReloaded?: boolean }).notReloaded = true;
  });
}

async function expectNotReloaded(page: Page): Promise<void> {
  const marked = await page.evaluate(
    () => (globalThis as { notReloaded?: boolean }).notReloaded === true,
  );
  expect(marked, 'the page was not reloaded').toBe(true);
}

const syncNow = (page: Page) =>
  page.getByRole('button', { name: 'Synchroniser maintenant' }).first().click();

test('the case banner « 1 action en attente d’envoi au portail » clears by itself once the portal has the action', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const consoleErrors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  const status = page.getByTestId('sync-status');
  await expect(status).toContainText('À jour', { timeout: 30_000 });
  const target = await untouchedCase(page, 0);

  // The link drops (every connection reset): the claim waits in the outbox.
  await portalAdmin(page, '/__sim/faults', { resetRate: 1 });
  await syncNow(page);
  await expect(status).toContainText('Hors ligne', { timeout: 20_000 });
  await openCase(page, target.row.id);
  await page.getByTestId('action-claim').click();
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');
  const banner = page.getByTestId('case-actions');
  await expect(banner).toContainText('1 action en attente d’envoi au portail');
  await page.screenshot({ path: screenshotPath('sync-live-1-pending.png') });

  // The link returns: the claim is delivered, and the open case drops its banner by itself.
  await markPage(page);
  await portalAdmin(page, '/__sim/faults', { resetRate: 0 });
  await syncNow(page);
  await expect(status).toContainText('À jour', { timeout: 30_000 });
  await expect(banner).toHaveCount(0);
  await expectNotReloaded(page);
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');
  await page.screenshot({ path: screenshotPath('sync-live-2-delivered.png') });
  expect(consoleErrors).toEqual([]);
});

test('keeping the portal’s version after a withdrawal shows the withdrawn case at once: no spinner, no cancelled decision, no claim', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const consoleErrors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
  const target = await untouchedCase(page, 1);
  const requested = target.procedure.documents[0]!;

  await openCase(page, target.row.id);
  await page.getByRole('switch', { name: /dossier suivant/ }).uncheck();
  await page.getByTestId('action-claim').click();
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');
  await expect(page.getByTestId('case-actions')).toHaveCount(0);
  await markPage(page);

  // The applicant withdraws on the portal while the clerk asks for a document.
  await portalAdmin(page, '/__sim/changes', { id: target.row.id, kind: 'withdraw' });
  await page.getByTestId('action-requestInfo').click();
  const infoDialog = page.getByRole('dialog', { name: /Demander un complément/ });
  await infoDialog.getByLabel(requested.label.fr).check();
  await infoDialog.getByLabel('Message au demandeur').fill('Merci de fournir la pièce manquante.');
  await page.getByTestId('request-info-dialog-confirm').click();
  await expect(page.getByTestId('last-decision')).toContainText('Complément demandé');

  // The portal refuses the request: the open case shows the conflict by itself.
  const conflict = page.getByTestId('conflict-banner');
  await expect(conflict).toContainText('retirée', { timeout: 20_000 });
  await expectNotReloaded(page);
  await page.screenshot({ path: screenshotPath('sync-live-3-conflict.png') });

  await conflict.getByRole('button', { name: 'Garder la version du portail' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
  await expect(page.getByText('Le dossier suit désormais la version du portail.')).toBeVisible();
  const caseView = page.getByTestId('case-view');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(conflict).toHaveCount(0);
  await expect(caseView.getByText('Retirée').first()).toBeVisible();
  await expect(caseView.locator('.mantine-Loader-root')).toHaveCount(0);
  await expect(page.getByTestId('case-reference')).toHaveText(target.row.reference);
  // The portal's truth: the refused request is no decision, and a withdrawn case has no holder.
  await expect(page.getByTestId('last-decision')).toHaveCount(0);
  await expect(page.getByTestId('claim-state')).not.toContainText('en charge depuis');
  await expect(page.getByTestId('case-actions')).toHaveCount(0);
  await expectNotReloaded(page);
  await page.screenshot({ path: screenshotPath('sync-live-4-resolved.png') });

  // And so it stays when the case is opened again.
  await page.reload();
  await expect(caseView.getByText('Retirée').first()).toBeVisible();
  await expect(page.getByTestId('last-decision')).toHaveCount(0);
  await expect(page.getByTestId('claim-state')).not.toContainText('en charge depuis');
  expect(consoleErrors).toEqual([]);
});
