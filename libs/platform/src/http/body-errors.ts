/** An error the body parser passes on (its `type` says which); the budget check throws one of its own. */
export type BodyError = { type?: string; status?: number; message?: string };

/**
 * Status, code and message of a body parser's error, or undefined for any other error: the one mapping used by
 * the middleware chain and by the ErrorFilter (a deferred body is parsed after the guards, see deferred-body.ts).
 */
export function bodyErrorProblem(err: unknown): [number, string, string] | undefined {
  const e = err as BodyError | undefined;
  if (e?.type === 'entity.parse.failed')
    return [400, 'REQUEST.MALFORMED_JSON', 'Request body is not valid JSON'];
  if (e?.type === 'entity.too.large') return [413, 'REQUEST.TOO_LARGE', 'Request body is too large'];
  if (e?.type === 'entity.over.budget')
    return [400, 'REQUEST.OVER_BUDGET', `Request body refused: ${e.message}`];
  return undefined;
}
