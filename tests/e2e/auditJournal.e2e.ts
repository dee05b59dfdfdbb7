import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { expectAccessible } from '../support/e2eAxe';
import { collectConsoleErrors, openAs, signInAs, signOut } from '../support/e2ePage';

/**
 * The audit journal as an auditor uses it (issue 19): « Voir dans le journal » from a case, rows
 * said as sentences with the case's reference (a link back to it) and people's names, the export
 * as filtered, at 1366×768, with axe finding nothing serious.
 */
const host = useTrainingHost(120);

test('« Voir dans le journal » from a case: sentences with names and references, filters, export', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  await page.setViewportSize({ width: 1366, height: 768 });

  // A clerk works a case: a claim and a checklist point.
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  const { rows } = await pageRpc<{ rows: { id: string; reference: string }[] }>(
    page,
    'inbox.list',
    { queue: 'to_process', filters: { statuses: ['submitted'] }, limit: 5 },
  );
  const target = rows[0]!;
  const detail = await pageRpc<{
    procedure: { checklist: { id: string; label: { fr: string } }[] };
  }>(page, 'cases.get', { id: target.id });
  const item = detail.procedure.checklist[0]!;
  await pageRpc(page, 'cases.claim', { id: target.id });
  await pageRpc(page, 'cases.tickChecklist', { id: target.id, itemId: item.id, checked: true });
  await signOut(page);

  // The administrator opens the case and asks for its journal.
  await signInAs(page, 'edem.dossou');
  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(target.id)}`);
  await expect(page.getByTestId('case-reference')).toHaveText(target.reference);
  await page.getByTestId('case-audit-link').click();
  await expect(page.getByTestId('admin-audit')).toBeVisible();
  await expect(page.getByTestId('audit-filter-case')).toHaveValue(target.reference);
  const sentences = page.getByTestId('audit-sentence');
  await expect(sentences).toHaveText([
    `Kossi Agbodjan a coché « ${item.label.fr} » sur le dossier ${target.reference}`,
    `Kossi Agbodjan a pris en charge le dossier ${target.reference}`,
  ]);
  await expect(page.getByTestId('audit-row').first()).not.toContainText('app-');
  await expectAccessible(page, 'journal d’audit filtré sur un dossier');

  // The export is the journal as filtered: a CSV French Excel opens.
  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^bureau-journal-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
  expect(csv).toContain(`Kossi Agbodjan a pris en charge le dossier ${target.reference}`);

  // By person: everything Kossi did, and what was done to his account.
  await page.getByTestId('audit-filter-case').fill('');
  await page.getByTestId('audit-filter-person').click();
  await page.getByRole('option', { name: 'Kossi Agbodjan' }).click();
  for (const [index, sentence] of [
    'Déconnexion de Kossi Agbodjan',
    `Kossi Agbodjan a coché « ${item.label.fr} » sur le dossier ${target.reference}`,
    `Kossi Agbodjan a pris en charge le dossier ${target.reference}`,
    'Connexion de Kossi Agbodjan',
  ].entries()) {
    await expect(sentences.nth(index)).toHaveText(sentence);
  }

  // The whole journal at 1366×768: the screenshot an auditor's day starts with.
  await page.getByRole('button', { name: 'Effacer les filtres' }).click();
  await expect(page.getByTestId('audit-row').nth(8)).toBeVisible();
  await page
    .locator('[data-testid="audit-row"][data-action="case.checklist_ticked"]')
    .first()
    .getByTestId('audit-toggle')
    .click();
  await expectAccessible(page, 'journal d’audit');
  await page.screenshot({ path: screenshotPath('admin-audit-1366.png') });

  // The reference is a link back to the case.
  await page.getByTestId('audit-case-link').first().click();
  await expect(page.getByTestId('case-reference')).toHaveText(target.reference);
  expect(consoleErrors).toEqual([]);
});
