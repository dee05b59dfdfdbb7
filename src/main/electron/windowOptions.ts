import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowPlacement } from './windowState';

/** Electron's `BrowserWindow` in the app; a recorder in the unit test. */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

export interface MainWindowSettings {
  /** The sandboxed CommonJS preload (`out/preload/index.cjs`). */
  preload: string;
  /** Where the window opens: the remembered place, already clamped to a visible display. */
  placement: WindowPlacement;
  /** The window icon on Linux (Windows takes the executable's). */
  icon?: string;
  /** Developer tools: in development only, never in a packaged build. */
  devTools: boolean;
}

export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 640;

/**
 * Creates the one window. Every option is written out at the `new BrowserWindow` call itself, not
 * assembled elsewhere: a reader (and Electronegativity, which reads the call's literal) sees the
 * whole security posture in one place, and the unit test asserts the complete literal.
 */
export function createMainWindow<W>(
  BrowserWindow: WindowConstructor<W>,
  settings: MainWindowSettings,
): W {
  const { placement } = settings;
  return new BrowserWindow({
    ...(placement.x !== undefined && placement.y !== undefined
      ? { x: placement.x, y: placement.y }
      : { center: true }),
    width: placement.width,
    height: placement.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'Bureau',
    ...(settings.icon ? { icon: settings.icon } : {}),
    backgroundColor: '#f8f9fa',
    autoHideMenuBar: false,
    webPreferences: {
      // Electronegativity flags every preload for review; reviewed: src/preload/index.ts exposes
      // only `invoke` and `on` through contextBridge, never ipcRenderer itself.
      preload: settings.preload, // eng-disable PRELOAD_JS_CHECK
      // The renderer is untrusted web content: isolated, sandboxed, no Node anywhere.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click cannot open anything either (new windows are denied anyway).
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      // A page cannot trap the clerk in a loop of alert() boxes.
      safeDialogs: true,
      // Unused (French and English forms, no spell-check wanted) and it would send words to a
      // dictionary service on some platforms.
      spellcheck: false,
      enableWebSQL: false,
      plugins: false,
      // Zoom is the renderer's own, persisted setting (root font size), driven by the menu too:
      // Chromium's per-origin zoom would stack on top of it.
      zoomFactor: 1,
      devTools: settings.devTools,
    },
  });
}
