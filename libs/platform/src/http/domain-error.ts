export type ErrorKind = 'INVALID' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY';

export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY: 429,
};

/**
 * Typed error with a stable code (e.g. `TICKET.INVALID_TRANSITION`). Domain and application code throw
 * these; one exception filter maps them to HTTP, so handlers never throw Nest HTTP exceptions.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string, code = 'NOT_FOUND') =>
  new DomainError('NOT_FOUND', code, `${what} ${id} not found`);
