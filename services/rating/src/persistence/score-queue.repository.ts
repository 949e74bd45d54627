import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { UnitYear } from '../events/metric-book';

/** Pending scorecard recomputes (`score_dirty`): marked by the consumers, taken by the score worker. */
@Injectable()
export class ScoreQueueRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * A pair already pending stays pending once (one row), but is row-locked until the caller commits, without
   * writing it (`DO UPDATE … WHERE false` locks the conflicting row and updates nothing). The lock is what
   * makes the mark count: with `DO NOTHING` a consumer found the pair already pending, the worker took that
   * row and read the counters before the consumer committed, and once the consumer committed nothing was
   * pending any more, so its counters went unscored until the next event of that unit (a published score
   * one change behind: the flaky replay test in scorecard-from-events.int.spec.ts). Now the worker's
   * `SKIP LOCKED` leaves a row a consumer holds for the next pass, and a consumer marking a row the worker
   * is taking waits for it and then inserts a new one. Pairs are locked in order, as the counters are.
   */
  async mark(manager: EntityManager, pairs: UnitYear[]): Promise<void> {
    if (!pairs.length) return;
    await manager.query(
      /* sql */ `INSERT INTO score_dirty (unit_code, year)
        SELECT * FROM unnest($1::text[], $2::int[]) ORDER BY 1, 2
        ON CONFLICT (unit_code, year) DO UPDATE SET marked_at = score_dirty.marked_at WHERE false`,
      [pairs.map((p) => p.unitCode), pairs.map((p) => p.year)],
    );
  }

  /**
   * Removes and returns up to `limit` pending pairs, in the caller's transaction: if it rolls back they are
   * pending again. Rows another transaction is taking are skipped rather than waited for.
   */
  async take(manager: EntityManager, limit: number): Promise<UnitYear[]> {
    // Wrapped in a SELECT: TypeORM returns [rows, count] for a bare DELETE … RETURNING.
    return manager.query(
      /* sql */ `WITH taken AS (
          DELETE FROM score_dirty WHERE (unit_code, year) IN (
            SELECT unit_code, year FROM score_dirty ORDER BY marked_at LIMIT $1 FOR UPDATE SKIP LOCKED
          ) RETURNING unit_code, year
        ) SELECT unit_code AS "unitCode", year FROM taken`,
      [limit],
    );
  }

  /** Whether any (unit, year) waits, read outside a transaction (cheap: one index probe). */
  async anyMarked(): Promise<boolean> {
    return (await this.ds.query<unknown[]>(`SELECT 1 FROM score_dirty LIMIT 1`)).length > 0;
  }

  async depth(manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM score_dirty`);
    return row.n;
  }
}
