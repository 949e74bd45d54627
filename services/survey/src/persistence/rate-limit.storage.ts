import { ThrottlerStorage } from '@nestjs/throttler';
import { DataSource } from 'typeorm';

/**
 * Fixed-window hit counts in Postgres, so the kiosk limit holds across every instance of the service
 * (the throttler's default storage is one process's memory). One upsert per request: the row lock makes
 * concurrent hits of one device count one by one.
 */
export class PostgresRateLimitStorage implements ThrottlerStorage {
  constructor(private readonly ds: DataSource) {}

  async increment(
    key: string,
    ttlMs: number,
    limit: number,
  ): Promise<{ totalHits: number; timeToExpire: number; isBlocked: boolean; timeToBlockExpire: number }> {
    const rows: { hits: number; seconds_left: number }[] = await this.ds.query(
      /* sql */ `INSERT INTO rate_limit_windows AS w (key, hits, window_ends) VALUES ($1, 1, now() + $2 * interval '1 millisecond')
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN w.window_ends <= now() THEN 1 ELSE w.hits + 1 END,
          window_ends = CASE WHEN w.window_ends <= now() THEN now() + $2 * interval '1 millisecond' ELSE w.window_ends END
        RETURNING hits, greatest(1, ceil(extract(epoch FROM w.window_ends - now())))::int AS seconds_left`,
      [key, ttlMs],
    );
    const { hits, seconds_left } = rows[0];
    const isBlocked = hits > limit;
    return {
      totalHits: hits,
      timeToExpire: seconds_left,
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds_left : 0,
    };
  }
}
