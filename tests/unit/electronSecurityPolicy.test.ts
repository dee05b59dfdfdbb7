import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// A recording stand-in for Electron's default session (the binary is not needed for this).
const recorded = vi.hoisted(() => ({
  handlers: {} as Record<string, (...args: never[]) => unknown>,
  spellCheck: true as boolean,
}));
vi.mock('electron', () => {
  const record =
    (name: string) =>
    (handler: (...args: never[]) => unknown): void => {
      recorded.handlers[name] = handler;
    };
  return {
    session: {
      defaultSession: {
        setPermissionRequestHandler: record('request'),
        setPermissionCheckHandler: record('check'),
        setDevicePermissionHandler: record('device'),
        setSpellCheckerEnabled: (enabled: boolean) => {
          recorded.spellCheck = enabled;
        },
        webRequest: { onHeadersReceived: record('headers') },
      },
    },
  };
});

const { applySessionPolicy, lockDownContents } =
  await import('../../src/main/electron/securityPolicy');
const { CONTENT_SECURITY_POLICY } = await import('../../src/main/web/securityHeaders');

const INDEX = 'bureau://app/index.html';
type Handler = (...args: unknown[]) => unknown;
const handler = (name: string) => recorded.handlers[name] as unknown as Handler;

describe('the Electron session policy', () => {
  beforeEach(() => {
    recorded.handlers = {};
    recorded.spellCheck = true;
    applySessionPolicy(INDEX);
  });

  it('answers permission requests through the default-deny policy', () => {
    const answer = (permission: string, requestingUrl: string) => {
      const callback = vi.fn();
      handler('request')(null, permission, callback, { requestingUrl });
      return callback.mock.calls[0]?.[0] as boolean;
    };
    expect(answer('media', `${INDEX}#/inbox/mine`)).toBe(false);
    expect(answer('notifications', `${INDEX}#/inbox/mine`)).toBe(false);
    expect(answer('clipboard-sanitized-write', `${INDEX}#/inbox/mine`)).toBe(true);
    expect(answer('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });

  it('answers permission checks the same way, falling back to the asking page', () => {
    const contents = { getURL: () => `${INDEX}#/cases/1` };
    expect(handler('check')(contents, 'geolocation', 'bureau://app', {})).toBe(false);
    expect(handler('check')(contents, 'clipboard-sanitized-write', 'bureau://app', {})).toBe(true);
    expect(handler('check')(null, 'clipboard-sanitized-write', '', {})).toBe(false);
  });

  it('refuses devices, turns spell-check off and puts the CSP on every response', () => {
    expect(handler('device')({ deviceType: 'usb' })).toBe(false);
    expect(recorded.spellCheck).toBe(false);
    const callback = vi.fn();
    handler('headers')({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});

describe('any web contents', () => {
  class FakeContents extends EventEmitter {
    openHandler: (() => unknown) | null = null;
    setWindowOpenHandler(handler: () => unknown) {
      this.openHandler = handler;
    }
  }
  const event = (url?: string) => ({ url, preventDefault: vi.fn() });

  it('cannot navigate away, redirect, attach a webview or open a window', () => {
    const contents = new FakeContents();
    lockDownContents(contents as never, INDEX);

    const inApp = event();
    contents.emit('will-navigate', inApp, `${INDEX}#/cases/7`);
    expect(inApp.preventDefault).not.toHaveBeenCalled();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'bureau://app/x.html']) {
      const away = event();
      contents.emit('will-navigate', away, url);
      expect(away.preventDefault).toHaveBeenCalled();
      const frame = event(url);
      contents.emit('will-frame-navigate', frame);
      expect(frame.preventDefault).toHaveBeenCalled();
    }
    for (const name of ['will-redirect', 'will-attach-webview']) {
      const blocked = event();
      contents.emit(name, blocked, 'https://evil.example/');
      expect(blocked.preventDefault).toHaveBeenCalled();
    }
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
  });
});
