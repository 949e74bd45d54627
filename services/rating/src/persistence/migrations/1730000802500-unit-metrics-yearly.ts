import { MigrationInterface, QueryRunner } from 'typeorm';
import { UNIT_METRIC_COLUMNS_V5 } from './1730000600690-appointment-figures';

const COLS = UNIT_METRIC_COLUMNS_V5;

/** The counters as a SELECT list, negated with `sign` '-' (rows that went away). */
const summed = (sign: '' | '-') => COLS.map((c) => `${sign}${c} AS ${c}`).join(', ');

/** The upsert adding the per-(unit, year) sums of `source` (a query over unit_code, year and the columns). */
const addYearly = (source: string) => /* sql */ `
  INSERT INTO unit_metrics_yearly AS y (unit_code, year, ${COLS.join(', ')})
  SELECT unit_code, year, ${COLS.map((c) => `sum(${c})::bigint`).join(', ')}
  FROM (${source}) d
  GROUP BY unit_code, year
  -- in key order: the consumers add concurrently and must take the rows' locks in one order (no deadlock)
  ORDER BY unit_code, year
  ON CONFLICT (unit_code, year) DO UPDATE SET
    ${COLS.map((c) => `${c} = y.${c} + EXCLUDED.${c}`).join(',\n    ')}`;

/**
 * `unit_metrics_yearly`: the monthly counters summed per (unit, year), kept by statement triggers on
 * `unit_metrics` in the writing statement, whoever writes (the consumers, a rebuild, a bulk load, an operator's
 * fix). A scorecard reads a year: over the province's ~1,000 communes that was ~22,700 monthly rows of 45
 * counters, 105–175 ms of PostgreSQL per computation, and the scorecards and rankings are computed again after
 * every consumer commit (issue #21 target 1); the same answer from ~2,000 yearly rows took 11–15 ms for the
 * province and 32–41 ms for its 1,000 communes one by one (bench database of 200,000 dossiers).
 *
 * The triggers run after the statement, so a writing transaction takes the monthly rows' locks (in key order,
 * `UnitMetricsRepository.add`) and then the yearly ones (in key order, here): every writer in the same order.
 * The column list is frozen with the migration (V5); a later migration that adds a counter to `unit_metrics`
 * adds it here and replaces the function.
 */
export class UnitMetricsYearly1730000802500 implements MigrationInterface {
  name = 'UnitMetricsYearly1730000802500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE unit_metrics_yearly (
        unit_code text NOT NULL,
        year integer NOT NULL,
        ${COLS.map((c) => `${c} bigint NOT NULL DEFAULT 0`).join(',\n        ')},
        PRIMARY KEY (unit_code, year)
      )`);
    await q.query(/* sql */ `
      CREATE FUNCTION unit_metrics_yearly_apply() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${addYearly(`SELECT unit_code, year, ${summed('')} FROM inserted_rows`)};
        ELSIF TG_OP = 'UPDATE' THEN
          ${addYearly(
            `SELECT unit_code, year, ${summed('')} FROM updated_new UNION ALL SELECT unit_code, year, ${summed('-')} FROM updated_old`,
          )};
        ELSIF TG_OP = 'DELETE' THEN
          ${addYearly(`SELECT unit_code, year, ${summed('-')} FROM deleted_rows`)};
        ELSE
          TRUNCATE unit_metrics_yearly;
        END IF;
        RETURN NULL;
      END $$`);
    // Transition tables allow one event per trigger.
    await q.query(/* sql */ `CREATE TRIGGER unit_metrics_yearly_insert AFTER INSERT ON unit_metrics
      REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_metrics_yearly_apply()`);
    await q.query(/* sql */ `CREATE TRIGGER unit_metrics_yearly_update AFTER UPDATE ON unit_metrics
      REFERENCING OLD TABLE AS updated_old NEW TABLE AS updated_new
      FOR EACH STATEMENT EXECUTE FUNCTION unit_metrics_yearly_apply()`);
    await q.query(/* sql */ `CREATE TRIGGER unit_metrics_yearly_delete AFTER DELETE ON unit_metrics
      REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_metrics_yearly_apply()`);
    await q.query(/* sql */ `CREATE TRIGGER unit_metrics_yearly_truncate AFTER TRUNCATE ON unit_metrics
      FOR EACH STATEMENT EXECUTE FUNCTION unit_metrics_yearly_apply()`);
    // What is there already. The migration's transaction holds the lock CREATE TRIGGER took, which keeps every
    // writer out until it commits, so no statement is both summed here and added by a trigger, or neither.
    await q.query(addYearly(`SELECT unit_code, year, ${summed('')} FROM unit_metrics`));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete', 'truncate'])
      await q.query(`DROP TRIGGER unit_metrics_yearly_${op} ON unit_metrics`);
    await q.query('DROP FUNCTION unit_metrics_yearly_apply()');
    await q.query('DROP TABLE unit_metrics_yearly');
  }
}
