import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { screenshotPath, useTrainingHost } from '../support/e2eHost';
import { signInAs, signOut } from '../support/e2ePage';

/**
 * axe-core (WCAG 2.1 A and AA rules) on every screen, signed in with the role that sees it:
 * no serious or critical violation. Each finding is printed with its element, so a failure says
 * what to fix.
 */
const host = useTrainingHost(120);

// The tests' tsconfig has no DOM library: the little of it read in the page, typed here.
interface PageDocument {
  getAnimations(): {
    playState: string;
    effect: { getComputedTiming(): { endTime?: number | string } } | null;
  }[];
}

/** No transition or animation still running that will end (an endless one, a loader's, never does). */
function animationsFinished(): boolean {
  const { document } = globalThis as unknown as { document: PageDocument };
  return document
    .getAnimations()
    .every(
      (animation) =>
        animation.playState !== 'running' ||
        animation.effect === null ||
        animation.effect.getComputedTiming().endTime === Infinity,
    );
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Axe judges what is on screen: wait until it has settled — no request under way, nothing
  // loading (skeletons and spinners say so with aria-busy), no transition or animation left to
  // finish (an endless one, like a loader's, is not waited for) — rather than for a set time.
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.waitForFunction(animationsFinished);
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  const report = blocking.map(
    (violation) =>
      `${screen}: ${violation.id} (${violation.impact}) ${violation.help}\n` +
      violation.nodes
        .slice(0, 5)
        .map((node) => `    ${node.target.join(' ')} — ${node.failureSummary ?? ''}`)
        .join('\n'),
  );
  expect(report, report.join('\n')).toEqual([]);
}

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
