import { expect, test, type Locator, type Page } from '@playwright/test';
import type { CaseDetail, InboxPage } from '../../src/shared/api/types';
import { expectAccessible } from '../support/e2eAxe';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { openAs, TRAINING_PASSWORD } from '../support/e2ePage';

/**
 * A clerk works without the mouse (issue 8): Tab reaches the list, j/k move, x ticks, ? helps,
 * Enter opens, Tab reaches « Prendre en charge », Enter claims, Escape goes back — and wherever
 * the focus is, it shows.
 */
const host = useTrainingHost(120);

interface FocusStyle {
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
  borderColor: string;
  field: boolean;
}

// The tests' tsconfig has no DOM library: the little of it read in the page, typed here.
interface PageWindow {
  getComputedStyle(element: unknown): Omit<FocusStyle, 'field'>;
}

function styleOf(target: Locator): Promise<FocusStyle> {
  return target.evaluate((node) => {
    const element = node as unknown as { tagName: string };
    const style = (globalThis as unknown as PageWindow).getComputedStyle(node);
    return {
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      boxShadow: style.boxShadow,
      borderColor: style.borderColor,
      field: ['INPUT', 'TEXTAREA'].includes(element.tagName),
    };
  });
}

/** A ring (outline or box-shadow); a text field may show it as its border turning Togo green. */
function showsFocus(style: FocusStyle): boolean {
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow !== 'none';
  const fieldBorder = style.field && style.borderColor === 'rgb(0, 106, 78)';
  return outline || ring || fieldBorder;
}

/** Presses Tab until `target` has the focus, checking that every stop on the way shows it. */
async function tabTo(page: Page, target: Locator, most: number): Promise<number> {
  for (let presses = 1; presses <= most; presses++) {
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    if ((await focused.count()) === 0) continue; // the document itself, between two rounds
    const what = await focused.evaluate((node) =>
      (node as unknown as { outerHTML: string }).outerHTML.slice(0, 160),
    );
    // A field's border eases into its focus colour: wait until the focus shows, for no set time
    // (a failure prints the last style read).
    await expect
      .poll(
        async () => {
          const style = await styleOf(focused);
          return showsFocus(style) ? 'visible' : JSON.stringify(style);
        },
        { message: `no visible focus on ${what}` },
      )
      .toBe('visible');
    if ((await target.and(focused).count()) === 1) return presses;
  }
  throw new Error(`Tab never reached ${target.toString()} in ${most} presses`);
}

