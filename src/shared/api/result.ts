import type { ApiReason } from './refusals';

/**
 * What crosses the boundary: the French message is for the user, the code for the program; a
 * `reason` (key and parameters) lets the renderer say it in the user's language.
 */
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

/** One refused input field: its dotted path in the method's input (`holidays.3.date`). */
export interface ApiFieldIssue {
  field: string;
  message: string;
  reason?: ApiReason;
}

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /**
   * `invalid_input` only: every field the contract refused, so a form can say it beside the
   * field instead of showing the message as a whole.
   */
  issues?: readonly ApiFieldIssue[];
  /** The refusal as a key and parameters, for the renderer to translate. */
  reason?: ApiReason;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (
  code: ApiErrorCode,
  message: string,
  details?: Pick<ApiError, 'issues' | 'reason'>,
): Result<never> => ({
  ok: false,
  error: {
    code,
    message,
    ...(details?.issues ? { issues: details.issues } : {}),
    ...(details?.reason ? { reason: details.reason } : {}),
  },
});
