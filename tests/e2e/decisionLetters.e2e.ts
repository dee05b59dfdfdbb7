import { expect, test, type Page } from '@playwright/test';
import type { LetterSummary } from '../../src/shared/api/letterTypes';
import type { CaseDetail, InboxPage } from '../../src/shared/api/types';
import { expectAccessible } from '../support/e2eAxe';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { collectConsoleErrors, openAs } from '../support/e2ePage';

/**
 * Decision letters (issue 20 §1) on the training desk: rejecting a case shows, in the dialog, the
 * letter that will be sent (drawn from the chosen reason and the typed comment, marked APERÇU);
 * once rejected, the case lists the signed letter under « Courriers », which opens in the viewer.
 */
const host = useTrainingHost(240);

test.use({ viewport: { width: 1366, height: 768 } });

async function rejectableCase(page: Page): Promise<CaseDetail> {
  const list = await pageRpc<InboxPage>(page, 'inbox.list', {
    queue: 'to_process',
    filters: { statuses: ['submitted'] },
    limit: 100,
  });
  for (const row of list.rows) {
    const detail = await pageRpc<CaseDetail>(page, 'cases.get', { id: row.id });
    if (!detail.procedure.signOffRequired) return detail;
  }
  throw new Error('training data lacks a case without sign-off');
}

test('rejecting a case: the letter is previewed in the dialog, then listed in the case', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
  const detail = await rejectableCase(page);
  await pageRpc(page, 'cases.claim', { id: detail.row.id });
  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(detail.row.id)}`);
  await expect(page.getByTestId('case-action-bar')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('case-letters')).toHaveCount(0);
  // Stay on the case after deciding, to see its letters there.
  await page.getByRole('switch', { name: /dossier suivant/ }).uncheck();

  await page.getByTestId('action-reject').click();
  const dialog = page.getByTestId('reject-dialog');
  const preview = dialog.getByTestId('letter-preview');
  await expect(preview).toContainText('L’aperçu apparaîtra dès que la décision sera complète.');
  const reason = detail.procedure.rejectReasons[0]!;
  await dialog.getByLabel(reason.label.fr).check();
  await dialog
    .getByRole('textbox', { name: /Commentaire/ })
    .fill('La pièce fournie est illisible ; merci de déposer une nouvelle demande complète.');
  // The letter is drawn by pdf.js in the dialog.
  await expect(preview.getByTestId('pdf-canvas')).toBeVisible({ timeout: 20_000 });
  await expect(preview.getByTestId('pdf-page-indicator')).toContainText(/1\s*\/\s*\d+/);
  await expectAccessible(page, 'reject dialog with the letter preview');
  await page.screenshot({ path: screenshotPath('letters-reject-dialog-preview.png') });

  await page.getByTestId('reject-dialog-confirm').click();
  const letters = page.getByTestId('case-letters');
  await expect(letters).toBeVisible({ timeout: 15_000 });
  const [letter] = await pageRpc<LetterSummary[]>(page, 'letters.forCase', {
    caseId: detail.row.id,
  });
  expect(letter?.kind).toBe('rejection');
  expect(letter?.number).toMatch(/^LR-[A-Z0-9]+-\d{4}-\d{6}$/);
  const line = letters.getByTestId(`letter-${letter!.number}`);
  await expect(line).toContainText('Notification de rejet');
  await expect(line).toContainText(letter!.number);
  await line.getByTestId('letter-open').click();
  await expect(line.getByTestId('pdf-canvas')).toBeVisible({ timeout: 20_000 });
  await letters.scrollIntoViewIfNeeded();
  await expectAccessible(page, 'case with its letters');
  await page.screenshot({ path: screenshotPath('letters-case-list.png') });
  expect(consoleErrors).toEqual([]);
});
