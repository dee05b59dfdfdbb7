import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { join } from 'node:path';
import { signInAs } from '../support/e2ePage';
import { repoRoot, tempDir } from '../support/paths';
import { installedElectronBinary } from './electronBinary';

const binary = installedElectronBinary();
const SKIP_REASON =
  'Binaire Electron absent sur cette machine (il se télécharge au premier lancement, impossible sans accès à son hôte de publication) : parcours Electron non exécuté.';
if (binary === null) console.log(`[tests/electron] ignoré — ${SKIP_REASON}`);

test.describe('Electron shell: the clerk’s journey', () => {
  test.skip(binary === null, SKIP_REASON);

  let app: ElectronApplication | null = null;
  test.afterEach(async () => {
    await app?.close();
    app = null;
  });

  test('signs in, finds the synced inbox, opens a case and claims it', async () => {
    app = await electron.launch({
      executablePath: binary!,
      args: [repoRoot],
      env: {
        ...process.env,
        BUREAU_PORTAL_URL: '',
        ELECTRON_RENDERER_URL: '',
        BUREAU_DATA_DIR: tempDir('bureau-electron-'),
      },
      cwd: repoRoot,
    });
    const window = await app.firstWindow();

    // The hardened shell: our own scheme, no Node in the page, only the two-method bridge.
    expect(window.url()).toMatch(/^bureau:\/\/app\/index\.html#/);
    const exposed = await window.evaluate(() => {
      const scope = globalThis as { require?: unknown; process?: unknown; bureau?: object };
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        bridge: scope.bureau ? Object.keys(scope.bureau).sort() : null,
      };
    });
    expect(exposed).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: ['invoke', 'on'],
    });
    // Sign in on the « Connexion » form as the training agent.
    await signInAs(window, 'kossi.agbodjan');
    const nav = window.getByRole('navigation', { name: 'Corbeilles' });
    await expect(nav).toContainText('Mes dossiers');
    await expect(window.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });

    // Open the first case waiting in the office's queue.
    await nav.getByText('À traiter', { exact: true }).click();
    const rows = window.getByTestId('inbox-grid').locator('[role="rowgroup"] [role="row"]');
    await expect(rows.first()).toBeVisible({ timeout: 30_000 });
    await expect(window.getByTestId('inbox-grid')).toContainText('Reçue');
    await rows.first().click();
    await expect(window).toHaveURL(/#\/cases\//);

    // Claim it.
    await expect(window.getByTestId('claim-state')).toContainText('Personne n’a pris ce dossier');
    await window.getByTestId('action-claim').click();
    await expect(window.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');
    await window.screenshot({ path: join(repoRoot, 'tests/artifacts/electron-case-claimed.png') });

    // The French application menu is installed.
    const menu = await app.evaluate(({ Menu }) =>
      Menu.getApplicationMenu()?.items.map((item) => item.label.replace('&', '')),
    );
    expect(menu).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);
  });
});
