import { expect, test, type Page } from '@playwright/test';
import type { CaseDetail, InboxPage } from '../../src/shared/api/types';
import { expectAccessible } from '../support/e2eAxe';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { openAs, TRAINING_PASSWORD } from '../support/e2ePage';

/**
 * Issue 19: the core's refusals are said in the interface's language (French stays the
 * reference), and every toast's close button has a name axe accepts.
 */

const host = useTrainingHost(120);

/** Received cases: two without sign-off, one that needs a supervisor's sign-off. */
async function findCases(page: Page) {
  const list = await pageRpc<InboxPage>(page, 'inbox.list', {
    queue: 'to_process',
    filters: { statuses: ['submitted'] },
    limit: 60,
  });
  const details: CaseDetail[] = [];
  for (const row of list.rows.slice(0, 40)) {
    details.push(await pageRpc<CaseDetail>(page, 'cases.get', { id: row.id }));
  }
  const plain = details.filter((detail) => !detail.procedure.signOffRequired);
  const signOff = details.find((detail) => detail.procedure.signOffRequired);
  if (plain.length < 2 || !signOff) throw new Error('training data lacks a case shape');
  return { first: plain[0]!, second: plain[1]!, signOff };
}

async function openCase(page: Page, id: string): Promise<void> {
  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(id)}`);
  await expect(page.getByTestId('case-action-bar')).toBeVisible({ timeout: 15_000 });
}

/**
 * Clicks « Prendre en charge » as a colleague claims the same case: her claim reaches the core
 * just before this one (the request waits for it), so the core refuses it, as on two desks.
 */
async function claimJustAfter(page: Page, colleague: Page, id: string): Promise<void> {
  await page.route(
    '**/api/rpc/cases.claim',
    async (route) => {
      await pageRpc(colleague, 'cases.claim', { id });
      await route.continue();
    },
    { times: 1 },
  );
  await page.getByTestId('action-claim').click();
}

async function chooseLanguage(page: Page, menuName: string, language: string): Promise<void> {
  await page.getByRole('button', { name: menuName }).click();
  await page.getByRole('menuitem', { name: language }).click();
}

test('refusals in the interface’s language: a colleague’s claim, four-eyes, a wrong password; toasts are named', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 60_000 });
  const { first, second, signOff } = await findCases(page);
  // A colleague at another browser: her own session on the same Bureau.
  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  await openAs(colleague, host.launchUrl, 'akossiwa.mensah');

  // — In French (the default): Kossi claims a case Akossiwa claims at the same moment —
  await openCase(page, first.row.id);
  await claimJustAfter(page, colleague, first.row.id);
  const frenchToast = page
    .getByRole('alert')
    .filter({ hasText: 'Ce dossier est déjà pris en charge par un autre agent.' });
  await expect(frenchToast).toBeVisible();
  await expect(frenchToast.getByRole('button', { name: 'Fermer la notification' })).toBeVisible();
  // Hovered, the toast stays while axe reads the page.
  await frenchToast.hover();
  await expectAccessible(page, 'refus affiché dans une notification');
  await frenchToast.getByRole('button', { name: 'Fermer la notification' }).click();
  await expect(frenchToast).toHaveCount(0);

  // — In English: the same refusal, in English —
  await chooseLanguage(page, 'Menu de l’utilisateur', 'English');
  await openCase(page, second.row.id);
  await claimJustAfter(page, colleague, second.row.id);
  const englishToast = page
    .getByRole('alert')
    .filter({ hasText: 'This case is already claimed by another clerk.' });
  await expect(englishToast).toBeVisible();
  await englishToast.hover();
  await expect(englishToast.getByRole('button', { name: 'Close the notification' })).toBeVisible();
  await expectAccessible(page, 'refusal in a toast (English)');
  await page.screenshot({ path: screenshotPath('refusal-claim-english.png') });
  await expect(page.getByRole('alert').filter({ hasText: 'pris en charge' })).toHaveCount(0);

  // — The lock screen in English: a wrong password —
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Lock the session' }).click();
  const lockForm = page.getByRole('form', { name: 'Session locked' });
  await expect(lockForm).toBeVisible();
  await lockForm.locator('input[type="password"]').fill('not my password');
  await lockForm.getByRole('button', { name: 'Unlock' }).click();
  await expect(lockForm.getByRole('alert')).toContainText(
    'Wrong password. Check Caps Lock; after 5 failures in a row, the account is locked for 15 minutes.',
  );
  await page.screenshot({ path: screenshotPath('refusal-lock-english.png') });
  // The same in French (the language is the browser's choice, kept across a reload).
  await page.evaluate(() => localStorage.setItem('bureau.language', 'fr'));
  await page.reload();
  const verrou = page.getByRole('form', { name: 'Session verrouillée' });
  await expect(verrou).toBeVisible();
  await verrou.locator('input[type="password"]').fill('pas le mien');
  await verrou.getByRole('button', { name: 'Déverrouiller' }).click();
  await expect(verrou.getByRole('alert')).toContainText(
    'Mot de passe incorrect. Vérifiez la touche Verr. Maj ; après 5 échecs de suite, le compte est bloqué 15 minutes.',
  );
  await verrou.locator('input[type="password"]').fill(TRAINING_PASSWORD);
  await verrou.getByRole('button', { name: 'Déverrouiller' }).click();
  await expect(page.getByRole('navigation', { name: 'Corbeilles' })).toBeVisible();

  // — Four-eyes: the supervisor who proposed a decision may not sign it off —
  const supervisor = await (await browser.newContext()).newPage();
  await openAs(supervisor, host.launchUrl, 'ablavi.lawson');
  const id = signOff.row.id;
  await pageRpc(supervisor, 'cases.claim', { id });
  for (const item of signOff.procedure.checklist) {
    await pageRpc(supervisor, 'cases.tickChecklist', { id, itemId: item.id, checked: true });
  }
  await pageRpc(supervisor, 'cases.approve', { id });
  await openCase(supervisor, id);
  await supervisor.getByTestId('action-signOff').click();
  const dialog = supervisor.getByTestId('signoff-dialog');
  await expect(dialog).toContainText(
    'Règle des quatre yeux : vous avez proposé cette décision, un autre superviseur doit la valider.',
  );
  await supervisor.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await chooseLanguage(supervisor, 'Menu de l’utilisateur', 'English');
  await supervisor.getByTestId('action-signOff').click();
  await expect(dialog).toContainText(
    'Four-eyes rule: you proposed this decision, another supervisor must sign it off.',
  );
  await supervisor.screenshot({ path: screenshotPath('refusal-four-eyes-english.png') });
  await colleagueContext.close();
  await supervisor.context().close();
});
