import { expect, test, type Page } from '@playwright/test';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { expectAccessible as expectAccessibleOn } from '../support/e2eAxe';
import { collectConsoleErrors, openAs } from '../support/e2ePage';

// The « Synchronisation terminée » toast is the sync button's, not these screens'.
const expectAccessible = (page: Page, screen: string) =>
  expectAccessibleOn(page, screen, { exclude: ['.mantine-Notifications-root'] });

/**
 * « À régulariser » (issue 17 §2, §3, §5) on the built web host in training mode: a refused action
 * and a conflict staged on the embedded portal (its admin routes, with the test's token) appear in
 * the worklist with what happened and what to do; the header badge opens it; the inbox marks both
 * cases; the outbox view lists their actions; keeping the portal's version takes each off the list
 * until « Rien à régulariser ». Screenshots at 1366×768, the smallest screen offices use.
 */

const host = useTrainingHost(240);
test.use({ viewport: { width: 1366, height: 768 } });

interface Row {
  id: string;
  reference: string;
}

async function portalAdmin(page: Page, path: string, body: unknown): Promise<void> {
  const info = await pageRpc<{ portalUrl: string }>(page, 'app.info', {});
  const response = await fetch(`${info.portalUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.portalToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(300);
}

/** « Garder la version du portail » on the case page, confirmed. */
async function keepPortalVersion(page: Page) {
  const banner = page.getByTestId('conflict-banner');
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Garder la version du portail' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
  // The previous case's confirmation may still be on screen: the newest is the last one.
  await expect(
    page.getByText('Le dossier suit désormais la version du portail.').last(),
  ).toBeVisible();
  await expect(banner).toHaveCount(0);
}

test('a refused action and a conflict appear in « À régulariser », the badge opens it, resolving empties it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  const status = page.getByTestId('sync-status');
  await expect(status).toContainText('À jour', { timeout: 30_000 });
  const nav = page.getByTestId('nav-worklist');

  // — Nothing to resolve on a fresh training desk —
  await nav.click();
  await expect(page).toHaveURL(/#\/worklist$/);
  const view = page.getByTestId('worklist-view');
  await expect(view.getByTestId('worklist-empty')).toContainText('Rien à régulariser');
  await expect(nav.getByTestId('worklist-count')).toHaveText('0');
  await page.screenshot({ path: screenshotPath('worklist-empty.png') });

  const list = await pageRpc<{ rows: Row[] }>(page, 'inbox.list', {
    queue: 'to_process',
    filters: { statuses: ['submitted'] },
    limit: 5,
  });
  const [refused, conflicted] = list.rows as [Row, Row];
  expect(conflicted, 'two submitted cases to process').toBeTruthy();

  // — A refused action: the applicant withdrew on the portal; the clerk's note is refused —
  await portalAdmin(page, '/__sim/changes', { id: refused.id, kind: 'withdraw' });
  await pageRpc(page, 'notes.add', { applicationId: refused.id, body: 'Pièces vérifiées.' });
  const failedBadge = page.getByTestId('sync-failed');
  await expect(failedBadge).toHaveText('1 action refusée', { timeout: 30_000 });

  // — A conflict: the note waits (the portal asks to come back in 10 minutes) while the portal
  // changes the case —
  await portalAdmin(page, '/__sim/faults', { rateLimitRate: 1, retryAfterSeconds: 600 });
  await pageRpc(page, 'notes.add', { applicationId: conflicted.id, body: 'Avis favorable.' });
  await expect
    .poll(
      async () => {
        const outbox = await pageRpc<{ rows: { lastError: string | null }[] }>(
          page,
          'sync.outbox',
          { filter: 'waiting' },
        );
        return outbox.rows[0]?.lastError ?? null;
      },
      { timeout: 30_000 },
    )
    .not.toBeNull();
  await portalAdmin(page, '/__sim/faults', { rateLimitRate: 0 });
  await portalAdmin(page, '/__sim/changes', { id: conflicted.id, kind: 'rename' });
  await page.getByRole('button', { name: 'Synchroniser maintenant' }).first().click();
  const conflictsBadge = page.getByTestId('sync-conflicts');
  await expect(conflictsBadge).toHaveText('2 dossiers en conflit', { timeout: 30_000 });

  // — The header badge opens the worklist, which says what happened and what to do —
  await page.goto(`${host.origin}/#/inbox/mine`);
  await failedBadge.click();
  await expect(page).toHaveURL(/#\/worklist$/);
  const items = view.getByTestId('worklist-item');
  await expect(items).toHaveCount(2);
  await expect(nav.getByTestId('worklist-count')).toHaveText('2');
  await expect(view.getByTestId('worklist-total')).toHaveText('2 éléments à régulariser');
  const refusedItem = view.locator(`[data-case-id="${refused.id}"]`);
  await expect(refusedItem).toHaveAttribute('data-kind', 'refused_action');
  await expect(refusedItem).toContainText(refused.reference);
  await expect(refusedItem.getByTestId('worklist-what')).toHaveText(
    'Le portail a refusé l’action « Note » faite dans Bureau.',
  );
  await expect(refusedItem).toContainText('retirée');
  await expect(refusedItem.getByTestId('worklist-todo')).toContainText(
    'gardez la version du portail pour abandonner l’action',
  );
  const conflictItem = view.locator(`[data-case-id="${conflicted.id}"]`);
  await expect(conflictItem).toHaveAttribute('data-kind', 'conflict');
  await expect(conflictItem.getByTestId('worklist-what')).toContainText(
    'Le portail a modifié ce dossier',
  );
  await expect(conflictItem.getByTestId('worklist-todo')).toContainText(
    'choisissez celle à garder',
  );
  await page.screenshot({ path: screenshotPath('worklist.png') });
  await expectAccessible(page, 'À régulariser');

  // The other badge opens it too.
  await page.goto(`${host.origin}/#/inbox/mine`);
  await conflictsBadge.click();
  await expect(page).toHaveURL(/#\/worklist$/);
  await expect(items).toHaveCount(2);

  // — Both cases carry the marker in the inbox lists —
  for (const row of [refused, conflicted]) {
    await page.goto(`${host.origin}/#/inbox/to_process?q=${encodeURIComponent(row.reference)}`);
    const grid = page.getByTestId('inbox-grid');
    const found = grid.locator('[role="row"]', { hasText: row.reference });
    await expect(found.getByTestId('conflict-flag')).toHaveText('En conflit');
  }
  await page.screenshot({ path: screenshotPath('worklist-inbox-marker.png') });

  // — The outbox view: one action refused, one waiting behind its conflict —
  await page.getByTestId('nav-outbox').click();
  await expect(page).toHaveURL(/#\/outbox$/);
  const outbox = page.getByTestId('outbox-table');
  const refusedRow = outbox.locator(`[data-case-id="${refused.id}"]`);
  await expect(refusedRow).toHaveAttribute('data-state', 'failed');
  await expect(refusedRow).toContainText('Refusée');
  await expect(refusedRow).toContainText('retirée');
  const waitingRow = outbox.locator(`[data-case-id="${conflicted.id}"]`);
  await expect(waitingRow).toHaveAttribute('data-state', 'pending');
  await expect(waitingRow).toContainText('Dossier en conflit : en attente de votre décision');
  await page.screenshot({ path: screenshotPath('outbox.png') });
  await expectAccessible(page, 'Envois au portail');

  // — Resolving takes each case off the list —
  await page.getByTestId('nav-worklist').click();
  await refusedItem.getByRole('link', { name: /Ouvrir le dossier/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/cases/${encodeURIComponent(refused.id)}`));
  await keepPortalVersion(page);
  await page.getByTestId('nav-worklist').click();
  await expect(items).toHaveCount(1);
  await expect(refusedItem).toHaveCount(0);
  await expect(nav.getByTestId('worklist-count')).toHaveText('1');

  await conflictItem.getByRole('link', { name: /Ouvrir le dossier/ }).click();
  await keepPortalVersion(page);
  await page.getByTestId('nav-worklist').click();
  await expect(view.getByTestId('worklist-empty')).toContainText('Rien à régulariser');
  await expect(nav.getByTestId('worklist-count')).toHaveText('0');
  await expect(failedBadge).toHaveCount(0);
  await expect(conflictsBadge).toHaveCount(0);

  // The outbox keeps them, dropped, for the record.
  await page.getByTestId('nav-outbox').click();
  await expect(outbox.locator('[data-state="cancelled"]')).toHaveCount(2);
  expect(consoleErrors).toEqual([]);
});

/** A record the portal sends malformed: listed with the validation's French reason, not imported. */
test('a quarantined record from the portal is listed with its reason and opens the quarantine', async ({
  page,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
  const record = {
    id: 'SIM-INVALIDE-1',
    reference: 'SIM-INVALIDE-1',
    applicant: { region: 'Maritime' },
  };
  await portalAdmin(page, '/__sim/raw-items', { items: [JSON.stringify(record)] });
  await page.getByRole('button', { name: 'Synchroniser maintenant' }).first().click();

  await page.getByTestId('nav-worklist').click();
  const item = page.locator('[data-testid="worklist-item"][data-kind="quarantined"]');
  await expect(item).toHaveCount(1, { timeout: 30_000 });
  await expect(item).toContainText('Identifiant portail : SIM-INVALIDE-1');
  await expect(item.getByTestId('worklist-what')).toHaveText(
    'Un enregistrement envoyé par le portail est invalide : il n’a pas été importé.',
  );
  await expect(item).toContainText('Motif :');
  await expect(item.getByTestId('worklist-todo')).toContainText('administrateur du portail');
  await expect(page.getByTestId('nav-worklist').getByTestId('worklist-count')).toHaveText('1');
  await page.screenshot({ path: screenshotPath('worklist-quarantine.png') });

  await item.getByRole('button', { name: 'Voir la quarantaine' }).click();
  const modal = page.getByRole('dialog', { name: 'Enregistrements en quarantaine' });
  await expect(modal.getByTestId('quarantine-table')).toContainText('SIM-INVALIDE-1');
  expect(consoleErrors).toEqual([]);
});
