import { isAppUrl } from './appUrl';

/**
 * Which browser permissions the renderer gets: none, except writing plain text to the clipboard
 * (« copier la référence ») from our own page. Camera, microphone, geolocation, notifications,
 * HID/USB/serial, screen capture, fullscreen requests from the page, opening external links… are
 * all refused, whether asked (request handler) or merely probed (check handler).
 */
const ALLOWED_FROM_APP: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
  rendererIndexUrl: string,
): boolean {
  if (!requestingUrl || !isAppUrl(requestingUrl, rendererIndexUrl)) return false;
  return ALLOWED_FROM_APP.has(permission);
}
