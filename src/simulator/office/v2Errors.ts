import { jsonReply, type SimReply } from '../router';

/**
 * The v2 error envelope (design multi-desk §3.2): v1's `{ error: { code, message } }` plus an
 * optional `details` object for programs. A v1 client reading a v2 error still finds code and
 * message where it always did.
 */

export interface V2ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export function v2ErrorReply(
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
  headers: Record<string, string> = {},
): SimReply {
  const body: V2ErrorBody = { error: details ? { code, message, details } : { code, message } };
  return jsonReply(status, body, headers);
}
