import { expect, test, type Page } from '@playwright/test';
import type { CaseDetail, InboxPage, QueueCounts } from '../../src/shared/api/types';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { openAs, signInAs, signOut } from '../support/e2ePage';

/**
 * Issue 19, « Who sees what », on the built web host at 1366×768 (the common office laptop):
 * the sidebar counts one office; assigned is not claimed (and « c » takes one's own case, a
 * colleague's asks first); the supervisor's own proposal says why she cannot validate it and
 * lets her withdraw it; the next person at the desk starts from their own home.
 */

test.use({ viewport: { width: 1366, height: 768 } });
const host = useTrainingHost(240);

const KOSSI = 'u-agent-kossi';

async function openCase(page: Page, id: string): Promise<void> {
  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(id)}`);
  await expect(page.getByTestId('case-action-bar')).toBeVisible({ timeout: 15_000 });
}

test('who sees what: one office, assigned vs claimed, four-eyes way out, a fresh desk per person', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openAs(page, host.launchUrl, 'ablavi.lawson');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });

  // — The supervisor's counts are her office's, and the dashboard agrees on « En retard » —
  const counts = await pageRpc<QueueCounts>(page, 'inbox.counts', {});
  const all = await pageRpc<InboxPage>(page, 'inbox.list', { queue: 'all', limit: 500 });
  expect(all.rows.every((row) => row.officeCode === 'LOM')).toBe(true);
  const today = new Date().toISOString().slice(0, 10);
  const dashboard = await pageRpc<{ totals: { overdue: number } }>(page, 'dashboard.summary', {
    from: today,
    to: today,
  });
  expect(dashboard.totals.overdue).toBe(counts.overdue);

  // — Cases for the scenes: two assigned to Kossi, one proposed by the supervisor herself —
  const waiting = await pageRpc<InboxPage>(page, 'inbox.list', {
    queue: 'to_process',
    filters: { statuses: ['submitted'] },
    limit: 300,
  });
  const details: CaseDetail[] = [];
  for (const row of waiting.rows.slice(0, 60)) {
    details.push(await pageRpc<CaseDetail>(page, 'cases.get', { id: row.id }));
  }
  const own = details.find((detail) => detail.procedure.signOffRequired);
  const plain = details.filter((detail) => !detail.procedure.signOffRequired);
  const [mineToTake, colleagues] = plain;
  if (!own || !mineToTake || !colleagues) throw new Error('training data lacks a case shape');
  await pageRpc(page, 'assignment.assign', {
    caseIds: [mineToTake.row.id, colleagues.row.id],
    assigneeId: KOSSI,
  });
  await pageRpc(page, 'cases.claim', { id: own.row.id });
  for (const item of own.procedure.checklist) {
    await pageRpc(page, 'cases.tickChecklist', { id: own.row.id, itemId: item.id, checked: true });
  }
  await pageRpc(page, 'cases.approve', { id: own.row.id });

  // — Four-eyes on her own proposal: the reason, and « Retirer ma proposition » —
  await openCase(page, own.row.id);
  await expect(page.getByTestId('action-signOff')).toBeEnabled();
  await page.keyboard.press('v');
  const signOff = page.getByTestId('signoff-dialog');
  await expect(signOff.getByTestId('signoff-refused-reason')).toContainText(
    'Règle des quatre yeux',
  );
  await expect(signOff.getByTestId('signoff-approve')).toBeDisabled();
  await page.screenshot({ path: screenshotPath('who-sees-what-signoff-own-proposal.png') });
  await signOff.getByTestId('signoff-withdraw').click();
  await expect(page.getByTestId('withdraw-dialog-confirm')).toBeVisible();
  await page.getByTestId('withdraw-dialog-confirm').click();
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');
  await expect(page.getByTestId('case-view').getByText('En instruction').first()).toBeVisible();
  await expect(page.getByTestId('history')).toContainText('Proposition retirée par son auteur');

  // — She leaves a filtered, searched « En retard » list; Kossi starts from his own home —
  await page.goto(`${host.origin}/#/inbox/overdue`);
  await page.getByTestId('header-search').fill('kpodar');
  await expect(page).toHaveURL(/#\/inbox\/overdue\?/);
  await openCase(page, own.row.id);
  await signOut(page);
  await signInAs(page, 'kossi.agbodjan');
  await expect(page).toHaveURL(/#\/inbox\/mine$/);
  await expect(page.getByTestId('header-search')).toHaveValue('');

  // — Assigned to Kossi, not claimed: said so, and « c » takes it —
  await openCase(page, mineToTake.row.id);
  await expect(page.getByTestId('claim-state')).toHaveText(
    'Affecté à vous — pas encore pris en charge : appuyez sur c pour le prendre en charge.',
  );
  await expect(page.getByTestId('case-claim-line')).toHaveText('Pas encore pris en charge');
  await page.screenshot({ path: screenshotPath('who-sees-what-assigned-not-claimed.png') });
  await page.keyboard.press('c');
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');
  await expect(page.getByTestId('case-claim-line')).toHaveText('Pris en charge par Kossi Agbodjan');
  // « l » lets it go again, « c » takes it back: every action of the case has its key.
  await page.keyboard.press('l');
  await expect(page.getByTestId('claim-state')).toHaveText(
    'Affecté à vous — pas encore pris en charge : appuyez sur c pour le prendre en charge.',
  );
  await page.keyboard.press('c');
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');

  // — A colleague's case: taking it asks first —
  await signOut(page);
  await signInAs(page, 'akossiwa.mensah');
  await openCase(page, colleagues.row.id);
  await expect(page.getByTestId('claim-state')).toHaveText(
    'Affecté à Kossi Agbodjan — pas encore pris en charge.',
  );
  await page.getByTestId('action-claim').click();
  await expect(page.getByTestId('take-colleague-dialog-confirm')).toBeVisible();
  await expect(page.getByText('Prendre le dossier de Kossi Agbodjan ?')).toBeVisible();
  await page.screenshot({ path: screenshotPath('who-sees-what-take-colleague.png') });
  await page.getByTestId('take-colleague-dialog-confirm').click();
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');
});
