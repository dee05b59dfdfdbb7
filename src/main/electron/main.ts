import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { appRootFrom, rendererDirOf } from '../bootstrap/appPaths';
import { startBureau, type RunningBureau } from '../bootstrap/startBureau';
import { bridgeIpc } from './ipcBridge';
import { applySessionPolicy, lockDownContents } from './securityPolicy';
import { mainWindowOptions } from './windowOptions';

/** The Electron shell: one hardened window over the same core as the web host. Thin on purpose. */
app.enableSandbox();

let bureau: RunningBureau | null = null;

async function launch(): Promise<void> {
  applySessionPolicy();
  const appRoot = appRootFrom(import.meta.dirname);
  bureau = await startBureau({
    appRoot,
    dataDir: process.env.BUREAU_DATA_DIR || join(app.getPath('userData'), 'data'),
    host: 'electron',
    version: app.getVersion(),
  });
  const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const rendererIndexUrl =
    devServer ?? pathToFileURL(join(rendererDirOf(appRoot), 'index.html')).href;
  const window = new BrowserWindow(
    mainWindowOptions(join(import.meta.dirname, '..', 'preload', 'index.cjs')),
  );
  lockDownContents(window.webContents, rendererIndexUrl);
  const core = bureau.core;
  const unbridge = bridgeIpc({
    window,
    rendererIndexUrl,
    dispatch: core.dispatch,
    events: core.events,
    context: (sessionKey) => core.contextFor(sessionKey),
  });
  window.on('closed', unbridge);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${rendererIndexUrl}#/inbox/mine`);
}

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app
  .whenReady()
  .then(launch)
  .catch((error: unknown) => {
    console.error("Bureau n'a pas pu démarrer :", error);
    app.exit(1);
  });

app.on('window-all-closed', () => app.quit());

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !bureau) return;
  // Finish the current transaction and close the database before the process exits.
  event.preventDefault();
  quitting = true;
  void bureau.stop().finally(() => app.quit());
});
