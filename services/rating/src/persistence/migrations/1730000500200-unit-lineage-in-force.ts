import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `unit_lineage.in_force_from`: the latest effective date along a link's chain (docs/domain.md
 * §Administrative units). `before` is the earliest one, so with A → C in force and C → D recorded ahead of
 * its date, D's link to A had a `before` already past and the standings gave D A's history early. Existing
 * rows are filled from the recorded successions: over every path from the predecessor to the unit, the
 * latest date of a path whose earliest date is the row's `before` (the path the closure kept), the earliest
 * such. The closure is rebuilt with the column by every later recording (domain `lineageClosure`).
 */
export class UnitLineageInForce1730000500200 implements MigrationInterface {
  name = 'UnitLineageInForce1730000500200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE unit_lineage ADD COLUMN in_force_from date');
    await q.query(/* sql */ `
      WITH RECURSIVE edge AS (
        SELECT succ, pred, s.effective_date AS d
        FROM unit_successions s, unnest(s.successors) AS succ, unnest(s.predecessors) AS pred
        WHERE succ <> pred
      ), path(unit, pred, lo, hi, depth) AS (
        SELECT succ, pred, d, d, 1 FROM edge
        UNION ALL
        SELECT p.unit, e.pred, LEAST(p.lo, e.d), GREATEST(p.hi, e.d), p.depth + 1
        FROM path p JOIN edge e ON e.succ = p.pred WHERE p.depth < 16
      )
      UPDATE unit_lineage l SET in_force_from = coalesce(
        (SELECT min(p.hi) FROM path p
          WHERE p.unit = l.unit_code AND p.pred = l.predecessor_code AND p.lo = l.before),
        l.before)`);
    await q.query('ALTER TABLE unit_lineage ALTER COLUMN in_force_from SET NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE unit_lineage DROP COLUMN in_force_from');
  }
}
