import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from '../../src/main/electron/permissionPolicy';

const INDEX = 'bureau://app/index.html';
const PAGE = `${INDEX}#/cases/42`;

// Every permission name Electron's request and check handlers may pass (electron.d.ts, v45).
const DENIED = [
  'clipboard-read',
  'display-capture',
  'fullscreen',
  'geolocation',
  'idle-detection',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'pointerLock',
  'keyboardLock',
  'openExternal',
  'speaker-selection',
  'storage-access',
  'top-level-storage-access',
  'window-management',
  'unknown',
  'fileSystem',
  'hid',
  'serial',
  'usb',
  'deprecated-sync-clipboard-read',
  'background-sync',
];

describe('the permission policy', () => {
  it('denies every permission to our own page, except writing text to the clipboard', () => {
    for (const permission of DENIED)
      expect(isPermissionAllowed(permission, PAGE, INDEX)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', PAGE, INDEX)).toBe(true);
  });

  it('denies everything, the clipboard too, to any other page or an unknown requester', () => {
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'bureau://app/other.html',
      'bureau://evil/index.html',
      '',
      undefined,
    ]) {
      expect(isPermissionAllowed('clipboard-sanitized-write', url, INDEX)).toBe(false);
      expect(isPermissionAllowed('media', url, INDEX)).toBe(false);
    }
  });
});
