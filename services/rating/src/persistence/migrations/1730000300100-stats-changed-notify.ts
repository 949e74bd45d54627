import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a scorecard, a ranking or a certification progress reads: a change to any of them changes an answer. */
const READ_BY_STANDINGS = [
  'unit_metrics',
  'assessments',
  'unit_schemes',
  'schemes',
  'unit_registry',
  'unit_targets',
];

/**
 * `stats_changed()`: a statement trigger on every table the standings read NOTIFYs `stats_<schema>` in the
 * writing transaction; Postgres delivers it at commit to every instance, which then drops its cached answers
 * (`StatsCache` of @fg/platform, as in the dossier and survey services).
 */
export class StatsChangedNotify1730000300100 implements MigrationInterface {
  name = 'StatsChangedNotify1730000300100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE FUNCTION stats_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN PERFORM pg_notify('stats_' || current_schema(), ''); RETURN NULL; END $$`);
    for (const t of READ_BY_STANDINGS) {
      await q.query(
        `CREATE TRIGGER ${t}_stats_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION stats_changed()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of READ_BY_STANDINGS) await q.query(`DROP TRIGGER ${t}_stats_changed ON ${t}`);
    await q.query('DROP FUNCTION stats_changed()');
  }
}