test('a clerk opens and claims a case from the list with the keyboard alone', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(host.launchUrl);
  const form = page.getByRole('form', { name: 'Connexion' });
  await form.getByLabel('Identifiant').fill('kossi.agbodjan');
  await form.locator('input[type="password"]').fill(TRAINING_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('navigation', { name: 'Corbeilles' })).toBeVisible();
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });

  // The cases Kossi may claim (« Reçue », his office, nobody on them), found through the API.
  const list = await pageRpc<InboxPage>(page, 'inbox.list', {
    queue: 'to_process',
    filters: { statuses: ['submitted'] },
    sort: { key: 'deadline', direction: 'asc' },
    limit: 40,
  });
  const claimable = new Set<string>();
  for (const row of list.rows) {
    const detail = await pageRpc<CaseDetail>(page, 'cases.get', { id: row.id });
    if (detail.review.workflow.allowedActions.includes('claim')) claimable.add(row.id);
  }
  expect(claimable.size).toBeGreaterThan(0);

  await page.goto(`${host.origin}/#/inbox/to_process`);
  const grid = page.getByTestId('inbox-grid');
  await expect(grid.locator('[role="rowgroup"] [role="row"]').first()).toBeVisible();

  // — Tab, from the top of the page, through the header, the queues and the filters, to the list.
  await page.locator(':focus').evaluate((node) => (node as unknown as { blur(): void }).blur());
  await tabTo(page, grid, 40);
  await expect(grid).toBeFocused();
  await expect(grid).toHaveCSS('outline-style', 'solid');

  // — j and k move the current row, which wears the focus ring.
  const current = async () => (await grid.getAttribute('aria-activedescendant')) ?? '';
  await page.keyboard.press('j');
  const first = await current();
  expect(first).toMatch(/^inbox-row-/);
  await page.keyboard.press('j');
  const second = await current();
  expect(second).not.toBe(first);
  await page.keyboard.press('k');
  expect(await current()).toBe(first);
  await expect(page.locator(`[id="${first}"]`)).toHaveCSS('box-shadow', /inset/);

  // — x ticks the current row and unticks it; ? shows the help, Escape closes it, focus returns.
  await page.keyboard.press('x');
  await expect(page.locator(`[id="${first}"]`)).toHaveAttribute('data-checked', 'true');
  await page.keyboard.press('x');
  await expect(page.locator(`[id="${first}"]`)).not.toHaveAttribute('data-checked');
  await page.keyboard.press('Shift+?');
  await expect(page.getByRole('dialog', { name: 'Raccourcis clavier' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(grid).toBeFocused();

  // — j down to a case Kossi may claim, Enter opens it.
  let active = await current();
  for (let moves = 0; !claimable.has(active.replace(/^inbox-row-/, '')); moves++) {
    expect(moves, 'no claimable case among the first rows').toBeLessThan(60);
    await page.keyboard.press('j');
    active = await current();
  }
  const caseId = active.replace(/^inbox-row-/, '');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/cases/${caseId}`));
  await expect(page.getByTestId('claim-state')).toContainText('Personne n’a pris ce dossier');

  // — Tab to « Prendre en charge », Enter claims.
  const claim = page.getByTestId('action-claim');
  await tabTo(page, claim, 15);
  await expect(claim).toBeFocused();
  await expect(claim).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');

  // — Escape goes back to the list (the claimed case has left « À traiter »), ready for j/k.
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/inbox\/to_process/);
  await expect(grid).toBeFocused();
  await expect(grid).toHaveAttribute('aria-activedescendant', /^inbox-row-/);
});

/** The ids of the list's first rows, in the order shown. */
async function shownRowIds(grid: Locator, count: number): Promise<string[]> {
  const rows = grid.locator('[role="rowgroup"] [role="row"]');
  await expect(rows.nth(count - 1)).toBeVisible();
  const ids: string[] = [];
  for (let index = 0; index < count; index++)
    ids.push(((await rows.nth(index).getAttribute('id')) ?? '').replace(/^inbox-row-/, ''));
  return ids;
}

test('every key works wherever it is shown: after a click, inside a case, in the viewer, in « ? »', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });

  // — Ctrl+B folds the sidebar to its icons and unfolds it.
  const navToggle = page.getByTestId('nav-toggle');
  await expect(navToggle).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Control+b');
  await expect(navToggle).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Control+b');
  await expect(navToggle).toHaveAttribute('aria-expanded', 'true');

  // — A click on a queue in the sidebar: the list takes the keyboard, so j, x and Enter act on it
  // (the link kept it before: j did nothing and Enter opened the queue again).
  await page.locator('a[href="#/inbox/all"]').first().click();
  await expect(page).toHaveURL(/#\/inbox\/all/);
  const grid = page.getByTestId('inbox-grid');
  const [first, second, third] = await shownRowIds(grid, 3);
  await expect(grid).toBeFocused();
  await expect(grid).toHaveAttribute('aria-activedescendant', `inbox-row-${first}`);
  await page.keyboard.press('j');
  await expect(grid).toHaveAttribute('aria-activedescendant', `inbox-row-${second}`);
  await page.keyboard.press('x');
  await expect(page.locator(`[id="inbox-row-${second}"]`)).toHaveAttribute('data-checked', 'true');
  await page.keyboard.press('x');
  await expect(page.locator(`[id="inbox-row-${second}"]`)).not.toHaveAttribute('data-checked');

  // A click on the queue already shown hands the keyboard back to its list too.
  await page.locator('a[href="#/inbox/all"]').first().click();
  await expect(grid).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/cases/${second}$`));
  await expect(page.getByTestId('case-action-bar')).toBeVisible();

  // — Inside the case: j and k open the next and previous case of the list, without going back.
  await page.keyboard.press('j');
  await expect(page).toHaveURL(new RegExp(`#/cases/${third}$`));
  await expect(page.getByTestId('case-action-bar')).toBeVisible();
  await page.keyboard.press('k');
  await expect(page).toHaveURL(new RegExp(`#/cases/${second}$`));
  await page.keyboard.press('k');
  await expect(page).toHaveURL(new RegExp(`#/cases/${first}$`));
  // At the top of the list the case stays, and a quiet word says why.
  await page.keyboard.press('k');
  await expect(page.getByText('C’est le premier dossier de la liste.')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/cases/${first}$`));
  // Back to the list: the case left last is the current row.
  await page.keyboard.press('Escape');
  await expect(grid).toHaveAttribute('aria-activedescendant', `inbox-row-${first}`);

  // — The viewer's keys work on the whole case page, with the focus anywhere but in a field.
  const list = await pageRpc<InboxPage>(page, 'inbox.list', { queue: 'all', limit: 60 });
  let viewed: CaseDetail | null = null;
  for (const row of list.rows) {
    const detail = await pageRpc<CaseDetail>(page, 'cases.get', { id: row.id });
    const { documents } = detail.record;
    const ready = detail.sync.documents.every((status) => status.state === 'ready');
    if (documents.length >= 2 && ready) {
      viewed = detail;
      break;
    }
  }
  expect(viewed, 'a training case with two downloaded attachments').not.toBeNull();
  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(viewed!.row.id)}`);
  const panel = page.getByTestId('documents-panel');
  const zoomLevel = panel.getByTestId('viewer-zoom');
  // Once the page or image is drawn, « fit » has its real scale.
  await expect(
    panel.locator('[data-testid="pdf-canvas"][data-page], [data-testid="image-viewer"]'),
  ).toBeVisible({ timeout: 20_000 });
  const viewerHasFocus = () =>
    panel.evaluate((node) => {
      const root = node as unknown as { contains(other: unknown): boolean };
      const { document } = globalThis as unknown as { document: { activeElement: unknown } };
      return root.contains(document.activeElement);
    });
  expect(await viewerHasFocus()).toBe(false);
  const fitted = await zoomLevel.textContent();
  await page.keyboard.press('+');
  await expect(zoomLevel).not.toHaveText(fitted!);
  await page.keyboard.press('0');
  await expect(zoomLevel).toHaveText(fitted!);
  expect(await viewerHasFocus()).toBe(false);
  // Shift+→: the next attachment.
  const tabs = panel.getByRole('tab');
  const selectedBefore = await panel.getByRole('tab', { selected: true }).getAttribute('id');
  const ids = await tabs.evaluateAll((nodes) =>
    nodes.map((node) => (node as unknown as { id: string }).id),
  );
  const expected = ids[ids.indexOf(selectedBefore!) + 1] ?? ids[ids.indexOf(selectedBefore!) - 1];
  await page.keyboard.press(
    ids.indexOf(selectedBefore!) + 1 < ids.length ? 'Shift+ArrowRight' : 'Shift+ArrowLeft',
  );
  await expect(panel.getByRole('tab', { selected: true })).toHaveAttribute('id', expected!);

  // — « ? » lists every key, the decisions and the viewer's included, in French.
  await page.keyboard.press('Shift+?');
  const help = page.getByRole('dialog', { name: 'Raccourcis clavier' });
  await expect(help).toBeVisible();
  const row = (id: string) => help.locator(`[data-shortcut="${id}"]`);
  for (const [id, key, label] of [
    ['case.claim', 'c', 'Prendre en charge'],
    ['case.approve', 'a', 'Approuver'],
    ['case.reject', 'r', 'Rejeter'],
    ['case.requestInfo', 'i', 'Demander un complément'],
    ['case.next', 'j', 'Dossier suivant de la liste'],
    ['case.previous', 'k', 'Dossier précédent de la liste'],
    ['viewer.zoomIn', '+', 'Agrandir'],
    ['viewer.zoomOut', '−', 'Réduire'],
    ['viewer.rotate', 't', 'Pivoter de 90°'],
    ['viewer.nextDocument', 'Maj', 'Pièce suivante'],
    ['list.toggle', 'x', 'Cocher / décocher le dossier'],
    ['search.quick', 'Ctrl', 'Recherche rapide dans tous les dossiers'],
    ['general.toggleNav', 'B', 'Replier / déplier le menu latéral'],
  ] as const) {
    await expect(row(id).locator('kbd').filter({ hasText: key }).first()).toBeVisible();
    await expect(row(id)).toContainText(label);
  }
  for (const title of [
    'Liste des dossiers',
    'Dossier ouvert',
    'Pièces jointes',
    'Recherche',
    'Général',
  ])
    await expect(help.getByRole('heading', { name: title })).toBeVisible();
  await expectAccessible(page, 'shortcut help');
  await page.screenshot({ path: screenshotPath('keyboard-shortcut-help.png') });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // Escape closed the help, not the case.
  await expect(page).toHaveURL(/#\/cases\//);
});
