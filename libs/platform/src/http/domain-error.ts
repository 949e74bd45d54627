import { RuleError, RuleErrorKind } from '@fg/kernel';

export type ErrorKind = RuleErrorKind;

/** The one place a kind of refusal becomes an HTTP status (ErrorFilter applies it to every RuleError). */
export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY: 429,
};

/**
 * A rule error raised by application or platform code (the pure domains extend `RuleError` with their own
 * code unions). One exception filter maps every `RuleError` to HTTP, so handlers never throw Nest HTTP exceptions.
 */
export class DomainError extends RuleError {}

export const notFound = (what: string, id: string, code = 'NOT_FOUND') =>
  new DomainError('NOT_FOUND', code, `${what} ${id} not found`);
