import { expect, test, type Page } from '@playwright/test';
import type { StaffLoad } from '../../src/shared/api/assignmentTypes';
import type { InboxPage } from '../../src/shared/api/types';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { collectConsoleErrors, openAs, signInAs, signOut } from '../support/e2ePage';

/**
 * Issue 7 acceptance: a supervisor auto-balances the office's unassigned cases (at least 50)
 * across three clerks with a preview, reassigns one clerk's cases in bulk; a clerk then signs in
 * and finds the cases in « Mes dossiers » and the notification in the bell.
 */

// About six in ten training cases are routed to Lomé: 110 gives the office well over 50.
const host = useTrainingHost(110);

const KOSSI = 'u-agent-kossi';
const AKOSSIWA = 'u-agent-akossiwa';
const MAWULI = 'u-agent-mawuli';
const CLERKS = [KOSSI, AKOSSIWA, MAWULI];

const staffOf = (page: Page) => pageRpc<StaffLoad[]>(page, 'assignment.staff', {});
const casesOf = async (page: Page, userId: string) =>
  (
    await pageRpc<InboxPage>(page, 'inbox.list', {
      queue: 'all',
      filters: { assigneeIds: [userId], statuses: ['submitted', 'in_review'] },
      limit: 500,
    })
  ).rows;

