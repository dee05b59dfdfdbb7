import i18next from 'i18next';
import { ApiCallError } from '../../../shared/api/client';
import type { ApiReason } from '../../../shared/api/refusals';
import { localizeRefusalParams } from '../../../shared/api/refusalWords';
import { refusalWordsOf } from '../forms/refusalMessages';
import { isLanguage } from '../i18n/language';

/**
 * A refusal in the user's language: the core's key and parameters translated (codes said as
 * words, hours as the language writes them), or its French message when it sent none (or a key
 * this renderer does not know yet).
 */
export function refusalText(reason: ApiReason | null | undefined, message: string): string {
  if (!reason) return message;
  const key = `refusals.${reason.key}`;
  if (!i18next.exists(key)) return message;
  const language = isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'fr';
  const params = localizeRefusalParams(reason.params, refusalWordsOf(language), language);
  return String(i18next.t(key as never, params as never));
}

/** The text to show for a failed call: the server's refusal, translated, or a generic one. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiCallError) return refusalText(error.error.reason, error.message);
  return fallback;
}
