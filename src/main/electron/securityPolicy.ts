import { session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../web/securityHeaders';
import { isAppUrl } from './appUrl';
import { isPermissionAllowed } from './permissionPolicy';

/**
 * Default-deny for the session: permissions (asked or probed), devices, spell-check; the CSP on
 * every response (the dev server's too; `bureau://` answers carry it themselves).
 */
export function applySessionPolicy(rendererIndexUrl: string): void {
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, rendererIndexUrl));
  });
  defaultSession.setPermissionCheckHandler((contents, permission, _origin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? contents?.getURL(), rendererIndexUrl),
  );
  defaultSession.setDevicePermissionHandler(() => false);
  defaultSession.setSpellCheckerEnabled(false);
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}

/**
 * Any web contents, ours or not: no navigation away from our page, no redirects, no `<webview>`,
 * no new windows. Installed from `web-contents-created`, so nothing is created without it.
 */
export function lockDownContents(contents: WebContents, rendererIndexUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererIndexUrl)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, rendererIndexUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
