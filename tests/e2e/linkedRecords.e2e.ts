import { expect, test, type Page } from '@playwright/test';
import type { LinkedRecords } from '../../src/shared/api/linkedTypes';
import type { CaseDetail, InboxPage } from '../../src/shared/api/types';
import { expectAccessible } from '../support/e2eAxe';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { collectConsoleErrors, openAs } from '../support/e2ePage';

/**
 * The case page shows what the administration already holds (issue 20 §2) on the training desk:
 * the simulator plants APIPS requests citing valid, expired, revoked and unknown importer cards,
 * and a company asking twice (src/simulator/linkedRecords.ts).
 */
const host = useTrainingHost(240);

test.use({ viewport: { width: 1366, height: 768 } });

/** The planted APIPS requests, each with what Bureau holds of it, through the real API. */
async function plantedRequests(page: Page): Promise<{ id: string; linked: LinkedRecords }[]> {
  const list = await pageRpc<InboxPage>(page, 'inbox.list', {
    queue: 'to_process',
    filters: { statuses: ['submitted'] },
    limit: 500,
  });
  const found: { id: string; linked: LinkedRecords }[] = [];
  for (const row of list.rows) {
    if (row.procedureCode !== 'COM-APIPS') continue;
    const linked = await pageRpc<LinkedRecords>(page, 'cases.linked', { id: row.id });
    found.push({ id: row.id, linked });
  }
  return found;
}

async function openCase(page: Page, id: string): Promise<void> {
  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(id)}`);
  await expect(page.getByTestId('case-action-bar')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('linked-records')).toBeVisible();
}

test('a revoked card is said beside its checklist item and as a signal; a duplicate is compared and marked', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
  const requests = await plantedRequests(page);

  // — The APIPS request citing the revoked importer card —
  const revoked = requests.find((request) =>
    request.linked.prerequisites.some((check) => check.state === 'revoked'),
  );
  expect(revoked, 'the training data plants a request citing a revoked card').toBeDefined();
  const card = revoked!.linked.prerequisites.find((check) => check.state === 'revoked')!;
  await openCase(page, revoked!.id);
  const line = page.getByTestId(`prerequisite-${card.checklistItem}`);
  await expect(line).toContainText(`Carte d'importateur ${card.certificate!.number} : révoquée le`);
  await expect(line).toHaveAttribute('data-state', 'revoked');
  await expect(page.getByTestId(`prerequisite-case-${card.checklistItem}`)).toContainText(
    card.certificate!.reference!,
  );
  const signal = page.getByTestId('linked-signal-revoked_prerequisite');
  await expect(signal).toContainText(`Le document cité ${card.certificate!.number}`);
  await expect(signal.getByRole('link', { name: card.certificate!.reference! })).toBeVisible();
  await page.screenshot({ path: screenshotPath('linked-revoked-card.png') });
  await page.getByTestId('linked-records').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('linked-records-panel.png') });
  await expectAccessible(page, 'case page with a revoked card');

  // — The company that asked twice: compare, then mark as a duplicate —
  const pair = requests.find((request) =>
    request.linked.openCases.some(
      (other) => other.procedureCode === 'COM-APIPS' && other.duplicate === null,
    ),
  );
  expect(pair, 'the training data plants a company asking twice').toBeDefined();
  const other = pair!.linked.openCases.find(
    (candidate) => candidate.procedureCode === 'COM-APIPS',
  )!;
  const own = await pageRpc<CaseDetail>(page, 'cases.get', { id: pair!.id });
  await openCase(page, pair!.id);
  const row = page.getByTestId(`linked-open-${other.id}`);
  await expect(row).toContainText(other.reference);
  await expect(row).toContainText(/Même .*NIF/);

  await page.getByTestId(`linked-compare-${other.id}`).click();
  const compare = page.getByRole('dialog', { name: /Comparer/ });
  await expect(compare.getByTestId('compare-nif')).toHaveAttribute('data-differs', 'false');
  await expect(compare.getByTestId('compare-reference')).toContainText(other.reference);
  await page.screenshot({ path: screenshotPath('linked-compare.png') });
  await expectAccessible(page, 'comparison of two cases');
  await page.keyboard.press('Escape');
  await expect(compare).toBeHidden();

  await page.getByTestId(`linked-mark-button-${other.id}`).click();
  const dialog = page.getByRole('dialog', { name: /comme doublon/ });
  await dialog.getByTestId('linked-mark-confirm').click();
  await expect(dialog).toContainText('Indiquez pourquoi ce dossier est un doublon.');
  const reason = 'Même demande, même facture, déposée deux fois par la même entreprise.';
  await dialog.getByLabel(/Motif/).fill(reason);
  await expect(dialog.getByTestId('comment-counter')).toContainText(`${reason.length} / 2`);
  await page.screenshot({ path: screenshotPath('linked-mark-dialog.png') });
  await expectAccessible(page, 'mark as duplicate dialog');
  await dialog.getByTestId('linked-mark-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('linked-marked')).toContainText(
    `Marqué comme doublon de ${other.reference}.`,
  );
  await expect(page.getByTestId(`linked-mark-${other.id}`)).toContainText(reason);
  // The case's history says it, with the reason; the other case's too.
  const history = page.getByText(`Marqué comme doublon de ${other.reference}`, { exact: true });
  await history.scrollIntoViewIfNeeded();
  await expect(history).toBeVisible();
  await expect(page.getByText(reason).first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('linked-marked.png') });
  await openCase(page, other.id);
  await expect(
    page.getByText(`${own.row.reference} marqué comme doublon de ce dossier`, { exact: true }),
  ).toBeVisible();
  expect(errors).toEqual([]);
});
