import { expect, test } from '@playwright/test';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageRpc, screenshotPath } from '../support/e2eHost';
import { collectConsoleErrors, signInAs, TRAINING_PASSWORD } from '../support/e2ePage';
import { repoRoot } from '../support/paths';
import { startBuiltWebHost, type RunningWebHost } from '../support/webHostProcess';

const TRAINING_COUNT = 60;
let host: RunningWebHost | null = null;

test.afterEach(async () => {
  await host?.stop();
  host = null;
});

test('a damaged cache opens on the recovery screen, and restoring the backup brings the inbox back', async ({
  page,
}) => {
  test.setTimeout(120_000);

  // An office's day: the cache synced from the (embedded) portal, then today's backup.
  host = await startBuiltWebHost(TRAINING_COUNT);
  const dataDir = host.dataDir;
  await page.goto(host.launchUrl);
  await pageRpc(page, 'session.signIn', { username: 'edem.dossou', password: TRAINING_PASSWORD });
  await expect
    .poll(
      async () =>
        (await pageRpc<{ lastSuccessAt: string | null }>(page, 'sync.status', {})).lastSuccessAt,
      {
        timeout: 30_000,
      },
    )
    .not.toBeNull();
  const backup = await pageRpc<{ id: string }>(page, 'backups.create', {});
  // The page leaves this Bureau before it stops: a page left open would keep knocking at the
  // stopped host's port (connection refused) while the next one starts elsewhere.
  await page.goto('about:blank');
  await host.stop();

  // A power cut later, the cache file is no longer a database.
  const live = join(dataDir, 'bureau.sqlite');
  writeFileSync(live, Buffer.from('coupure de courant pendant l’écriture '.repeat(3000)));

  host = await startBuiltWebHost(TRAINING_COUNT, { dataDir });
  const consoleErrors = collectConsoleErrors(page);
  await page.goto(host.launchUrl);
  await expect(
    page.getByRole('heading', { name: 'La base de données de Bureau est endommagée' }),
  ).toBeVisible();
  await expect(page.getByText('n’est pas (ou plus) une base de données')).toBeVisible();
  await expect(page.getByText(live)).toBeVisible();
  await expect(page.getByText('Rien n’a été supprimé')).toBeVisible();
  await expect(page.getByRole('button', { name: /Repartir d’un cache vide/ })).toBeVisible();
  const restore = page.getByRole('button', { name: /^Restaurer la sauvegarde du / });
  await expect(restore).toHaveCount(1);
  await page.screenshot({ path: screenshotPath('recovery.png'), fullPage: true });
  copyFileSync(screenshotPath('recovery.png'), join(repoRoot, 'docs/screenshots/recovery.png'));

  await restore.click();
  await expect(page.getByText('Base remise en place. Redémarrage de Bureau…')).toBeVisible();
  // Bureau restarted in-process on the restored cache: the page reloads on the sign-in screen.
  await expect(page.getByRole('form', { name: 'Connexion' })).toBeVisible({ timeout: 30_000 });
  await signInAs(page, 'kossi.agbodjan');
  await page
    .getByRole('navigation', { name: 'Corbeilles' })
    .getByText('Tous', { exact: true })
    .click();
  await expect(
    page.getByTestId('inbox-grid').locator('[role="rowgroup"] [role="row"]').first(),
  ).toBeVisible();
  await expect(page.getByTestId('inbox-total')).toContainText(/\d+ dossiers/);
  await page.screenshot({ path: screenshotPath('recovery-restored-inbox.png') });

  // The damaged file was set aside, not deleted; the backup that replaced it is still there.
  const replaced = readdirSync(join(dataDir, 'replaced'));
  expect(replaced).toHaveLength(1);
  expect(existsSync(join(dataDir, 'replaced', replaced[0]!, 'bureau.sqlite'))).toBe(true);
  expect(existsSync(join(dataDir, 'backups', `${backup.id}.sqlite`))).toBe(true);
  expect(consoleErrors.filter((error) => !/503|Service Unavailable/.test(error))).toEqual([]);
});
