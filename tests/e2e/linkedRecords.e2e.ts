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

test('the inbox row of a request citing a revoked card carries a mark that says why', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
  const requests = await plantedRequests(page);
  const revoked = requests.find((request) =>
    request.linked.signals.some((signal) => signal.kind === 'revoked_prerequisite'),
  );
  expect(revoked, 'the training data plants a request citing a revoked card').toBeDefined();
  const signal = revoked!.linked.signals.find((one) => one.kind === 'revoked_prerequisite')!;

  // « À traiter »: the planted requests carry their marks.
  await page.goto(`${host.origin}/#/inbox/to_process`);
  const grid = page.getByTestId('inbox-grid');
  await expect(grid.getByRole('row').nth(1)).toBeVisible({ timeout: 15_000 });
  // The clerk walks down to the request with j (the list is virtualized: it follows).
  const queue = await pageRpc<InboxPage>(page, 'inbox.list', { queue: 'to_process', limit: 500 });
  const index = queue.rows.findIndex((one) => one.id === revoked!.id);
  expect(index).toBeGreaterThanOrEqual(0);
  await grid.focus();
  for (let step = 0; step < index; step++) await page.keyboard.press('j');
  const row = page.locator(`#inbox-row-${revoked!.id}`);
  await expect(row).toHaveAttribute('aria-selected', 'true');
  // Mid-screen, for the screenshot: the hint opens below it.
  await grid.evaluate((element) => element.scrollBy(0, 250));
  const mark = row.getByTestId('row-signals');
  await expect(mark).toHaveText('Document révoqué');
  const why = `Carte d'importateur ${signal.certificateNumber} révoquée le`;
  await expect(mark).toHaveAttribute(
    'aria-label',
    new RegExp(`^Document révoqué — signal à vérifier : ${why}`),
  );
  // The row stays 50 px high with its mark.
  expect((await row.boundingBox())?.height).toBe(50);

  // Pointing at the mark says what the signal rests on, and that it decides nothing.
  await mark.hover();
  const hint = page.getByRole('tooltip');
  await expect(hint).toContainText(why);
  await expect(hint).toContainText(`délivrée pour ${signal.cases[0]!.reference}`);
  await expect(hint).toContainText('il ne décide rien');
  await page.screenshot({ path: screenshotPath('linked-inbox-signals.png') });
  await expectAccessible(page, 'inbox with signal marks and a hint');
  await page.mouse.move(5, 700);
  await expect(hint).toBeHidden();

  // The keyboard reaches it too.
  await mark.focus();
  await expect(page.getByRole('tooltip')).toContainText(why);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip')).toBeHidden();
  expect(errors).toEqual([]);
});

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
  // The procedure's form, by its own labels, and the documents with whether the files match.
  await expect(compare.getByTestId('compare-form-importerCardNumber')).toContainText(
    "Numéro de la carte d'importateur",
  );
  await expect(compare.getByTestId('compare-group-documents')).toContainText(/ Ko · /);
  await page.screenshot({ path: screenshotPath('linked-compare.png') });
  await compare.getByTestId('compare-group-documents').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('linked-compare-documents.png') });
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
