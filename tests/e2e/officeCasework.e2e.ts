import { expect, test, type Page } from '@playwright/test';
import type { CaseDetail, InboxPage } from '../../src/shared/api/types';
import { pageRpc, screenshotPath, openDeskPage, useOfficeHosts } from '../support/e2eHost';
import { collectConsoleErrors } from '../support/e2ePage';
import { firstSignIn, setUpOffice } from '../support/e2eOffice';

/**
 * Casework across the desks of one office (design multi-desk §9 step 13, three pages): a
 * supervisor assigns a case on desk 1; the clerk, signed in on desk 2, sees it in « Mes dossiers »
 * and in the bell within seconds (the doorbell, no reload, no « Synchroniser ») and proposes the
 * approval; a second supervisor, on desk 1, signs it off; the first supervisor sees it approved.
 */

const TOKEN = 'jeton-portail-e2e-bureau-travail';
const SIGN_OFF_PROCEDURES = ['COM-AMM', 'COM-APIPS'];

const office = useOfficeHosts({ seed: 71, count: 40, token: TOKEN });

test.use({ viewport: { width: 1366, height: 768 } });

const open = openDeskPage;

const statusOf = async (page: Page, id: string) =>
  (await pageRpc<CaseDetail>(page, 'cases.get', { id })).row.status;

