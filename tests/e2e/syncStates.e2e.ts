import { expect, test } from '@playwright/test';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { collectConsoleErrors, openAs, showQueue } from '../support/e2ePage';

const host = useTrainingHost(240);

interface RpcResult<T> {
  ok: boolean;
  value: T;
}

/** What the real training host produces on a fresh start: no conflict, nothing refused. */
test('the header and a case show the real sync state in French', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);

  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  const syncStatus = page.getByTestId('sync-status');
  await expect(syncStatus).toContainText('À jour', { timeout: 30_000 });

  const status = await page.evaluate(async () => {
    const response = await fetch('/api/rpc/sync.status', { method: 'POST', body: '{}' });
    return (await response.json()) as RpcResult<{
      failedActions: number;
      conflicts: number;
      quarantined: number;
    }>;
  });
  expect(status.ok).toBe(true);
  // Fresh training host: nothing refused, nothing in conflict, so the header says nothing of it.
  expect(status.value.failedActions).toBe(0);
  expect(status.value.conflicts).toBe(0);
  await expect(page.getByTestId('sync-failed')).toHaveCount(0);
  await expect(page.getByTestId('sync-conflicts')).toHaveCount(0);
  await page.getByRole('banner').screenshot({ path: screenshotPath('sync-header.png') });

  if (status.value.quarantined > 0) {
    await page.getByTestId('sync-quarantine').click();
    const modal = page.getByRole('dialog', { name: 'Enregistrements en quarantaine' });
    await expect(modal).toContainText('ils n’ont pas été importés');
    await expect(modal.getByTestId('quarantine-table')).toContainText(
      /\d{2}\/\d{2}\/20\d{2} \d{2}:\d{2}/,
    );
    await page.screenshot({ path: screenshotPath('sync-quarantine.png') });
    await page.keyboard.press('Escape');
    await expect(modal).toHaveCount(0);
  }

  // Open a case with attachments from the « Tous » queue.
  const grid = await showQueue(page, 'Tous');
  await grid.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/cases\//);
  const caseId = decodeURIComponent(page.url().split('#/cases/')[1]?.split(/[/?]/)[0] ?? '');
  await expect(page.getByTestId('case-reference')).toBeVisible();

  const detail = await page.evaluate(async (id) => {
    const response = await fetch('/api/rpc/cases.get', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id }),
    });
    return (await response.json()) as RpcResult<{
      record: { documents: unknown[] };
      sync: { documents: { state: string }[]; actions: unknown[]; conflict: unknown };
    }>;
  }, caseId);
  expect(detail.ok).toBe(true);
  expect(detail.value.sync.conflict).toBeNull();
  await expect(page.getByTestId('conflict-banner')).toHaveCount(0);
  if (detail.value.sync.actions.length === 0) {
    await expect(page.getByTestId('case-actions')).toHaveCount(0);
  }
  if (detail.value.record.documents.length > 0) {
    const documents = page.getByTestId('documents-panel');
    await expect(documents).toBeVisible();
    await expect(documents.locator('[data-testid^="document-tab-"]')).toHaveCount(
      detail.value.record.documents.length,
    );
    const notReady = detail.value.sync.documents.filter((doc) => doc.state !== 'ready').length;
    await expect(documents.getByTestId('document-state')).toHaveCount(notReady);
    await documents.screenshot({ path: screenshotPath('sync-case-documents.png') });
  }
  await page.screenshot({ path: screenshotPath('sync-case.png'), fullPage: true });
  expect(consoleErrors).toEqual([]);
});

/**
 * A conflict staged on the embedded portal (its admin token is the test's): the applicant withdraws
 * while the clerk, not yet synced, claims the case. The portal refuses the claim; the case shows
 * both versions and the clerk keeps the portal's.
 */
test('a withdrawal on the portal while the clerk claims offline opens a conflict the clerk resolves', async ({
  page,
}) => {
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
  const rpc = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await page.evaluate(
      async ({ method, input }) => {
        const response = await fetch(`/api/rpc/${method}`, {
          method: 'POST',
          body: JSON.stringify(input),
        });
        return (await response.json()) as RpcResult<unknown>;
      },
      { method, input },
    );
    expect(result.ok).toBe(true);
    return result.value as T;
  };
  const list = await rpc<{ rows: { id: string; reference: string }[] }>('inbox.list', {
    queue: 'to_process',
    filters: { statuses: ['submitted'] },
    limit: 5,
  });
  const target = list.rows[0]!;
  const info = await rpc<{ portalUrl: string }>('app.info', {});
  const withdrawn = await fetch(`${info.portalUrl}/__sim/changes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.portalToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: target.id, kind: 'withdraw' }),
  });
  expect(withdrawn.status).toBeLessThan(300);

  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(target.id)}`);
  await page.getByTestId('action-claim').click();
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');
  await page.getByRole('button', { name: 'Synchroniser maintenant' }).first().click();
  const banner = page.getByTestId('conflict-banner');
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText('Conflit avec le portail');
  await expect(banner).toContainText('retirée');
  await expect(page.getByTestId('sync-conflicts')).toBeVisible();
  await page.screenshot({ path: screenshotPath('sync-conflict.png') });

  await banner.getByRole('button', { name: 'Garder la version du portail' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
  await expect(page.getByText('Le dossier suit désormais la version du portail.')).toBeVisible();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('case-view').getByText('Retirée').first()).toBeVisible();
  await expect(page.getByTestId('action-claim')).toHaveCount(0);
});

/**
 * The portal's link drops (every connection reset, the embedded portal's fault switch): the
 * header says « Hors ligne » and counts the decision waiting; when the link returns, the decision
 * reaches the portal exactly once — even though the portal had applied the first attempt whose
 * answer was lost.
 */
test('a decision taken offline waits in the header and is delivered once when the link returns', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
  const info = await pageRpc<{ portalUrl: string }>(page, 'app.info', {});
  const admin = (path: string, body: unknown) =>
    fetch(`${info.portalUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.portalToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const list = await pageRpc<{ rows: { id: string }[] }>(page, 'inbox.list', {
    queue: 'to_process',
    filters: { statuses: ['submitted'] },
    limit: 5,
  });
  const target = list.rows[1]!;

  expect((await admin('/__sim/faults', { resetRate: 1 })).status).toBeLessThan(300);
  await page.getByRole('button', { name: 'Synchroniser maintenant' }).first().click();
  const status = page.getByTestId('sync-status');
  await expect(status).toContainText('Hors ligne', { timeout: 20_000 });

  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(target.id)}`);
  await page.getByTestId('action-claim').click();
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');
  await page.getByRole('button', { name: 'Synchroniser maintenant' }).first().click();
  await expect(status).toContainText('Hors ligne');
  await expect(status).toContainText('1 action en attente');
  await page.getByRole('banner').screenshot({ path: screenshotPath('sync-offline-pending.png') });

  expect((await admin('/__sim/faults', { resetRate: 0 })).status).toBeLessThan(300);
  await page.getByRole('button', { name: 'Synchroniser maintenant' }).first().click();
  await expect(status).toContainText('À jour', { timeout: 30_000 });
  await expect(status).not.toContainText('en attente');
  const events = (await (
    await fetch(`${info.portalUrl}/__sim/events?applicationId=${encodeURIComponent(target.id)}`, {
      headers: { authorization: `Bearer ${host.portalToken}` },
    })
  ).json()) as { events: { kind: string }[] };
  expect(events.events.map((event) => event.kind)).toEqual(['case.claimed']);
});
