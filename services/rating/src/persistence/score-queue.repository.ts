import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { UnitYear } from '../events/metric-book';

/** A CTE another repository's statement carries (`cte` gets the number of its first parameter). */
export interface StatementPart {
  cte: (firstParam: number) => string;
  params: unknown[];
}

/** The one statement that appends marks, its two parameters numbered from `first` (see `markParams`). */
const insertMarks = (first: number) =>
  /* sql */ `INSERT INTO score_dirty (unit_code, year) SELECT * FROM unnest($${first}::text[], $${first + 1}::int[])`;
const markParams = (pairs: UnitYear[]) => [pairs.map((p) => p.unitCode), pairs.map((p) => p.year)];

/** Pending scorecard recomputes (`score_dirty`): marked by the consumers, taken by the score worker. */
@Injectable()
export class ScoreQueueRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Appends one mark per pair (migration 1730000600900): never a conflict with another transaction's row. With
   * one row per pair, a consumer either found the pair pending and did nothing (its counters then went unscored
   * if the worker took that row before the consumer committed: a published score one change behind until the
   * unit's next event, the flaky replay test of scorecard-from-events.int.spec.ts) or, locking the row to avoid
   * that, waited for the worker's whole recompute transaction. Appended rows the worker has not seen (not yet
   * committed when it looked) stay for its next pass.
   */
  async mark(manager: EntityManager, pairs: UnitYear[]): Promise<void> {
    if (!pairs.length) return;
    await manager.query(insertMarks(1), markParams(pairs));
  }

  /**
   * The same marks as a data-modifying CTE (`marked`) for the statement that adds the counters, so a consumer
   * transaction makes one round trip less (44 consumer transactions/s at 1,000 events/s in the freshness bench,
   * where the rating process spent 14 % of its time in socket writes). Its parameters follow the statement's.
   */
  markAlong(pairs: UnitYear[]): StatementPart | undefined {
    if (!pairs.length) return undefined;
    return { cte: (first) => `marked AS (${insertMarks(first)})`, params: markParams(pairs) };
  }

  /**
   * Removes up to `limit` marks, oldest first, and returns the pairs they name (each once), in the caller's
   * transaction: if it rolls back they are pending again. Marks another transaction is taking are skipped rather
   * than waited for.
   */
  async take(manager: EntityManager, limit: number): Promise<UnitYear[]> {
    // Wrapped in a SELECT: TypeORM returns [rows, count] for a bare DELETE … RETURNING.
    return manager.query(
      /* sql */ `WITH taken AS (
          DELETE FROM score_dirty WHERE seq IN (
            SELECT seq FROM score_dirty ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
          ) RETURNING unit_code, year
        ) SELECT DISTINCT unit_code AS "unitCode", year FROM taken`,
      [limit],
    );
  }

  /** Whether any (unit, year) waits, read outside a transaction (cheap: one index probe). */
  async anyMarked(): Promise<boolean> {
    return (await this.ds.query<unknown[]>(`SELECT 1 FROM score_dirty LIMIT 1`)).length > 0;
  }
}
