import { expect, test } from '@playwright/test';
import type { CaseDetail, InboxPage } from '../../src/shared/api/types';
import { pageRpc, screenshotPath, openDeskPage, useOfficeHosts } from '../support/e2eHost';
import { firstSignIn, setUpOffice } from '../support/e2eOffice';
import { collectConsoleErrors } from '../support/e2ePage';

/**
 * Who holds a case, seen on two desks of one office (issue 16, design multi-desk §3.7, §8): the
 * clerk claims a case on desk 2; the inbox of desk 1 names her « Pris en charge par Afi Mensah
 * jusqu'à … »; the supervisor takes the case over from its screen on desk 1; the clerk's bell on
 * desk 2 says « Dossier … repris par Edem Lawson à … » and her inbox row names him.
 */

const TOKEN = 'jeton-portail-e2e-bureau-detenteurs';
const office = useOfficeHosts({ seed: 73, count: 40, token: TOKEN });

test.use({ viewport: { width: 1366, height: 768 } });

test('a claim named on every desk; a take-over rings the former holder’s bell', async ({
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

  // — Desk 2: Afi claims a case —
  await firstSignIn(pageB, 'afi.mensah');
  await expect(pageB.getByTestId('sync-status')).toContainText('À jour', { timeout: 60_000 });
  const row = (await pageRpc<InboxPage>(pageB, 'inbox.list', { queue: 'to_process', limit: 5 }))
    .rows[0]!;
  const claimed = await pageRpc<CaseDetail>(pageB, 'cases.claim', { id: row.id });
  expect(claimed.review.workflow.claim?.holder.displayName).toBe('Afi Mensah');

  // — Desk 1: Edem's inbox names Afi on the row, within seconds —
  await firstSignIn(pageA, 'edem.lawson');
  const search = encodeURIComponent(row.reference);
  await pageA.goto(`${office.desk1().origin}/#/inbox/all?q=${search}`);
  const gridA = pageA.getByTestId('inbox-grid');
  await expect(gridA.getByTestId('row-holder')).toHaveText(
    /^Pris en charge par Afi Mensah jusqu'(?:à|au \d{2}\/\d{2} à) \d{2}:\d{2}$/,
    { timeout: 30_000 },
  );
  await pageA.screenshot({ path: screenshotPath('office-holders-inbox-row.png') });

  // Edem takes it over from the case screen.
  await gridA.getByText(row.reference).click();
  await expect(pageA.getByTestId('claim-state')).toHaveText(
    /^Pris en charge par Afi Mensah jusqu'(?:à|au \d{2}\/\d{2} à) \d{2}:\d{2}$/,
    { timeout: 15_000 },
  );
  // By its key, as a supervisor working from the keyboard would (the button says the same).
  await expect(pageA.getByTestId('action-takeOver')).toBeEnabled();
  await pageA.keyboard.press('Shift+C');
  await expect(pageA.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge', {
    timeout: 20_000,
  });

  // — Desk 2: Afi's bell says who took it over; her inbox row names him —
  await pageB.goto(`${office.desk2().origin}/#/inbox/all?q=${search}`);
  await expect(pageB.getByTestId('notification-count')).toContainText('1', { timeout: 30_000 });
  await expect(pageB.getByTestId('inbox-grid').getByTestId('row-holder')).toHaveText(
    /^Pris en charge par Edem Lawson jusqu'(?:à|au \d{2}\/\d{2} à) \d{2}:\d{2}$/,
    { timeout: 30_000 },
  );
  await pageB.getByTestId('notification-bell').click();
  await expect(pageB.getByTestId('notification-item')).toHaveText(
    new RegExp(`^Dossier ${row.reference} repris par Edem Lawson à \\d{2}:\\d{2}`),
  );
  // The list's opening transition ended: the screenshot shows it as the clerk reads it.
  await expect(pageB.getByTestId('notification-list')).toHaveCSS('opacity', '1');
  await pageB.screenshot({ path: screenshotPath('office-holders-bell.png') });

  expect({ A: errorsA, B: errorsB }).toEqual({ A: [], B: [] });
});
