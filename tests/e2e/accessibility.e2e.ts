import { expect, test, type Page } from '@playwright/test';
import { screenshotPath, useTrainingHost } from '../support/e2eHost';
import { expectAccessible } from '../support/e2eAxe';
import { signInAs, signOut } from '../support/e2ePage';

/**
 * axe-core (WCAG 2.1 A and AA rules) on every screen, signed in with the role that sees it:
 * no serious or critical violation. Each finding is printed with its element, so a failure says
 * what to fix.
 */
const host = useTrainingHost(120);

async function goto(page: Page, hash: string, ready: () => Promise<unknown>) {
  await page.goto(`${host.origin}/${hash}`);
  await ready();
}

test('every screen passes axe with no serious or critical violation', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(host.launchUrl);
  await expect(page.getByRole('form', { name: 'Connexion' })).toBeVisible();
  await expectAccessible(page, 'connexion');
  await page.screenshot({ path: screenshotPath('sign-in.png') });

  await signInAs(page, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
  await goto(page, '#/inbox/all', () =>
    expect(page.getByTestId('inbox-grid').locator('[role="row"]').nth(1)).toBeVisible(),
  );
  await expectAccessible(page, 'corbeille');

  await page.getByTestId('inbox-grid').locator('[role="rowgroup"] [role="row"]').first().click();
  await expect(page).toHaveURL(/#\/cases\//);
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expectAccessible(page, 'dossier');

  await goto(page, '#/certificates', () => page.waitForLoadState('networkidle'));
  await expectAccessible(page, 'certificats');
  await goto(page, '#/verify', () => page.waitForLoadState('networkidle'));
  await expectAccessible(page, 'vérification');

  await page.keyboard.press('Shift+?');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'aide des raccourcis');
  await page.keyboard.press('Escape');

  await signOut(page);
  await signInAs(page, 'ablavi.lawson');
  await goto(page, '#/dashboard', () => page.waitForLoadState('networkidle'));
  await expectAccessible(page, 'tableau de bord');

  await page.getByRole('button', { name: 'Menu de l’utilisateur' }).click();
  await page.getByRole('menuitem', { name: 'Verrouiller la session' }).click();
  await expect(page.getByRole('form', { name: 'Session verrouillée' })).toBeVisible();
  await expectAccessible(page, 'session verrouillée');
  await page.screenshot({ path: screenshotPath('lock-screen.png') });
  await page.locator('input[type="password"]').fill('formation-2026');
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  await expect(page.getByRole('navigation', { name: 'Corbeilles' })).toBeVisible();

  await signOut(page);
  await signInAs(page, 'edem.dossou');
  for (const section of ['users', 'office', 'desks', 'holidays', 'audit', 'backups']) {
    await goto(page, `#/admin/${section}`, () => page.waitForLoadState('networkidle'));
    await expectAccessible(page, `administration (${section})`);
  }
});
