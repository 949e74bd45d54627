/**
 * What kind of refusal an error is. The platform's exception filter gives each kind its one HTTP status
 * (`libs/platform/src/http/domain-error.ts`), so domain code names the kind and never a status number.
 */
export type RuleErrorKind =
  'INVALID' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY';

/**
 * The one base of every typed error the services throw: a stable `code` (e.g. `TICKET.INVALID_TRANSITION`,
 * never changing meaning once published), an English `message` for logs and the problem's detail, optional
 * `details` for clients, and the `kind` of refusal. A service's own errors extend it with their code union and
 * fix each code's kind in one table, so a code cannot be a 409 in one handler and a 400 in another.
 */
export class RuleError<Code extends string = string> extends Error {
  constructor(
    readonly kind: RuleErrorKind,
    readonly code: Code,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    // The subclass's own name (QueueRuleError, DomainError…), so logs and stack traces say which service's rule.
    this.name = new.target.name;
  }
}

export const isRuleError = (e: unknown): e is RuleError => e instanceof RuleError;
