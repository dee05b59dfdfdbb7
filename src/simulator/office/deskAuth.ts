import { createHash, timingSafeEqual } from 'node:crypto';
import type { SimReply, SimRequest } from '../router';
import { v2ErrorReply } from './v2Errors';

/**
 * Who is calling a `/api/v2/*` route (design multi-desk §3.2). Two kinds of bearer token:
 * - the **portal token** (the one v1 uses; needed only where the simulator was given one);
 * - a **desk token** (`dt_` + 32 random bytes in base64url), of which the portal keeps only the
 *   SHA-256. Desks are enrolled from step 3 on; until then no desk token is known.
 */

export type V2Caller = { kind: 'portal' } | { kind: 'desk'; deskId: string };

export interface DeskTokenLookup {
  /** The desk whose token has this SHA-256 (hex), or null; `retired` desks are refused. */
  byTokenHash(sha256: string): { deskId: string; retired: boolean } | null;
}

/** Until enrollment exists (step 3), the simulator knows no desk. */
export const NO_DESKS: DeskTokenLookup = { byTokenHash: () => null };

export const DESK_TOKEN_PREFIX = 'dt_';

export function deskTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function tokensEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function unauthorized(code: string, message: string): SimReply {
  return v2ErrorReply(401, code, message, undefined, {
    'www-authenticate': 'Bearer realm="portail"',
  });
}

/** The caller, or the `401` to send. `portalToken` undefined = the portal token is not required. */
export function authenticateV2(
  request: SimRequest,
  portalToken: string | undefined,
  desks: DeskTokenLookup,
): V2Caller | SimReply {
  const header = request.headers.authorization ?? '';
  const given = /^Bearer (.+)$/.exec(header)?.[1] ?? '';
  if (given.startsWith(DESK_TOKEN_PREFIX)) {
    const desk = desks.byTokenHash(deskTokenHash(given));
    if (!desk) return unauthorized('desk_unknown', 'Jeton de poste inconnu du portail.');
    if (desk.retired) {
      return unauthorized(
        'desk_retired',
        'Ce poste a été retiré par un administrateur : il ne peut plus joindre le portail.',
      );
    }
    return { kind: 'desk', deskId: desk.deskId };
  }
  if (portalToken === undefined || tokensEqual(portalToken, given)) return { kind: 'portal' };
  return unauthorized('unauthorized', "Jeton d'accès absent ou invalide.");
}
