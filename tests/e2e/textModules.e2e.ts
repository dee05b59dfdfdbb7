import { expect, test, type Page } from '@playwright/test';
import type { CaseDetail, InboxPage } from '../../src/shared/api/types';
import { expectAccessible as expectAccessibleOn } from '../support/e2eAxe';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { openAs } from '../support/e2ePage';

/** Text modules (issue 20 §1) on the training desk, at the common office laptop's size. */
const host = useTrainingHost(40);

test.use({ viewport: { width: 1366, height: 768 } });

/** Toasts belong to the action before, not to the screen judged. */
const expectAccessible = (page: Page, screen: string) =>
  expectAccessibleOn(page, screen, { exclude: ['.mantine-Notifications-root'] });

/** A received case of the clerk's office nobody took yet, claimed, with its reject dialog open. */
async function rejectDialogOfNewCase(page: Page) {
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
  const list = await pageRpc<InboxPage>(page, 'inbox.list', {
    queue: 'to_process',
    filters: { statuses: ['submitted'] },
    limit: 1,
  });
  const detail = await pageRpc<CaseDetail>(page, 'cases.get', { id: list.rows[0]!.id });
  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(detail.row.id)}`);
  await page.getByTestId('action-claim').click();
  await expect(page.getByTestId('action-reject')).toBeEnabled();
  await page.getByTestId('action-reject').click();
  const dialog = page.getByTestId('reject-dialog');
  const box = dialog.getByRole('textbox');
  await box.click();
  return { detail, dialog, box, list: page.getByRole('listbox', { name: 'Modules de texte' }) };
}

test('in the reject dialog, « :: » and a few letters insert a phrase filled from the case', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  const { detail, dialog, box, list } = await rejectDialogOfNewCase(page);

  // The box shows 3 lines empty, grows with the text up to 8, then scrolls (sized by the browser).
  const size = () =>
    box.evaluate((element) => ({
      height: element.clientHeight,
      scrolls: element.scrollHeight > element.clientHeight,
      // The specs compile without the DOM types: the page's window, as little of it as is read.
      line: parseFloat(
        (
          globalThis as unknown as {
            getComputedStyle(node: unknown): { lineHeight: string };
          }
        ).getComputedStyle(element).lineHeight,
      ),
    }));
  const empty = await size();
  expect(empty.height).toBeGreaterThanOrEqual(3 * empty.line);
  expect(empty.height).toBeLessThan(4 * empty.line + 24);
  await box.fill('1\n2\n3\n4\n5\n6');
  await expect.poll(async () => (await size()).height).toBeGreaterThanOrEqual(6 * empty.line);
  await box.fill(Array.from({ length: 20 }, (_, line) => `ligne ${line + 1}`).join('\n'));
  const full = await size();
  expect(full.height).toBeLessThan(9 * empty.line + 24);
  expect(full.scrolls).toBe(true);
  await box.fill('');

  // « :: » opens the list of the phrases for a rejection of this procedure.
  await box.pressSequentially('::');
  await expect(list).toBeVisible();
  const options = list.getByRole('option');
  await expect(options.first()).toBeVisible();
  const keywords = await options.evaluateAll((nodes) =>
    nodes.map((node) => node.getAttribute('data-keyword')),
  );
  expect(keywords).toContain('bonjour');
  expect(keywords).toContain('illisible-rejet');
  // Request-for-information and note phrases are not offered here.
  expect(keywords).not.toContain('piece');
  expect(keywords).not.toContain('appel');
  await expect(box).toHaveAttribute('aria-activedescendant', /.+/);
  await page.screenshot({ path: screenshotPath('text-modules-list-open.png') });
  await expectAccessible(page, 'reject dialog with the :: list open');

  // A few letters narrow it; the keyboard picks.
  await box.pressSequentially('bo');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toHaveAttribute('data-keyword', 'bonjour');
  await box.press('ArrowDown');
  await box.press('ArrowUp');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(list).toBeHidden();
  const comment = await box.inputValue();
  // Addressed as a French letter does: « Madame, » alone, never followed by the name.
  const gender = detail.record.applicant.gender;
  const civility = gender === 'F' ? 'Madame' : gender === 'M' ? 'Monsieur' : 'Madame, Monsieur';
  expect(comment.startsWith(`${civility},\n\nNous avons examiné`)).toBe(true);
  expect(comment).not.toContain(detail.row.applicantName);
  expect(comment).toContain(`demande n° ${detail.row.reference}`);
  expect(comment).not.toContain('{{');
  expect(comment).not.toContain('::');

  // Escape closes the list only: the text stays as typed and the dialog open.
  await box.press('End');
  await box.pressSequentially(' ::mer');
  await expect(list).toBeVisible();
  await box.press('Escape');
  await expect(list).toBeHidden();
  await expect(page.getByRole('dialog', { name: /Rejeter la demande/ })).toBeVisible();
  await expect(box).toBeFocused();
  expect(await box.inputValue()).toBe(`${comment} ::mer`);
  // Tab inserts too (the closing formula, signed with the clerk's name).
  await box.fill(`${comment}\n`);
  await box.press('End');
  await box.pressSequentially('::merc');
  await expect(options).toHaveCount(1);
  await box.press('Tab');
  await expect(box).toBeFocused();
  expect(await box.inputValue()).toContain('Kossi Agbodjan');
  await expect(dialog.getByTestId('text-module-left')).toHaveCount(0);
});

test('an administrator adds a phrase in « Modules de texte »; a clerk of the office finds it with « :: »', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await openAs(page, host.launchUrl, 'edem.dossou');
  await page.getByTestId('nav-admin-text-modules').click();
  const screen = page.getByTestId('admin-text-modules');
  await expect(screen.getByTestId('text-module-row').first()).toBeVisible();
  await expect(screen.locator('[data-keyword="illisible"]')).toHaveAttribute(
    'data-origin',
    'shipped',
  );
  await page.screenshot({ path: screenshotPath('text-modules-admin.png') });
  await expectAccessible(page, 'text modules screen');

  await screen.getByTestId('text-module-create').click();
  const form = page.getByTestId('text-module-form');
  await form.getByTestId('text-module-keyword').fill('quitus');
  await form.getByTestId('text-module-title').fill('Quitus fiscal à fournir');
  await form.getByTestId('text-module-context-reject').check();
  await form
    .getByTestId('text-module-body')
    .fill('Pour la demande {{reference}} de {{demandeur}}, le quitus fiscal {{annee}} manque.');
  await expect(form.getByTestId('text-module-preview')).toContainText('Akossiwa Mensah');
  await expect(form.getByTestId('text-module-unknown')).toContainText('{{annee}}');
  await form
    .getByTestId('text-module-body')
    .fill('Pour la demande {{reference}} de {{demandeur}}, ');
  await form.getByRole('button', { name: /Insérer \{\{date_depot\}\}/ }).click();
  await expect(form.getByTestId('text-module-preview')).toContainText('1er mars 2026');
  await page.screenshot({ path: screenshotPath('text-modules-admin-form.png') });
  await expectAccessible(page, 'text module form');
  await form.getByTestId('text-module-save').click();
  await expect(form).toBeHidden();
  await expect(screen.locator('[data-keyword="quitus"]')).toHaveAttribute('data-origin', 'office');

  // A clerk of Lomé, on their own session, finds it in a rejection.
  const clerkContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const clerk = await clerkContext.newPage();
  await openAs(clerk, host.launchUrl, 'akossiwa.mensah');
  const { detail, box, list } = await rejectDialogOfNewCase(clerk);
  await box.pressSequentially('::quit');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('Quitus fiscal à fournir');
  await box.press('Enter');
  expect(await box.inputValue()).toMatch(
    new RegExp(`^Pour la demande ${detail.row.reference} de ${detail.row.applicantName}, \\d`),
  );
  await clerkContext.close();

  // Kara's clerk does not get Lomé's phrase.
  const karaContext = await browser.newContext();
  const kara = await karaContext.newPage();
  await openAs(kara, host.launchUrl, 'essowe.tchala');
  const karaList = await pageRpc<{ keyword: string }[]>(kara, 'textModules.list', {});
  expect(karaList.map((module) => module.keyword)).toContain('bonjour');
  expect(karaList.map((module) => module.keyword)).not.toContain('quitus');
  await karaContext.close();
});
