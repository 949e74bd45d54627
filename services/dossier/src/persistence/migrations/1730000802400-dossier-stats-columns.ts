import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The columns of `dossiers` that a statistics answer reads (the open and overdue counts of
 * `TimelinessStatsRepository.open`), frozen here: a migration must not change when code changes later. A new
 * column read there needs a migration that adds it to the trigger.
 */
const READ_BY_STATISTICS = ['status', 'due_at', 'unit_code', 'received_at', 'procedure_code'];

/**
 * `dossiers` NOTIFYs `stats_dossier` only when an update sets a column the statistics read (and on every insert,
 * delete and truncate), not on every update: linking a dossier to its queue ticket (`ticket_id`, ten times a
 * second under a steady stream of served tickets) or sealing its contact details changes no answer, yet dropped
 * every cached answer of every instance (issue #21).
 */
export class DossierStatsColumns1730000802400 implements MigrationInterface {
  name = 'DossierStatsColumns1730000802400';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER dossiers_stats_changed ON dossiers');
    await q.query(
      `CREATE TRIGGER dossiers_stats_changed AFTER INSERT OR DELETE OR TRUNCATE ON dossiers FOR EACH STATEMENT EXECUTE FUNCTION stats_changed()`,
    );
    await q.query(
      `CREATE TRIGGER dossiers_stats_columns_changed AFTER UPDATE OF ${READ_BY_STATISTICS.join(', ')} ON dossiers FOR EACH STATEMENT EXECUTE FUNCTION stats_changed()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER dossiers_stats_columns_changed ON dossiers');
    await q.query('DROP TRIGGER dossiers_stats_changed ON dossiers');
    await q.query(
      `CREATE TRIGGER dossiers_stats_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dossiers FOR EACH STATEMENT EXECUTE FUNCTION stats_changed()`,
    );
  }
}
