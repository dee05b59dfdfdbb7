import { expect, test, type Page } from '@playwright/test';
import { useTrainingHost } from '../support/e2eHost';
import { collectConsoleErrors, openAs, showQueue, watchForTestId } from '../support/e2ePage';

// Issue 18 §3: what a clerk comes back to is the list they left, not a list drawn again.
const host = useTrainingHost(240);

/** Marks the list's element: a list drawn again is a new element, without the mark. */
async function markGrid(page: Page) {
  await page
    .getByTestId('inbox-grid')
    .evaluate((grid) => ((grid as unknown as { kept?: boolean }).kept = true));
}

async function gridIsMarked(page: Page) {
  return page
    .getByTestId('inbox-grid')
    .evaluate((grid) => (grid as unknown as { kept?: boolean }).kept === true);
}

test('back from a case, the list is the one the clerk left: same rows, same place, same case selected', async ({
  page,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  const grid = await showQueue(page, 'Tous');

  // Down the list.
  await grid.evaluate((element) => (element.scrollTop = 1500));
  await expect.poll(() => grid.evaluate((element) => element.scrollTop)).toBe(1500);
  // A row in the middle of the screen: opening it scrolls nothing. The list draws the rows of
  // its new place a moment after the scroll (a loaded CI machine showed none at first).
  const middleRow = `(() => {
    const grid = document.querySelector('[data-testid="inbox-grid"]');
    const box = grid.getBoundingClientRect();
    const inView = [...grid.querySelectorAll('[role="rowgroup"] [role="row"]')].filter((row) => {
      const rect = row.getBoundingClientRect();
      return rect.top >= box.top + 60 && rect.bottom <= box.bottom - 10;
    });
    return inView.length > 2 ? inView[Math.floor(inView.length / 2)].id : '';
  })()`;
  let rowId = '';
  await expect.poll(async () => (rowId = await page.evaluate<string>(middleRow))).not.toBe('');
  const row = page.locator(`[id="${rowId}"]`);
  const scrolled = await grid.evaluate((element) => element.scrollTop);
  await markGrid(page);

  await row.click();
  await expect(page.getByTestId('case-reference')).toBeVisible();
  await expect(grid).toBeHidden();
  await page.keyboard.press('Escape');

  await expect(grid).toBeVisible();
  expect(await gridIsMarked(page)).toBe(true);
  await expect.poll(() => grid.evaluate((element) => element.scrollTop)).toBe(scrolled);
  await expect(grid).toHaveAttribute('aria-activedescendant', rowId);
  // The keyboard is the list's again: j moves on from the case just seen.
  await page.keyboard.press('j');
  await expect(grid).not.toHaveAttribute('aria-activedescendant', rowId);
  expect(consoleErrors).toEqual([]);
});

test('a queue already loaded is drawn into the same list without an empty frame, and every queue starts at the top', async ({
  page,
}) => {
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  const nav = page.getByRole('navigation', { name: 'Corbeilles' });
  const total = page.getByTestId('inbox-total');
  // Both queues loaded once.
  await nav.getByText('À traiter', { exact: true }).click();
  await expect(page).toHaveURL(/#\/inbox\/to_process/);
  await expect(total).toBeVisible();
  const todoTotal = await total.textContent();
  await nav.getByText('Tous', { exact: true }).click();
  await expect(total).not.toHaveText(todoTotal ?? '');
  const allTotal = await total.textContent();

  await markGrid(page);
  // Every change of the page watched: the loading state must never be in it.
  const loadingShown = await watchForTestId(page, 'inbox-loading');
  await nav.getByText('À traiter', { exact: true }).click();
  await expect(total).toHaveText(todoTotal ?? '');
  await nav.getByText('Tous', { exact: true }).click();
  await expect(total).toHaveText(allTotal ?? '');

  expect(await gridIsMarked(page)).toBe(true);
  expect(await loadingShown()).toBe(false);

  // Another queue is another list: it starts at the top, loaded already or not.
  const grid = page.getByTestId('inbox-grid');
  const scrollTop = () => grid.evaluate((element) => element.scrollTop);
  for (const [queue, url] of [
    ['À traiter', /#\/inbox\/to_process/],
    ['Échéance proche', /#\/inbox\/due_soon/],
  ] as const) {
    await nav.getByText('Tous', { exact: true }).click();
    await expect(total).toHaveText(allTotal ?? '');
    await grid.evaluate((element) => (element.scrollTop = 900));
    await expect.poll(scrollTop).toBe(900);
    await nav.getByText(queue, { exact: true }).click();
    await expect(page).toHaveURL(url);
    await expect(total).not.toHaveText(allTotal ?? '');
    await expect(grid.locator('[role="rowgroup"] [role="row"]').first()).toBeVisible();
    await expect.poll(scrollTop).toBe(0);
  }
});

test('a case the clerk rests on in the list opens in its first frame, without a wait', async ({
  page,
}) => {
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  const grid = await showQueue(page, 'Tous');
  await grid.focus();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  const rowId = (await grid.getAttribute('aria-activedescendant')) ?? '';
  // The clerk reads the row a moment, as before any decision to open it.
  await page.waitForTimeout(800);
  let loaderShown = await watchForTestId(page, 'case-loading');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-reference')).toBeVisible();
  expect(await loaderShown()).toBe(false);
  const reference = await page.getByTestId('case-reference').textContent();

  // While the clerk reads it, the next case is asked for: j shows it at once too.
  await page.waitForTimeout(800);
  loaderShown = await watchForTestId(page, 'case-loading');
  await page.keyboard.press('j');
  await expect(page.getByTestId('case-reference')).not.toHaveText(reference ?? '');
  expect(await loaderShown()).toBe(false);
  // Back on the list, the case last seen is the current row: the one after the row rested on.
  await page.keyboard.press('Escape');
  await expect(grid).not.toHaveAttribute('aria-activedescendant', rowId);
  const rows = await grid
    .locator('[role="rowgroup"] [role="row"]')
    .evaluateAll((elements) => elements.map((element) => element.id));
  await expect(grid).toHaveAttribute('aria-activedescendant', rows[rows.indexOf(rowId) + 1]!);
});