test('supervisor balances with a preview, reassigns a clerk’s cases; the clerk sees them', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'ablavi.lawson');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 60_000 });

  const nav = page.getByRole('navigation', { name: 'Corbeilles' });
  await nav.getByText('À traiter', { exact: true }).click();
  await expect(page).toHaveURL(/#\/inbox\/to_process/);
  // — By hand: two cases of the selection, refused to a clerk who does not handle them —
  const firstTwo = (await pageRpc<InboxPage>(page, 'inbox.list', { queue: 'to_process', limit: 2 }))
    .rows;
  for (const row of firstTwo) {
    await page.getByRole('checkbox', { name: `Sélectionner le dossier ${row.reference}` }).check();
  }
  await page.getByTestId('selection-bar').getByTestId('assign-selection').click();
  const assignDialog = page.getByTestId('assign-dialog');
  await expect(assignDialog.getByRole('heading', { name: 'Affecter 2 dossiers' })).toBeVisible();
  await expect(assignDialog.getByTestId(`assign-to-${MAWULI}`)).toContainText('ART-CP');
  if (firstTwo.some((row) => !row.procedureCode.startsWith('ART-'))) {
    await expect(assignDialog.getByTestId(`assign-to-${MAWULI}`)).toContainText(
      'ces dossiers ne lui seront pas affectés',
    );
  }
  await page.screenshot({ path: screenshotPath('assignment-assign-dialog.png') });
  await assignDialog.getByTestId(`assign-to-${MAWULI}`).click();
  await assignDialog.getByTestId('assign-submit').click();
  await expect(assignDialog).toBeHidden();
  const refusedToMawuli = firstTwo.filter((row) => !row.procedureCode.startsWith('ART-'));
  for (const row of refusedToMawuli) {
    await expect(
      page.getByText(
        new RegExp(
          `${row.reference}\\s*: Mawuli Kpodar ne traite pas la procédure ${row.procedureCode}`,
        ),
      ),
    ).toBeVisible();
  }
  expect((await casesOf(page, MAWULI)).length).toBe(firstTwo.length - refusedToMawuli.length);

  const unassigned = (
    await pageRpc<InboxPage>(page, 'inbox.list', { queue: 'to_process', limit: 500 })
  ).rows;
  expect(unassigned.length).toBeGreaterThanOrEqual(50);
  const crafts = unassigned.filter((row) => row.procedureCode.startsWith('ART-')).length;
  expect(crafts).toBeGreaterThan(0);
  const mawuliBefore = (await casesOf(page, MAWULI)).length;

  // — Automatic balancing, with a preview —
  await page.getByTestId('balance-open').click();
  const dialog = page.getByTestId('balance-dialog');
  await expect(dialog.getByRole('heading', { name: 'Répartition automatique' })).toBeVisible();
  // The three agents are chosen; the supervisor herself is not.
  for (const id of CLERKS) {
    await expect(dialog.getByTestId(`balance-clerk-${id}`)).toHaveAttribute('aria-checked', 'true');
  }
  await expect(dialog.getByTestId('balance-clerk-u-sup-ablavi')).toHaveAttribute(
    'aria-checked',
    'false',
  );
  await expect(dialog.getByTestId(`balance-clerk-${MAWULI}`)).toContainText('ART-CP');
  await dialog.getByTestId('balance-preview').click();

  const preview = dialog.getByTestId('balance-preview-view');
  await expect(preview.getByTestId('balance-summary')).toHaveText(
    `${unassigned.length} dossiers répartis entre 3 agents.`,
  );
  await expect(preview.getByTestId('balance-plan-row')).toHaveCount(unassigned.length);
  await expect(preview.getByTestId('balance-unassignable')).toHaveCount(0);
  for (const id of CLERKS) {
    const before = id === MAWULI ? mawuliBefore : 0;
    await expect(preview.getByTestId(`balance-load-${id}`)).toContainText(`${before} → `);
  }
  // Nothing is written by the preview.
  expect(
    (await pageRpc<InboxPage>(page, 'inbox.list', { queue: 'to_process', limit: 500 })).rows,
  ).toHaveLength(unassigned.length);
  await page.screenshot({ path: screenshotPath('assignment-balance-preview.png') });

  await preview.getByTestId('balance-apply').click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByText(`${unassigned.length} dossiers affectés`)).toBeVisible();
  await expect(page.getByTestId('inbox-total')).toContainText(/Aucun dossier|0 dossier/);

  // Spread across the three clerks, evenly, Mawuli with crafts procedures only.
  const received = new Map<string, number>();
  for (const id of CLERKS) {
    const rows = await casesOf(page, id);
    received.set(id, rows.length - (id === MAWULI ? mawuliBefore : 0));
    if (id === MAWULI) {
      for (const row of rows) expect(row.procedureCode).toMatch(/^ART-/);
    }
  }
  expect([...received.values()].reduce((sum, n) => sum + n, 0)).toBe(unassigned.length);
  for (const n of received.values()) expect(n).toBeGreaterThan(0);
  expect(received.get(MAWULI)).toBeLessThanOrEqual(crafts);
  const evenShare = unassigned.length / 3;
  expect(Math.abs(received.get(KOSSI)! - received.get(AKOSSIWA)!)).toBeLessThanOrEqual(1);
  expect(received.get(KOSSI)!).toBeGreaterThanOrEqual(Math.floor(evenShare) - 1);

  // — Kossi goes on leave: his cases are reassigned in bulk —
  const kossiCases = await casesOf(page, KOSSI);
  await page.getByTestId('reassign-open').click();
  await expect(
    dialog.getByRole('heading', { name: 'Réaffecter les dossiers d’un agent' }),
  ).toBeVisible();
  await dialog.getByTestId('balance-source-clerk').click();
  await page.getByRole('option', { name: /^Kossi Agbodjan/ }).click();
  await expect(dialog.getByTestId(`balance-clerk-${KOSSI}`)).toContainText('dossiers à réaffecter');
  await dialog.getByTestId('balance-preview').click();
  await expect(preview.getByTestId('balance-summary')).toHaveText(
    `${kossiCases.length} dossiers répartis entre 2 agents.`,
  );
  await expect(preview.getByTestId(`balance-load-${KOSSI}`)).toHaveCount(0);
  await preview.getByTestId('balance-apply').click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  expect(await casesOf(page, KOSSI)).toHaveLength(0);
  const staff = await staffOf(page);
  expect(staff.find((member) => member.userId === KOSSI)?.openCases).toBe(0);
  for (const row of await casesOf(page, MAWULI)) expect(row.procedureCode).toMatch(/^ART-/);
  const akossiwaCases = await casesOf(page, AKOSSIWA);
  const mawuliCases = await casesOf(page, MAWULI);
  expect(akossiwaCases.length + mawuliCases.length).toBe(unassigned.length + mawuliBefore);
  const akossiwaIds = new Set(akossiwaCases.map((row) => row.id));
  for (const row of kossiCases) {
    if (!row.procedureCode.startsWith('ART-')) expect(akossiwaIds.has(row.id)).toBe(true);
  }

  // — Akossiwa signs in: her cases in « Mes dossiers », the bell rings —
  await signOut(page);
  await signInAs(page, 'akossiwa.mensah');
  await nav.getByText('Mes dossiers', { exact: true }).click();
  await expect(page).toHaveURL(/#\/inbox\/mine/);
  await expect(page.getByTestId('inbox-total')).toContainText(`${akossiwaCases.length} dossiers`);
  const grid = page.getByTestId('inbox-grid');
  await expect(grid).toContainText(akossiwaCases[0]!.reference);

  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAttribute('aria-label', /non lues?/);
  await expect(page.getByTestId('notification-count')).toBeVisible();
  await bell.click();
  const list = page.getByTestId('notification-list');
  const items = list.getByTestId('notification-item');
  // Her cases came in two operations (the balancing, then Kossi's cases): two entries, not one
  // per case.
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText(
    /^\d+ dossiers? vous (ont|a) été affectés? par Ablavi Lawson/,
  );
  await page.screenshot({ path: screenshotPath('assignment-bell.png') });

  // The entry opens « Mes dossiers » and is then read, all its cases with it.
  await items.first().click();
  await expect(page).toHaveURL(/#\/inbox\/mine/);
  await bell.click();
  await expect(items.first()).toHaveAttribute('data-read', 'true');
  await list.getByRole('button', { name: 'Tout marquer comme lu' }).click();
  await expect(bell).toHaveAttribute('aria-label', 'Notifications');

  expect(consoleErrors).toEqual([]);
});
