/** What crosses the boundary: the French message is for the user, the code for the program. */
export const API_ERROR_CODES = [
  'unknown_method',
  'invalid_input',
  'unauthenticated',
  'forbidden',
  /** A locked session, or an account locked out after repeated failed sign-ins. */
  'locked',
  'not_found',
  'conflict',
  'unavailable',
  /** The case's state machine refused the action (held by someone else, four-eyes…). */
  'workflow_refused',
  /** The thing exists but is not there yet (an attachment still downloading). */
  'not_ready',
  /** A stored file no longer matches its recorded SHA-256. */
  'integrity_failed',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiError {
  code: ApiErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ApiErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});
