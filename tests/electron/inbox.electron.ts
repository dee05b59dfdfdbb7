import { _electron as electron, expect, test } from '@playwright/test';
import { join } from 'node:path';
import { repoRoot, tempDir } from '../support/paths';
import { installedElectronBinary } from './electronBinary';

const binary = installedElectronBinary();
const SKIP_REASON =
  'Binaire Electron absent sur cette machine (il se télécharge au premier lancement, impossible sans accès à son hôte de publication) : parcours Electron non exécuté.';
if (binary === null) console.log(`[tests/electron] ignoré — ${SKIP_REASON}`);

test.describe('Electron shell: the clerk sees the synced inbox', () => {
  test.skip(
    binary === null,
    'Binaire Electron absent sur cette machine (il se télécharge au premier lancement, impossible sans accès à son hôte de publication) : parcours Electron non exécuté.',
  );

  test('opens the inbox with synced applications in French', async () => {
    const app = await electron.launch({
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
    const isolated = await window.evaluate(
      () => typeof (globalThis as { require?: unknown }).require,
    );
    expect(isolated).toBe('undefined');
    await expect(window.getByRole('navigation')).toContainText('Mes dossiers');
    await expect(window.getByText('Reçue').first()).toBeVisible({ timeout: 30_000 });
    await window.screenshot({ path: join(repoRoot, 'tests/artifacts/electron-inbox.png') });
    await app.close();
  });
});
