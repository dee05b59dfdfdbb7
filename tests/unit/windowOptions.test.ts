import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../src/main/electron/windowOptions';
import { isAppUrl } from '../../src/main/electron/appUrl';

describe('Electron window security options', () => {
  const preferences = mainWindowOptions('/app/out/preload/index.cjs').webPreferences ?? {};

  it('isolates and sandboxes the renderer', () => {
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(preferences.preload).toMatch(/\.cjs$/);
  });

  it('treats only our own page as the app', () => {
    const index = 'file:///app/out/renderer/index.html';
    expect(isAppUrl(`${index}#/inbox/mine`, index)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', index)).toBe(false);
    expect(isAppUrl('https://evil.example/index.html', index)).toBe(false);
  });
});
