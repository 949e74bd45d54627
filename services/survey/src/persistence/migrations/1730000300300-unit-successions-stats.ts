import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The satisfaction statistics of a unit read its predecessors' answers (docs/domain.md §Administrative units),
 * so the local copy of the successions is one more table the cached answers depend on: a recorded succession
 * NOTIFYs like a change of the units or the buckets (see StatsChangedNotify1730000300100).
 */
export class UnitSuccessionsStats1730000300300 implements MigrationInterface {
  name = 'UnitSuccessionsStats1730000300300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TRIGGER unit_successions_stats_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit_successions FOR EACH STATEMENT EXECUTE FUNCTION stats_changed()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER unit_successions_stats_changed ON unit_successions');
  }
}
