import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'bureau_session';

/** Only our own origin may call: refuses DNS-rebinding hosts and cross-site pages. */
export function isAllowedHost(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function isAllowedOrigin(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true; // same-origin GETs and non-browser clients send none
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/**
 * Who is calling: a browser session (the HttpOnly cookie handed out when the launch token was
 * traded), or a tool holding the launch token itself (`Authorization: Bearer`), which may name
 * its session in `X-Bureau-Session`. `null`: neither, refuse.
 */
export function sessionKeyOf(
  request: IncomingMessage,
  token: string,
  browserSessions: ReadonlySet<string>,
): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ') && sameSecret(header.slice(7), token)) {
    const named = request.headers['x-bureau-session'];
    const name =
      typeof named === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(named) ? named : 'default';
    return `bearer:${name}`;
  }
  const cookie = cookieValue(request, SESSION_COOKIE);
  return cookie !== null && browserSessions.has(cookie) ? `web:${cookie}` : null;
}
