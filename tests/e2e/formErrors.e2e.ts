import { expect, test, type Page } from '@playwright/test';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { expectAccessible as expectAccessibleOn } from '../support/e2eAxe';
import { collectConsoleErrors, openAs } from '../support/e2ePage';

/** With the errors on screen; toasts are another screen's. */
const expectAccessible = (page: Page, screen: string) =>
  expectAccessibleOn(page, screen, { exclude: ['.mantine-Notifications-root'] });

/** Issue 19, « Errors and forms », replayed at the common office laptop's size. */
const host = useTrainingHost(40);

test.use({ viewport: { width: 1366, height: 768 } });

/** The error Mantine shows under a field, found through the field's aria-describedby. */
async function errorBeside(page: Page, testId: string): Promise<string | null> {
  const described = (await page.getByTestId(testId).getAttribute('aria-describedby')) ?? '';
  const id = described.split(' ').find((candidate) => candidate.endsWith('-error'));
  return id ? page.locator(`[id="${id}"]`).textContent() : null;
}

test('administration forms say what is wrong beside the field, never the raw refusal', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const consoleErrors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'edem.dossou');

  // — A new user: the contract's rule under the field once it is left, then the core's own —
  await page.getByTestId('nav-admin-users').click();
  await page.getByTestId('user-create').click();
  const form = page.getByTestId('user-form');
  await form.getByTestId('user-username').fill('dzifa akakpo');
  await form.getByTestId('user-username').press('Tab');
  await expect
    .poll(() => errorBeside(page, 'user-username'))
    .toBe(
      'De 3 à 64 caractères : lettres sans accent, chiffres, « . », « _ » ou « - » (ex. dzifa.akakpo).',
    );
  // « Créer le compte » is not greyed out: pressing it says what is missing.
  await form.getByTestId('user-save').click();
  await expect
    .poll(() => errorBeside(page, 'user-display-name'))
    .toBe('Le nom complet compte de 2 à 120 caractères.');
  await page.screenshot({ path: screenshotPath('form-errors-user.png') });

  await form.getByTestId('user-display-name').fill('Kossi Agbodjan');
  await form.getByTestId('user-username').fill('kossi.agbodjan');
  await form.getByTestId('user-save').click();
  await expect
    .poll(() => errorBeside(page, 'user-username'))
    .toContain('« kossi.agbodjan » est déjà pris');
  await expect(form.getByTestId('user-form-error')).toHaveCount(0);
  await expect(form).not.toContainText('Requête invalide');
  await page.screenshot({ path: screenshotPath('form-errors-user-taken.png') });
  await expectAccessible(page, 'user form');
  await form.getByRole('button', { name: 'Annuler' }).click();

  // — The office: an emptied name says so at once; the core's numbering rule beside its field —
  await page.getByTestId('nav-admin-office').click();
  await page.getByTestId('office-name').fill('');
  await expect
    .poll(() => errorBeside(page, 'office-name'))
    .toBe('Le nom du bureau compte de 2 à 120 caractères.');
  await page.getByTestId('office-name').fill('Direction régionale Lomé-Commune');
  await page.getByTestId('office-numbering').fill('KAR');
  await page.getByTestId('office-save').click();
  await expect
    .poll(() => errorBeside(page, 'office-numbering'))
    .toContain('Le code de numérotation doit commencer par le code du bureau');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('form-errors-office.png') });
  await expectAccessible(page, 'office');

  // — Holidays: a day that does not exist is not « Date requise » —
  await page.getByTestId('nav-admin-holidays').click();
  const year = await page.getByTestId('holidays-year').textContent();
  await page.getByTestId('holiday-add').click();
  const added = page.getByTestId('holiday-row').last();
  await added.getByTestId('holiday-date').fill(`31/02/${year}`);
  await added.getByTestId('holiday-label').fill('Fête');
  await expect(added).toContainText('Date invalide : ce jour n’existe pas');
  await expect(added).not.toContainText('Date requise');
  await added.getByTestId('holiday-date').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('form-errors-holidays.png') });
  await expectAccessible(page, 'holidays');

  // The two refusals provoked above are the browser's log of their HTTP status, nothing else.
  const provoked = /status of (400 \(Bad Request\)|409 \(Conflict\))/;
  expect(consoleErrors.filter((error) => !provoked.test(error))).toEqual([]);
});

test('a long reject comment is counted, stops at the contract’s limit and keeps the dialog whole', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
  const list = await pageRpc<{ rows: { id: string }[] }>(page, 'inbox.list', {
    queue: 'to_process',
    limit: 1,
  });
  const id = list.rows[0]!.id;
  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(id)}`);
  await page.getByTestId('action-claim').click();
  await expect(page.getByTestId('action-reject')).toBeEnabled();
  await page.getByTestId('action-reject').click();
  const dialog = page.getByTestId('reject-dialog');
  const box = dialog.getByRole('textbox');
  // 6,120 characters over many lines, as in the issue: the box keeps 2,000 and scrolls.
  const paragraph = 'Les pièces fournies ne correspondent pas au registre du commerce.\n';
  await box.fill(paragraph.repeat(Math.ceil(6120 / paragraph.length)).slice(0, 6120));
  await expect.poll(async () => (await box.inputValue()).length).toBe(2000);
  await expect(dialog.getByTestId('comment-counter')).toHaveText(/^2\s000 \/ 2\s000$/);
  await expect(dialog.getByTestId('reject-dialog-confirm')).toBeInViewport();
  const height = await box.evaluate((element) => element.getBoundingClientRect().height);
  expect(height).toBeLessThan(260);
  await page.screenshot({ path: screenshotPath('form-errors-reject-comment.png') });
  await expectAccessible(page, 'reject comment');
});
