import { expect, test, type Locator, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DashboardData } from '../../src/shared/api/dashboardTypes';
import type { CaseDetail, InboxPage } from '../../src/shared/api/types';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { collectConsoleErrors, openAs, signInAs, signOut } from '../support/e2ePage';
import { repoRoot } from '../support/paths';

const host = useTrainingHost(240);

/** Cases of the office without sign-off, each of a different procedure, found through the API. */
async function casesToDecide(page: Page, count: number): Promise<CaseDetail[]> {
  const list = await pageRpc<InboxPage>(page, 'inbox.list', {
    queue: 'to_process',
    filters: { statuses: ['submitted'] },
    limit: 200,
  });
  const found: CaseDetail[] = [];
  for (const row of list.rows) {
    const detail = await pageRpc<CaseDetail>(page, 'cases.get', { id: row.id });
    const usable =
      !detail.procedure.signOffRequired &&
      !found.some((other) => other.row.procedureCode === detail.row.procedureCode);
    if (usable) found.push(detail);
    if (found.length === count) return found;
  }
  throw new Error(`the training data lacks ${count} cases without sign-off`);
}

async function approveThroughApi(page: Page, detail: CaseDetail): Promise<void> {
  const id = detail.row.id;
  await pageRpc(page, 'cases.claim', { id });
  for (const item of detail.procedure.checklist) {
    await pageRpc(page, 'cases.tickChecklist', { id, itemId: item.id, checked: true });
  }
  await pageRpc(page, 'cases.approve', { id });
}

/** The `d` of every SVG path drawn inside the element (curves, bars). */
function drawnPaths(chart: Locator, selector: string): Promise<string[]> {
  return chart
    .locator(selector)
    .evaluateAll((paths) => paths.map((path) => path.getAttribute('d') ?? ''));
}

async function expectKpi(page: Page, id: string, value: string) {
  await expect(page.getByTestId(`kpi-${id}-value`)).toHaveText(value);
}

