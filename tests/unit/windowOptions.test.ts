import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { isAppUrl, PACKAGED_RENDERER_INDEX_URL } from '../../src/main/electron/appUrl';
import { createMainWindow } from '../../src/main/electron/windowOptions';

/** Stands in for Electron's BrowserWindow: records what it was constructed with. */
class RecordingWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

const open = (settings: Partial<Parameters<typeof createMainWindow>[1]> = {}) =>
  createMainWindow(RecordingWindow, {
    preload: '/app/out/preload/index.cjs',
    placement: { x: 40, y: 30, width: 1300, height: 800, maximized: false },
    devTools: false,
    ...settings,
  }).options;

describe('the main window', () => {
  it('is created with exactly these options: hardened renderer, remembered place', () => {
    expect(open({ icon: '/app/resources/icons/512x512.png' })).toStrictEqual({
      x: 40,
      y: 30,
      width: 1300,
      height: 800,
      minWidth: 1024,
      minHeight: 640,
      show: false,
      title: 'Bureau',
      icon: '/app/resources/icons/512x512.png',
      backgroundColor: '#f8f9fa',
      autoHideMenuBar: false,
      webPreferences: {
        preload: '/app/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        disableBlinkFeatures: 'Auxclick',
        webviewTag: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        spellcheck: false,
        enableWebSQL: false,
        plugins: false,
        zoomFactor: 1,
        devTools: false,
      },
    });
  });

  it('is centred when no place is remembered, and has no icon option unless given one', () => {
    const options = open({ placement: { width: 1440, height: 900, maximized: false } });
    expect(options).toMatchObject({ center: true, width: 1440, height: 900 });
    expect(options).not.toHaveProperty('x');
    expect(options).not.toHaveProperty('y');
    expect(options).not.toHaveProperty('icon');
  });

  it('has developer tools only when asked (development builds)', () => {
    expect(open({ devTools: true }).webPreferences?.devTools).toBe(true);
    expect(open().webPreferences?.devTools).toBe(false);
  });

  it('never enables a Blink feature nor a remote module', () => {
    const preferences = open().webPreferences as Record<string, unknown>;
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences).not.toHaveProperty('enableRemoteModule');
    expect(preferences.preload).toMatch(/\.cjs$/);
  });
});

describe('our own page', () => {
  it('is the renderer index, whatever the route in its fragment', () => {
    const index = PACKAGED_RENDERER_INDEX_URL;
    expect(index).toBe('bureau://app/index.html');
    expect(isAppUrl(`${index}#/inbox/mine`, index)).toBe(true);
    expect(isAppUrl('bureau://app/index.html', index)).toBe(true);
    expect(isAppUrl('bureau://app/other.html', index)).toBe(false);
    expect(isAppUrl('bureau://evil/index.html', index)).toBe(false);
    expect(isAppUrl('file:///app/out/renderer/index.html', index)).toBe(false);
    expect(isAppUrl('https://evil.example/index.html', index)).toBe(false);
    expect(isAppUrl('not a url', index)).toBe(false);
  });

  it('is the dev server page with or without its trailing slash', () => {
    expect(isAppUrl('http://localhost:5173/#/inbox/mine', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});
