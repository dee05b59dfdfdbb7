import { expect, test, type Page } from '@playwright/test';
import type { CaseDetail, InboxPage } from '../../src/shared/api/types';
import { pageRpc, screenshotPath, openDeskPage, useOfficeHosts } from '../support/e2eHost';
import { firstSignIn, setUpOffice } from '../support/e2eOffice';
import { collectConsoleErrors } from '../support/e2ePage';

/**
 * Offline work on a desk of a multi-desk office (design multi-desk §8): a clerk takes cases
 * « hors ligne » from the inbox selection; another desk names who took them and until when; with
 * the link cut, a case she does not hold is worked only provisionally (buttons, warning, badge),
 * the cases she took are worked as usual; the link back, the provisional claim reaches the portal.
 */

const TOKEN = 'jeton-portail-e2e-bureau-emport';
const office = useOfficeHosts({ seed: 83, count: 40, token: TOKEN });

test.use({ viewport: { width: 1366, height: 768 } });

async function faults(settings: Record<string, number>): Promise<void> {
  const response = await fetch(`${office.simulator().url}/__sim/faults`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  expect(response.status).toBe(200);
}

async function openCase(page: Page, origin: string, id: string): Promise<void> {
  await page.goto(`${origin}/#/cases/${encodeURIComponent(id)}`);
  await expect(page.getByTestId('case-action-bar')).toBeVisible({ timeout: 15_000 });
}

test('taken offline from the selection bar, named on the other desk, provisional work offline', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const pageA = await openDeskPage(browser, office.desk1());
  const pageB = await openDeskPage(browser, office.desk2());
  const errorsA = collectConsoleErrors(pageA);
  const errorsB = collectConsoleErrors(pageB);
  await setUpOffice(pageA, pageB, [
    { username: 'edem.lawson', displayName: 'Edem Lawson', role: 'superviseur' },
    { username: 'afi.mensah', displayName: 'Afi Mensah', role: 'agent' },
  ]);

  // — Desk 2: Afi ticks the first two cases of « À traiter » and takes them offline for 7 days —
  await firstSignIn(pageB, 'afi.mensah');
  await expect(pageB.getByTestId('sync-status')).toContainText('À jour', { timeout: 60_000 });
  const navB = pageB.getByRole('navigation', { name: 'Corbeilles' });
  await navB.getByText('À traiter', { exact: true }).click();
  const grid = pageB.getByTestId('inbox-grid');
  const rows = (
    await pageRpc<InboxPage>(pageB, 'inbox.list', {
      queue: 'to_process',
      filters: { statuses: ['submitted'] },
      limit: 3,
    })
  ).rows;
  expect(rows.length).toBe(3);
  const [first, second, spare] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
  await pageB.goto(`${office.desk2().origin}/#/inbox/to_process?statuses=submitted`);
  for (const row of [first, second]) {
    await expect(grid).toContainText(row.reference, { timeout: 20_000 });
    await pageB.getByRole('checkbox', { name: `Sélectionner le dossier ${row.reference}` }).check();
  }
  await pageB.getByTestId('selection-bar').getByTestId('checkout-selection').click();
  const dialog = pageB.getByTestId('checkout-dialog');
  await expect(dialog).toContainText('Emporter 2 dossiers hors ligne');
  await dialog.getByTestId('checkout-days').fill('7');
  await pageB.screenshot({ path: screenshotPath('office-checkout-dialog.png') });
  await dialog.getByTestId('checkout-submit').click();
  await expect(pageB.getByText(/2 dossiers emportés jusqu’au \d{2}\/\d{2}\/\d{4}/)).toBeVisible({
    timeout: 20_000,
  });
  await expect(dialog).toBeHidden();

  // — Desk 1: Edem sees who took the case and until when —
  await firstSignIn(pageA, 'edem.lawson');
  await expect(async () => {
    const seen = await pageRpc<CaseDetail>(pageA, 'cases.get', { id: first.id });
    expect(seen.review.workflow.claim?.holder.displayName).toBe('Afi Mensah');
  }).toPass({ timeout: 30_000 });
  await openCase(pageA, office.desk1().origin, first.id);
  await expect(pageA.getByTestId('claim-state')).toContainText(
    /Emporté hors ligne par Afi Mensah jusqu’?'?au \d{2}\/\d{2}/,
  );
  await pageA.screenshot({ path: screenshotPath('office-checkout-other-desk.png') });
  // Taking it over warns the supervisor first; he changes his mind.
  await pageA.getByTestId('action-takeOver').click();
  const takeOver = pageA.getByTestId('provisional-dialog');
  await expect(takeOver).toContainText(
    /Afi Mensah a emporté ce dossier hors ligne jusqu’au \d{2}\/\d{2}\/\d{4} : ce qui sera décidé hors ligne/,
  );
  await pageA.screenshot({ path: screenshotPath('office-checkout-takeover-warning.png') });
  await takeOver.getByRole('button', { name: 'Annuler' }).click();
  await expect(takeOver).toBeHidden();
  await expect(pageA.getByTestId('claim-state')).toContainText('Emporté hors ligne par Afi Mensah');

  // — The link hangs (packets dropped): desk 2 goes offline at its next contact —
  await faults({ hangRate: 1 });
  await pageRpc(pageB, 'sync.now', {});
  await expect(pageB.getByTestId('sync-status')).toContainText('Hors ligne', { timeout: 60_000 });

  // A case Afi took: decisions as usual, no provisional mark.
  await openCase(pageB, office.desk2().origin, second.id);
  await expect(pageB.getByTestId('action-reject')).toHaveText('Rejeter');

  // A case she does not hold: the claim is provisional, said on the button and in a warning.
  await openCase(pageB, office.desk2().origin, spare.id);
  const claim = pageB.getByTestId('action-claim');
  await expect(claim).toContainText('(provisoire)');
  await claim.click();
  const warning = pageB.getByTestId('provisional-dialog');
  await expect(warning).toContainText('Action provisoire');
  await pageB.screenshot({ path: screenshotPath('office-provisional-dialog.png') });
  await warning.getByTestId('provisional-dialog-confirm').click();
  await expect(pageB.getByTestId('provisional-pending')).toHaveText(
    'Provisoire — en attente du portail',
    { timeout: 15_000 },
  );
  await pageB.screenshot({ path: screenshotPath('office-provisional-pending.png') });

  // — The link returns: the provisional claim reaches the portal, the badge goes —
  await faults({ hangRate: 0 });
  await pageRpc(pageB, 'sync.now', {});
  await expect(pageB.getByTestId('provisional-pending')).toBeHidden({ timeout: 60_000 });
  await expect(pageB.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');

  expect(errorsA.filter((text) => !/Failed to load resource/.test(text))).toEqual([]);
  expect(errorsB.filter((text) => !/Failed to load resource/.test(text))).toEqual([]);
});
