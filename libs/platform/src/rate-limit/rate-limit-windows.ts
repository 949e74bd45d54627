import { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { DomainError } from '../http/domain-error';

/** One limit: at most `limit` hits per `windowSeconds` for a key; over it, a 429 with this code and message. */
export interface RateLimit {
  /** What is counted, e.g. `device:<kiosk sub>` or `lookup:<address>`; the table is shared by a service's limits. */
  key: string;
  limit: number;
  windowSeconds: number;
  /** The error code of the 429, e.g. `QUEUE.KIOSK_RATE_LIMITED`. */
  code: string;
  /** The English message; `{seconds}` is replaced by the seconds until the window ends. */
  message: string;
}

/**
 * Counts one hit of `limit.key` in a fixed window, in Postgres so that the limit holds across instances, and
 * throws 429 (`details.retryAfterSeconds`, sent as `Retry-After` by the error filter) once the window's hits
 * pass the limit. Run it in the transaction that does the limited work: a refused or failed request rolls
 * the hit back with everything else and writes nothing, and the window row's lock makes one key's concurrent
 * requests count one by one. A read-only route (a look-up) runs it in a transaction of its own, before the read.
 * Needs the table of `RateLimitWindows1730000000100` (or the survey service's own equivalent).
 */
export async function consumeRateLimit(m: EntityManager, limit: RateLimit): Promise<void> {
  const [row]: { hits: number; seconds_left: number }[] = await m.query(
    /* sql */ `INSERT INTO rate_limit_windows AS w (key, hits, window_ends) VALUES ($1, 1, now() + $2 * interval '1 millisecond')
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN w.window_ends <= now() THEN 1 ELSE w.hits + 1 END,
        window_ends = CASE WHEN w.window_ends <= now() THEN now() + $2 * interval '1 millisecond' ELSE w.window_ends END
      RETURNING hits, greatest(1, ceil(extract(epoch FROM w.window_ends - now())))::int AS seconds_left`,
    [limit.key, limit.windowSeconds * 1000],
  );
  if (row.hits > limit.limit) throw tooMany(limit, row.seconds_left);
}

/**
 * 429 when the key's current window already holds `limit.limit` hits, without counting this request: for a
 * limit on failures (wrong look-up keys), checked before the work, while `consumeRateLimit` counts a failure
 * after it. Reads only, so a refused request writes nothing.
 */
export async function assertRateLimitLeft(m: EntityManager, limit: RateLimit): Promise<void> {
  const [row]: { seconds_left: number }[] = await m.query(
    /* sql */ `SELECT greatest(1, ceil(extract(epoch FROM window_ends - now())))::int AS seconds_left
      FROM rate_limit_windows WHERE key = $1 AND window_ends > now() AND hits >= $2`,
    [limit.key, limit.limit],
  );
  if (row) throw tooMany(limit, row.seconds_left);
}

const tooMany = (limit: RateLimit, seconds: number) =>
  new DomainError('TOO_MANY', limit.code, limit.message.replace('{seconds}', String(seconds)), {
    retryAfterSeconds: seconds,
  });

/**
 * The per-key request windows of `consumeRateLimit`, for a service that lists this migration (queue, dossier;
 * survey created the same table in its own first migration). Expired rows are overwritten in place by the next
 * hit of their key, so the table holds at most one row per key ever seen.
 */
export class RateLimitWindows1730000000100 implements MigrationInterface {
  name = 'RateLimitWindows1730000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE rate_limit_windows (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        window_ends timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rate_limit_windows');
  }
}
