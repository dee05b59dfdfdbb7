import { ApiCallError } from '../../../shared/api/client';

/** The text to show for a failed call: the server's French message, or a generic one. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiCallError) return error.message;
  return fallback;
}
