import {
  frenchRefusal,
  type ApiReason,
  type RefusalKey,
  type RefusalParams,
} from '../../../shared/api/refusals';
import { fail, type ApiErrorCode, type Result } from '../../../shared/api/result';

/** A refusal the user should read: thrown by services, turned into a typed result at the boundary. */
export class DomainError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** The input field the refusal is about (dotted path, `numberingCode`, `holidays.3.date`). */
    readonly field?: string,
    /** The refusal as a key and parameters, for the renderer to say in the user's language. */
    readonly reason?: ApiReason,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A refusal from the shared catalog: its French sentence, and its key for the renderer. */
export function refusal<K extends RefusalKey>(
  code: ApiErrorCode,
  key: K,
  params: RefusalParams<K>,
  field?: string,
): DomainError {
  return new DomainError(code, frenchRefusal(key, params), field, {
    key,
    params: params as Record<string, string | number>,
  });
}

/** What a refusal becomes at the boundary (both dispatchers): code, French, key, field. */
export function failureOf(error: DomainError): Result<never> {
  const reason = error.reason ? { reason: error.reason } : {};
  return fail(error.code, error.message, {
    ...reason,
    ...(error.field ? { issues: [{ field: error.field, message: error.message, ...reason }] } : {}),
  });
}
