import { expect, test } from '@playwright/test';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { collectConsoleErrors, openAs } from '../support/e2ePage';

const host = useTrainingHost(120);

interface Row {
  id: string;
  reference: string;
}

/**
 * Issue 13: the portal changes reviewed data after the decision. The inbox flags the case
 * « À vérifier » until the clerk confirms having checked it; then the flag goes.
 */
test('a case the portal changed after the decision is flagged « À vérifier » in the inbox until confirmed', async ({
  page,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });

  const list = await pageRpc<{ rows: Row[] }>(page, 'inbox.list', {
    queue: 'to_process',
    filters: { statuses: ['submitted'], procedureCodes: ['ART-CP'] },
    limit: 1,
  });
  const target = list.rows[0]!;
  await pageRpc(page, 'cases.claim', { id: target.id });
  const detail = await pageRpc<{ procedure: { checklist: { id: string }[] } }>(page, 'cases.get', {
    id: target.id,
  });
  for (const item of detail.procedure.checklist) {
    await pageRpc(page, 'cases.tickChecklist', { id: target.id, itemId: item.id, checked: true });
  }
  await pageRpc(page, 'cases.approve', { id: target.id });
  await pageRpc(page, 'sync.now', {});
  const info = await pageRpc<{ portalUrl: string }>(page, 'app.info', {});
  const renamed = await fetch(`${info.portalUrl}/__sim/changes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.portalToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: target.id, kind: 'rename' }),
  });
  expect(renamed.status).toBeLessThan(300);
  await pageRpc(page, 'sync.now', {});

  await page.goto(`${host.origin}/#/inbox/all?q=${encodeURIComponent(target.reference)}`);
  const row = page.getByTestId('inbox-grid').locator('[role="row"]', { hasText: target.reference });
  await expect(row.getByTestId('portal-changes-flag')).toHaveText('À vérifier');
  await page.screenshot({ path: screenshotPath('inbox-portal-changes.png') });

  await pageRpc(page, 'cases.confirmPortalChanges', { id: target.id });
  await expect(row.getByTestId('portal-changes-flag')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
