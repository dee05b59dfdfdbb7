import i18next from 'i18next';
import { ApiCallError } from '../../../shared/api/client';
import type { ApiReason } from '../../../shared/api/refusals';

/**
 * A refusal in the user's language: the core's key and parameters translated, or its French
 * message when it sent none (or a key this renderer does not know yet).
 */
export function refusalText(reason: ApiReason | undefined, message: string): string {
  if (!reason) return message;
  const key = `refusals.${reason.key}`;
  return i18next.exists(key) ? String(i18next.t(key as never, reason.params as never)) : message;
}

/** The text to show for a failed call: the server's refusal, translated, or a generic one. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiCallError) return refusalText(error.error.reason, error.message);
  return fallback;
}
