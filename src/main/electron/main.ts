import { join } from 'node:path';
import { app, BrowserWindow, Menu, screen } from 'electron';
import type { ApiEventMessage, DesktopCommand } from '../../shared/api/events';
import { IPC_EVENT_CHANNEL } from '../../shared/api/ipcChannels';
import { appRootFrom } from '../bootstrap/appPaths';
import { startBureau, type RunningBureau } from '../bootstrap/startBureau';
import { claimSingleInstance, focusWindow, gracefulQuit } from './appLifecycle';
import { PACKAGED_RENDERER_INDEX_URL } from './appUrl';
import { bridgeIpc } from './ipcBridge';
import { applicationMenuTemplate } from './menuTemplate';
import { registerRendererScheme, serveRenderer } from './rendererProtocol';
import { applySessionPolicy, lockDownContents } from './securityPolicy';
import { createMainWindow } from './windowOptions';
import { placeWindow } from './windowState';
import { readWindowState, writeWindowState } from './windowStateFile';

/** The Electron shell: one hardened window over the same core as the web host. Thin on purpose. */
app.enableSandbox();
registerRendererScheme();

let bureau: RunningBureau | null = null;
let mainWindow: BrowserWindow | null = null;

// `out/main/index.js` → `out/preload/index.cjs`, `out/renderer/` (inside app.asar once packaged).
const bundleDir = import.meta.dirname;
const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
const rendererIndexUrl = devServer ?? PACKAGED_RENDERER_INDEX_URL;

function sendCommand(command: DesktopCommand): void {
  const message: ApiEventMessage<'desktop.command'> = {
    event: 'desktop.command',
    payload: { command },
  };
  if (mainWindow && !mainWindow.isDestroyed()) {
    mainWindow.webContents.send(IPC_EVENT_CHANNEL, message);
  }
}

async function launch(): Promise<void> {
  applySessionPolicy(rendererIndexUrl);
  serveRenderer(join(bundleDir, '..', 'renderer'));
  const appRoot = appRootFrom(bundleDir);
  const userData = app.getPath('userData');
  bureau = await startBureau({
    appRoot,
    dataDir: process.env.BUREAU_DATA_DIR || join(userData, 'data'),
    host: 'electron',
    version: app.getVersion(),
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenuTemplate({
        isDev: !app.isPackaged,
        send: sendCommand,
        // The operating system's print dialog (never silent).
        print: () => mainWindow?.webContents.print({ silent: false, printBackground: true }),
      }),
    ),
  );

  const placement = placeWindow(
    readWindowState(userData),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = createMainWindow(BrowserWindow, {
    preload: join(bundleDir, '..', 'preload', 'index.cjs'),
    placement,
    icon: app.isPackaged ? undefined : join(appRoot, 'resources', 'icons', '512x512.png'),
    devTools: !app.isPackaged,
  });
  mainWindow = window;
  const core = bureau.core;
  const unbridge = bridgeIpc({
    window,
    rendererIndexUrl,
    dispatch: core.dispatch,
    events: core.events,
    context: (sessionKey, contextOptions) => core.contextFor(sessionKey, contextOptions),
  });
  window.on('close', () => {
    writeWindowState(userData, {
      bounds: window.getNormalBounds(),
      maximized: window.isMaximized(),
    });
  });
  window.on('closed', () => {
    unbridge();
    mainWindow = null;
  });
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });
  await window.loadURL(`${rendererIndexUrl}#/inbox/mine`);
}

if (claimSingleInstance(app, () => mainWindow)) {
  // Every web contents, whichever creates it, is locked down before it can load anything.
  app.on('web-contents-created', (_event, contents) =>
    lockDownContents(contents, rendererIndexUrl),
  );

  app
    .whenReady()
    .then(launch)
    .catch((error: unknown) => {
      console.error("Bureau n'a pas pu démarrer :", error);
      app.exit(1);
    });

  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => focusWindow(mainWindow));

  // Stop sync and close SQLite after the current transaction before the process exits; once.
  const onBeforeQuit = gracefulQuit({
    stop: () => bureau?.stop() ?? Promise.resolve(),
    quit: () => app.quit(),
  });
  app.on('before-quit', onBeforeQuit);
}
