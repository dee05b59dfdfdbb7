import type { ApiErrorCode } from '../../../shared/api/result';

/** A refusal the user should read: thrown by services, turned into a typed result at the boundary. */
export class DomainError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** The input field the refusal is about (dotted path, `numberingCode`, `holidays.3.date`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