test('a supervisor reads the office dashboard, filters it and exports a table', async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);

  // A clerk: no dashboard in his navigation, and the API refuses him.
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('nav-dashboard')).toHaveCount(0);
  await expect(
    pageRpc(page, 'dashboard.summary', { from: '2026-01-01', to: '2026-01-31' }),
  ).rejects.toThrow(/forbidden/);
  // That refusal logged a 403 in the console, as it should; nothing else may.
  errors.length = 0;
  // He decides two cases of different procedures today, and keeps a third one.
  const [first, second, kept] = await casesToDecide(page, 3);
  await approveThroughApi(page, first!);
  await approveThroughApi(page, second!);
  await pageRpc(page, 'cases.claim', { id: kept!.row.id });

  await signOut(page);
  await signInAs(page, 'ablavi.lawson');
  await page.getByTestId('nav-dashboard').click();
  await expect(page).toHaveURL(/#\/dashboard$/);
  const content = page.getByTestId('dashboard-content');
  await expect(content).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tableau de bord', level: 2 })).toBeVisible();

  // The last 30 days: the training intake and today's two decisions.
  const month = await pageRpc<DashboardData>(page, 'dashboard.summary', {
    from: await page.evaluate(() =>
      new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10),
    ),
    to: await page.evaluate(() => new Date().toISOString().slice(0, 10)),
  });
  expect(month.totals.decided).toBe(2);
  await expectKpi(page, 'decided', '2');
  await expectKpi(page, 'received', month.totals.received.toLocaleString('fr-FR'));
  // Some training cases were already past their deadline when approved.
  await expect(page.getByTestId('kpi-compliance-value')).toHaveText(
    `${month.sla.compliancePercent!.toLocaleString('fr-FR')}\u202f%`,
  );
  await expectKpi(page, 'overdue', month.totals.overdue.toLocaleString('fr-FR'));

  // The charts are drawn: a curve per series, bars per procedure and per age.
  const inflow = page.getByTestId('chart-inflow');
  await expect(
    inflow.getByRole('img', { name: /^Graphique : dossiers reçus et décisions par jour/ }),
  ).toBeVisible();
  await expect.poll(() => drawnPaths(inflow, 'path.recharts-line-curve')).toHaveLength(2);
  for (const d of await drawnPaths(inflow, 'path.recharts-line-curve')) expect(d).toMatch(/^M/);
  await expect
    .poll(
      async () =>
        (
          await drawnPaths(
            page.getByTestId('chart-backlog-procedure'),
            '.recharts-bar-rectangle path',
          )
        ).filter(Boolean).length,
    )
    .toBeGreaterThan(3);
  await expect
    .poll(
      async () =>
        (
          await drawnPaths(page.getByTestId('chart-backlog-age'), '.recharts-bar-rectangle path')
        ).filter(Boolean).length,
    )
    .toBeGreaterThan(0);

  // Per clerk: Kossi's two decisions and his open case.
  const kossi = page.locator('[data-testid="clerk-row"][data-user="u-agent-kossi"]');
  await expect(kossi.getByRole('rowheader')).toHaveText('Kossi Agbodjan');
  await expect(kossi.getByRole('cell').nth(0)).toHaveText('2');
  await expect(kossi.getByRole('cell').nth(1)).toContainText(/[1-9]/);

  await page.screenshot({ path: screenshotPath('dashboard.png') });
  mkdirSync(join(repoRoot, 'docs/screenshots'), { recursive: true });
  copyFileSync(screenshotPath('dashboard.png'), join(repoRoot, 'docs/screenshots/dashboard.png'));

  // The rest of the screen, below the fold, for the artifacts.
  await page
    .getByTestId('clerks-panel')
    .evaluate((panel) => panel.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: screenshotPath('dashboard-tables.png') });

  // A week, then one procedure: the figures follow.
  await page.getByTestId('period-presets').getByText('7 jours').click();
  const subtitle = page.getByTestId('dashboard-subtitle');
  await expect(subtitle).toContainText(/du \d\d\/\d\d\/\d{4} au \d\d\/\d\d\/\d{4}/);
  await expectKpi(page, 'decided', '2');
  await page.getByTestId('procedure-filter').click();
  await page.getByRole('option', { name: new RegExp(`^${first!.row.procedureCode} `) }).click();
  await page.keyboard.press('Escape');
  await expectKpi(page, 'decided', '1');
  await expect(kossi.getByRole('cell').nth(0)).toHaveText('1');

  // « Personnalisé »: a past month with nothing in it shows the empty state.
  await page.getByTestId('period-presets').getByText('Personnalisé').click();
  // More than a year: refused on the spot, with the reason, before any request.
  // The period is typed as clerks write days (the pickers are French, whatever the browser).
  await page.getByTestId('period-from').fill('01/01/2020');
  await expect(page.getByText('Une période d’un an au plus.')).toBeVisible();
  await page.getByTestId('period-to').fill('31/01/2020');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('dashboard-empty')).toBeVisible();
  await expectKpi(page, 'decided', '0');
  await expect(page.getByTestId('kpi-compliance-value')).toHaveText('—');

  // Back to the week of the one procedure, and its per-clerk table as CSV.
  await page.getByTestId('period-presets').getByText('7 jours').click();
  await expectKpi(page, 'decided', '1');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-clerks-csv').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    /^bureau-tableau-de-bord-agents-\d{4}-\d\d-\d\d_\d{4}-\d\d-\d\d\.csv$/,
  );
  const csv = readFileSync((await download.path())!);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toBe('Agent;Rôle;Décisions sur la période;Dossiers ouverts;Dont en retard');
  expect(lines.find((line) => line.startsWith('Kossi Agbodjan;'))).toMatch(
    /^Kossi Agbodjan;Agent instructeur;1;\d+;\d+$/,
  );
  expect(lines).toContain('Ablavi Lawson;Superviseur;0;0;0');

  // An overdue case opens from the list.
  await page.getByTestId('procedure-filter').click();
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Escape');
  await page.getByTestId('period-presets').getByText('30 jours').click();
  await expectKpi(page, 'decided', '2');
  const overdueRow = page.getByTestId('overdue-row').first();
  await expect(overdueRow).toBeVisible();
  const id = await overdueRow.getAttribute('data-id');
  await overdueRow.getByRole('cell').nth(2).click();
  await expect(page).toHaveURL(new RegExp(`#/cases/${encodeURIComponent(id!)}$`));

  // Signing out refuses the old session's last calls (401), which the browser logs; anything
  // else is a real error.
  const signOutRefusals = /^Failed to load resource: the server responded with a status of 401 /;
  expect(errors.filter((error) => !signOutRefusals.test(error))).toEqual([]);
});