test('assigned on desk 1, proposed on desk 2, signed off on desk 1, within seconds', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const pageA = await open(browser, office.desk1());
  const pageB = await open(browser, office.desk2());
  const errorsA = collectConsoleErrors(pageA);
  const errorsB = collectConsoleErrors(pageB);

  // — The office: desk 1 first, desk 2 joins with a code; three accounts made on desk 1 —
  const accounts = await setUpOffice(pageA, pageB, [
    { username: 'edem.lawson', displayName: 'Edem Lawson', role: 'superviseur' },
    { username: 'afi.mensah', displayName: 'Afi Mensah', role: 'agent' },
    { username: 'ama.kpodar', displayName: 'Ama Kpodar', role: 'superviseur' },
  ]);
  const afi = accounts['afi.mensah']!;

  // — Page B: Afi, on desk 2, waits on « Mes dossiers » —
  await firstSignIn(pageB, 'afi.mensah');
  const navB = pageB.getByRole('navigation', { name: 'Corbeilles' });
  await navB.getByText('Mes dossiers', { exact: true }).click();
  await expect(pageB).toHaveURL(/#\/inbox\/mine/);
  await expect(pageB.getByTestId('inbox-total')).toContainText(/Aucun dossier|0 dossier/, {
    timeout: 30_000,
  });
  const bell = pageB.getByTestId('notification-bell');
  await expect(bell).toHaveAttribute('aria-label', 'Notifications');

  // — Page A: Edem, supervisor on desk 1, assigns a sign-off case to Afi —
  await firstSignIn(pageA, 'edem.lawson');
  await expect(pageA.getByTestId('sync-status')).toContainText('À jour', { timeout: 60_000 });
  const navA = pageA.getByRole('navigation', { name: 'Corbeilles' });
  await navA.getByText('À traiter', { exact: true }).click();
  await expect(pageA).toHaveURL(/#\/inbox\/to_process/);
  // The queue as the screen lists it: the first sign-off case among the rows shown.
  const shown = (await pageRpc<InboxPage>(pageA, 'inbox.list', { queue: 'to_process', limit: 8 }))
    .rows;
  const candidates = (
    await pageRpc<InboxPage>(pageA, 'inbox.list', {
      queue: 'to_process',
      filters: { procedureCodes: SIGN_OFF_PROCEDURES, statuses: ['submitted'] },
    })
  ).rows;
  expect(candidates.length).toBeGreaterThan(0);
  const target =
    shown.find((row) => candidates.some((candidate) => candidate.id === row.id)) ?? null;
  const row = target ?? candidates[0]!;
  const id = row.id;
  if (target) {
    // Through the screen: tick the row, « Affecter », choose Afi.
    await pageA.getByRole('checkbox', { name: `Sélectionner le dossier ${row.reference}` }).check();
    await pageA.getByTestId('selection-bar').getByTestId('assign-selection').click();
    const assignDialog = pageA.getByTestId('assign-dialog');
    await assignDialog.getByTestId(`assign-to-${afi.id}`).click();
    await assignDialog.getByTestId('assign-submit').click();
    await expect(assignDialog).toBeHidden();
  } else {
    await pageRpc(pageA, 'assignment.assign', { caseIds: [id], assigneeId: afi.id });
  }
  expect((await pageRpc<CaseDetail>(pageA, 'cases.get', { id })).row.assignee?.id).toBe(afi.id);

  // — Page B: the bell rings and the case is in « Mes dossiers », without reload or sync —
  await expect(pageB.getByTestId('notification-count')).toContainText('1', { timeout: 20_000 });
  await expect(bell).toHaveAttribute('aria-label', /non lue/);
  const grid = pageB.getByTestId('inbox-grid');
  await expect(grid).toContainText(row.reference, { timeout: 20_000 });
  await expect(pageB.getByTestId('inbox-total')).toContainText('1 dossier');
  await expect(navB.getByRole('link', { name: /Mes dossiers/ })).toContainText('1');
  await pageB.screenshot({ path: screenshotPath('office-casework-bell.png') });

  // Afi opens it, claims it, ticks the checklist and proposes the approval.
  await grid.getByText(row.reference).click();
  await expect(pageB).toHaveURL(/#\/cases\//);
  await expect(pageB.getByTestId('case-action-bar')).toBeVisible({ timeout: 15_000 });
  await pageB.getByTestId('action-claim').click();
  await expect(pageB.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge', {
    timeout: 20_000,
  });
  // Stay on this case once decided (instead of moving on to the next one).
  await pageB.getByRole('switch', { name: /dossier suivant/ }).uncheck();
  const detail = await pageRpc<CaseDetail>(pageB, 'cases.get', { id });
  expect(detail.procedure.signOffRequired).toBe(true);
  for (const item of detail.procedure.checklist) {
    const box = pageB.getByTestId(`checklist-${item.id}`);
    await box.click();
    await expect(box).toBeChecked();
    await expect(box).toBeEnabled();
  }
  await pageB.getByTestId('action-approve').click();
  await expect(pageB.getByRole('dialog')).toContainText('exige la validation d’un superviseur');
  await pageB.getByTestId('approve-dialog-confirm').click();
  await expect(
    pageB.getByTestId('case-view').getByText('En attente de validation').first(),
  ).toBeVisible({ timeout: 20_000 });

  // — Page C: Ama, second supervisor on desk 1, signs it off —
  const pageC = await open(browser, office.desk1());
  const errorsC = collectConsoleErrors(pageC);
  await firstSignIn(pageC, 'ama.kpodar');
  await expect(async () => {
    expect(await statusOf(pageC, id)).toBe('pending_signoff');
  }).toPass({ timeout: 30_000 });
  // The proposer came with the activity feed: desk 1 knows who proposed (four eyes).
  const proposed = await pageRpc<CaseDetail>(pageC, 'cases.get', { id });
  expect(proposed.review.workflow.signOffRequestedBy?.displayName).toBe('Afi Mensah');
  await pageC.goto(`${office.desk1().origin}/#/cases/${encodeURIComponent(id)}`);
  await expect(pageC.getByTestId('case-action-bar')).toBeVisible({ timeout: 15_000 });
  await pageC.getByRole('switch', { name: /dossier suivant/ }).uncheck();
  await pageC.getByTestId('action-signOff').click();
  const signOffDialog = pageC.getByTestId('signoff-dialog');
  await expect(signOffDialog).toContainText(`Validation de ${row.reference}`);
  // Who proposed, as desk 2 showed it (the proposal came with the activity feed).
  await expect(signOffDialog).toContainText('Proposée par Afi Mensah');
  await pageC.getByTestId('signoff-approve').click();
  await expect(pageC.getByText(`Décision validée : ${row.reference} approuvée`)).toBeVisible({
    timeout: 20_000,
  });
  await expect(pageC.getByTestId('history')).toContainText('Décision validée par le superviseur');
  expect(['approved', 'issued']).toContain(await statusOf(pageC, id));
  await pageC.screenshot({ path: screenshotPath('office-casework-signed-off.png') });

  // — Page A: Edem sees it approved; desk 2 too —
  await expect(async () => {
    expect(['approved', 'issued']).toContain(await statusOf(pageA, id));
  }).toPass({ timeout: 30_000 });
  await expect(async () => {
    expect(['approved', 'issued']).toContain(await statusOf(pageB, id));
  }).toPass({ timeout: 30_000 });

  expect({ A: errorsA, B: errorsB, C: errorsC }).toEqual({ A: [], B: [], C: [] });
});
