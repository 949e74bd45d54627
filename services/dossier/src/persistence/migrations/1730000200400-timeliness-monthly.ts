import { MigrationInterface, QueryRunner } from 'typeorm';

/** The counters of `timeliness_daily` when this migration was written (a later column needs its own migration). */
const COUNTERS = [
  'received',
  'received_counter',
  'received_online',
  'received_postal',
  'received_home',
  'received_same_day',
  'finished',
  'early',
  'on_time',
  'late',
  'late_without_apology',
  'late_with_apology',
  'resolved',
  'withdrawn',
  'stopped',
  'refused',
  'same_day_finished',
  'same_day_in_time',
  'apologies',
  'overdue_flagged',
];

/** `sign` rows of a transition table, keyed by (unit, local month, procedure). */
const rowsOf = (table: string, sign: '' | '-') =>
  `SELECT unit_code, date_trunc('month', day)::date AS month, procedure_code, ${COUNTERS.map((c) => `${sign}${c} AS ${c}`).join(', ')} FROM ${table}`;

/** Adds the (signed) rows to the monthly rollup, in key order so concurrent writers lock rows in the same order. */
const addToMonthly = (source: string) => /* sql */ `
  INSERT INTO timeliness_monthly AS m (unit_code, month, procedure_code, ${COUNTERS.join(', ')})
  SELECT unit_code, month, procedure_code, ${COUNTERS.map((c) => `sum(${c})`).join(', ')}
  FROM (${source}) AS d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (unit_code, month, procedure_code) DO UPDATE SET ${COUNTERS.map((c) => `${c} = m.${c} + EXCLUDED.${c}`).join(', ')}`;

/**
 * `timeliness_monthly`: the daily counters rolled up per unit, local month and procedure, so a dashboard over
 * whole months reads one row per unit × month × procedure instead of one per day (a 10-month province report:
 * ~50,000 rows instead of ~1,500,000). Reads take whole months from here and the partial months at either end
 * from `timeliness_daily` (`coverPeriod`, libs/platform/src/database/period-cover.ts).
 *
 * Kept exact by statement-level triggers on `timeliness_daily` with transition tables: whatever writes the
 * daily rows (the dossier writer, the overdue scanner, a bulk load, a manual fix), the same statement, hence
 * the same transaction, adds new − old to the month rows. TRUNCATE of the daily table (projection rebuild)
 * truncates the rollup too.
 *
 * Also `stats_changed()`: a statement trigger on every table a statistics answer reads (daily counters, open
 * dossiers, units, procedures) that NOTIFYs `stats_<schema>` in the writing transaction; Postgres delivers it at
 * commit to every instance, which then drops its cached answers (`StatsCache` of @fg/platform).
 */
export class TimelinessMonthly1730000200400 implements MigrationInterface {
  name = 'TimelinessMonthly1730000200400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE timeliness_monthly (
        unit_code text NOT NULL,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        procedure_code text NOT NULL,
        ${COUNTERS.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n        ')},
        PRIMARY KEY (unit_code, month, procedure_code)
      )`);
    // SET search_path FROM CURRENT: the functions find the service schema's tables even when called from a
    // session with another search_path (the benchmark's bulk load, psql).
    await q.query(/* sql */ `
      CREATE FUNCTION timeliness_monthly_on_insert() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN ${addToMonthly(rowsOf('new_rows', ''))}; RETURN NULL; END $$`);
    await q.query(/* sql */ `
      CREATE FUNCTION timeliness_monthly_on_update() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN ${addToMonthly(`${rowsOf('new_rows', '')} UNION ALL ${rowsOf('old_rows', '-')}`)}; RETURN NULL; END $$`);
    await q.query(/* sql */ `
      CREATE FUNCTION timeliness_monthly_on_delete() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN ${addToMonthly(rowsOf('old_rows', '-'))}; RETURN NULL; END $$`);
    await q.query(/* sql */ `
      CREATE FUNCTION timeliness_monthly_on_truncate() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN TRUNCATE timeliness_monthly; RETURN NULL; END $$`);
    await q.query(
      `CREATE TRIGGER timeliness_monthly_ins AFTER INSERT ON timeliness_daily REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION timeliness_monthly_on_insert()`,
    );
    await q.query(
      `CREATE TRIGGER timeliness_monthly_upd AFTER UPDATE ON timeliness_daily REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION timeliness_monthly_on_update()`,
    );
    await q.query(
      `CREATE TRIGGER timeliness_monthly_del AFTER DELETE ON timeliness_daily REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION timeliness_monthly_on_delete()`,
    );
    await q.query(
      `CREATE TRIGGER timeliness_monthly_trunc AFTER TRUNCATE ON timeliness_daily FOR EACH STATEMENT EXECUTE FUNCTION timeliness_monthly_on_truncate()`,
    );
    await q.query(addToMonthly(rowsOf('timeliness_daily', '')));
    // The partial months at the ends of a range are read from the daily rows by day across many units; the
    // primary key leads with the unit. Counters are not indexed, so counter updates stay HOT.
    await q.query('CREATE INDEX timeliness_daily_day_idx ON timeliness_daily (day)');

    await q.query(/* sql */ `
      CREATE FUNCTION stats_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN PERFORM pg_notify('stats_' || current_schema(), ''); RETURN NULL; END $$`);
    for (const t of ['timeliness_daily', 'dossiers', 'units', 'procedures']) {
      await q.query(
        `CREATE TRIGGER ${t}_stats_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION stats_changed()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['timeliness_daily', 'dossiers', 'units', 'procedures'])
      await q.query(`DROP TRIGGER ${t}_stats_changed ON ${t}`);
    await q.query('DROP FUNCTION stats_changed()');
    for (const t of ['ins', 'upd', 'del', 'trunc'])
      await q.query(`DROP TRIGGER timeliness_monthly_${t} ON timeliness_daily`);
    for (const f of ['insert', 'update', 'delete', 'truncate'])
      await q.query(`DROP FUNCTION timeliness_monthly_on_${f}()`);
    await q.query('DROP INDEX timeliness_daily_day_idx');
    await q.query('DROP TABLE timeliness_monthly');
  }
}
