import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * Distinct statement texts one process prepares at most. Each prepared statement keeps its parse tree (and,
 * after five runs, maybe a generic plan) in every pooled backend that ran it, so the set must stay small; past
 * the bound a text runs unnamed, as any other statement.
 */
export const MAX_PREPARED_STATEMENTS = 64;

const names = new Map<string, string>();

/** The node-postgres statement name of `text`, or undefined once the bound is reached. */
export function preparedStatementName(text: string): string | undefined {
  const known = names.get(text);
  if (known || names.size >= MAX_PREPARED_STATEMENTS) return known;
  // Named after the text itself: node-postgres refuses one name for two texts on a connection, and two texts
  // cannot share a name short of a SHA-1 collision.
  const name = `fg_${createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 24)}`;
  names.set(text, name);
  return name;
}

/**
 * `manager.query(text, values)` as a named statement: PostgreSQL parses and plans it once per pooled
 * connection instead of on every run. For the hot, fixed statements of a request path only (call-next, the
 * outbox, the inbox): issue #21 measured call-next's read (a 2.7 KB statement) at 1.84 ms per transaction
 * unnamed against 0.78 ms named on the same connection, the difference being parse and plan. PostgreSQL
 * plans a named statement for each run's values for its first five runs, then switches to one generic plan only
 * where it estimates that no dearer than those (`plan_cache_mode = auto`).
 *
 * It goes through TypeORM's query runner (the caller's transaction, its error type `QueryFailedError`):
 * the runner hands its first argument to `pg`'s `client.query`, which takes a query config as well as a text.
 */
export function preparedQuery<T = unknown[]>(
  manager: Pick<EntityManager, 'query'>,
  text: string,
  values: readonly unknown[],
): Promise<T> {
  const config = prepared(text);
  if (!config.name) return manager.query<T>(text, values as unknown[]);
  return manager.query<T>(config as unknown as string, values as unknown[]);
}

/**
 * For a raw `pg` client (the outbox relay's): `client.query(prepared(text), values)` runs `text` as a named
 * statement, or unnamed past the bound, as `preparedQuery` does through TypeORM.
 */
export function prepared(text: string): { name?: string; text: string } {
  return { name: preparedStatementName(text), text };
}
