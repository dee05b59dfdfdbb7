import { expect, test, type Page } from '@playwright/test';
import type { UserAccount } from '../../src/shared/api/adminTypes';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { collectConsoleErrors, openAs, signInAs, signOut } from '../support/e2ePage';

const host = useTrainingHost(120);

function userRow(page: Page, username: string) {
  return page.locator(`[data-testid="user-row"][data-username="${username}"]`);
}

/** Five wrong passwords in a row lock an account out (what a forgetful colleague does). */
async function lockOut(page: Page, username: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await expect(
      pageRpc(page, 'session.signIn', { username, password: 'mauvais-mot-de-passe' }),
    ).rejects.toThrow(/unauthenticated|locked/);
  }
}

test('an administrator manages users, holidays and checks the audit trail; a clerk cannot', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'edem.dossou');
  const adminNav = page.getByRole('navigation', { name: 'Administration' });
  await expect(adminNav).toBeVisible();

  // — Users: create an account —
  await page.getByTestId('nav-admin-users').click();
  await expect(userRow(page, 'edem.dossou')).toBeVisible();
  await expect(userRow(page, 'edem.dossou')).toContainText('vous');
  await page.getByTestId('user-create').click();
  const form = page.getByTestId('user-form');
  await form.getByTestId('user-display-name').fill('Dzifa Akakpo');
  await form.getByTestId('user-username').fill('dzifa.akakpo');
  await expect(form.getByTestId('user-password')).toHaveValue(/^.{14}$/);
  await form.getByTestId('user-save').click();
  await expect(page.getByText('Compte « dzifa.akakpo » créé.')).toBeVisible();
  await expect(form).toBeHidden();
  const dzifa = userRow(page, 'dzifa.akakpo');
  await expect(dzifa).toContainText('Dzifa Akakpo');
  await expect(dzifa).toContainText('Agent instructeur');
  await expect(dzifa).toContainText('Mot de passe à changer');
  await expect(dzifa).toContainText('Jamais');

  // A duplicate username is refused with the server's French message, beside the field (issue 19).
  await page.getByTestId('user-create').click();
  await form.getByTestId('user-display-name').fill('Kossi Agbodjan');
  await form.getByTestId('user-username').fill('kossi.agbodjan');
  await form.getByTestId('user-save').click();
  await expect(form.getByText('« kossi.agbodjan » est déjà pris', { exact: false })).toBeVisible();
  await expect(form.getByTestId('user-username')).toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: 'Annuler' }).click();

  // — Users: a locked-out clerk, then a password reset —
  await lockOut(page, 'akossiwa.mensah');
  await page.reload();
  const akossiwa = userRow(page, 'akossiwa.mensah');
  // The time alone when the lock ends today; with the date when it ends after midnight.
  await expect(akossiwa.getByTestId('user-locked')).toContainText(
    /Bloqué jusqu'à (\d\d\/\d\d\/\d{4} )?\d\d:\d\d/,
  );
  await page.screenshot({ path: screenshotPath('admin-users.png') });

  await akossiwa.getByTestId('user-actions').click();
  await page.getByTestId('user-reset').click();
  const reset = page.getByTestId('reset-dialog');
  await expect(reset).toContainText(
    'Le mot de passe actuel de Akossiwa Mensah cessera de fonctionner',
  );
  await expect(reset).toContainText('Le blocage en cours');
  await reset.getByTestId('reset-confirm').click();
  await expect(page.getByText('Mot de passe de Akossiwa Mensah réinitialisé.')).toBeVisible();
  await expect(akossiwa.getByTestId('user-locked')).toHaveCount(0);
  await expect(akossiwa).toContainText('Mot de passe à changer');
  const accounts = await pageRpc<UserAccount[]>(page, 'admin.users.list', {});
  expect(accounts.find((user) => user.username === 'akossiwa.mensah')).toMatchObject({
    lockedUntil: null,
    mustChangePassword: true,
  });

  // An administrator's own row offers no deactivation.
  await userRow(page, 'edem.dossou').getByTestId('user-actions').click();
  await expect(page.getByTestId('user-edit')).toBeVisible();
  await expect(page.getByTestId('user-toggle-active')).toHaveCount(0);
  await page.keyboard.press('Escape');

  // — Holidays: a national day of mourning is declared for tomorrow —
  await page.getByTestId('nav-admin-holidays').click();
  const year = await page.getByTestId('holidays-year').textContent();
  await expect(page.getByTestId('holiday-row').first()).toBeVisible();
  const before = await page.getByTestId('holiday-row').count();
  await page.getByTestId('holiday-add').click();
  const added = page.getByTestId('holiday-row').last();
  await added.getByTestId('holiday-date').fill(`24/11/${year}`);
  await added.getByTestId('holiday-label').fill('Journée de deuil national');
  await expect(page.getByText('Modifications non enregistrées')).toBeVisible();
  await page.getByTestId('holidays-save').click();
  await expect(
    page.getByText(
      new RegExp(
        `Jours fériés ${year} enregistrés\\. (\\d+ échéances? recalculées?|Aucune échéance ne change)\\.`,
      ),
    ),
  ).toBeVisible();
  await expect(page.getByTestId('holiday-row')).toHaveCount(before + 1);
  await expect(
    page.locator(`[data-testid="holiday-row"][data-date="${year}-11-24"]`),
  ).toBeVisible();

  // — Audit trail: the rows of what was just done, and the chain verified —
  await page.getByTestId('nav-admin-audit').click();
  // Each row a sentence with names, never ids or codes (issue 19).
  const resetRow = page.locator('[data-testid="audit-row"][data-action="user.password_reset"]');
  await expect(resetRow.getByTestId('audit-sentence')).toHaveText(
    'Edem Dossou a réinitialisé le mot de passe de Akossiwa Mensah',
  );
  await expect(resetRow).toContainText(/\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d/);
  await expect(resetRow).not.toContainText('user.password_reset');
  const holidaysRow = page.locator('[data-testid="audit-row"][data-action="holidays.saved"]');
  await expect(holidaysRow.getByTestId('audit-sentence')).toHaveText(
    `Edem Dossou a modifié les jours fériés de ${year}`,
  );
  await expect(holidaysRow.getByTestId('audit-details')).toContainText(
    `Ajoutés : 24/11/${year} — Journée de deuil national`,
  );
  await holidaysRow.getByTestId('audit-toggle').click();
  await expect(holidaysRow.getByTestId('audit-summary')).toContainText(
    'Code de l’action : holidays.saved',
  );
  await page.getByTestId('audit-filter-action').click();
  await page.getByRole('option', { name: 'Comptes utilisateurs' }).click();
  await expect(
    page.locator('[data-testid="audit-row"][data-action="session.signed_in"]'),
  ).toHaveCount(0);
  await expect(
    page.locator('[data-testid="audit-row"][data-action="user.created"]').first(),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Effacer les filtres' }).click();

  // The save's toast has gone by the time the screenshot is taken.
  await expect(page.getByText(/Jours fériés \d{4} enregistrés/)).toBeHidden({ timeout: 20_000 });
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-verify-ok')).toContainText(
    /✓ Journal intègre : [\d\u202f\u00a0 ]+ lignes vérifiées/,
  );
  await page.screenshot({ path: screenshotPath('admin-audit.png') });

  // — A clerk: no administration, neither in the navigation nor through the API —
  await signOut(page);
  await signInAs(page, 'kossi.agbodjan');
  await expect(page.getByRole('navigation', { name: 'Administration' })).toHaveCount(0);
  await expect(page.getByTestId('nav-admin-users')).toHaveCount(0);
  await page.goto(`${host.origin}/#/admin/users`);
  await expect(page.getByText('Écran réservé')).toBeVisible();
  await expect(page.getByTestId('admin-users')).toHaveCount(0);
  await expect(pageRpc(page, 'admin.users.list', {})).rejects.toThrow(/"code":"forbidden"/);
  await expect(pageRpc(page, 'audit.verify', {})).rejects.toThrow(/"code":"forbidden"/);

  // The refusals provoked above (duplicate, wrong passwords, lock-out, forbidden) are HTTP errors
  // the browser logs; anything else is a real error.
  const provoked =
    /^Failed to load resource: the server responded with a status of (401|403|409|423) /;
  expect(consoleErrors.filter((error) => !provoked.test(error))).toEqual([]);
});
