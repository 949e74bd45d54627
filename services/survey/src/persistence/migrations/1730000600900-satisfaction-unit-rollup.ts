import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ROLLUP_KEYS_V1, rollupColumn } from '../satisfaction-rollup-columns';

const COLUMNS = ROLLUP_KEYS_V1.map(rollupColumn);

/**
 * `satisfaction_unit_rollup`: the satisfaction buckets summed over channel and officer, per unit and local day
 * ('D') or local month ('M'), with one bigint column per counter key (`extra` holds keys without a column).
 * The answers that do not group by officer or channel (total, by month, unit, weekday) read it instead of
 * unnesting every (channel, officer) bucket's jsonb (issue #21: the province by month took 2.8 s uncached).
 * Maintained by the same statement that adds a response to its buckets (SatisfactionBucketRepository.add);
 * `rebuild_satisfaction_unit_rollup()` refills it from the buckets (here, and after a bulk load).
 */
export class SatisfactionUnitRollup1730000600900 implements MigrationInterface {
  name = 'SatisfactionUnitRollup1730000600900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE satisfaction_unit_rollup (
        unit_code text NOT NULL,
        grain char(1) NOT NULL CHECK (grain IN ('D', 'M')),
        period_start date NOT NULL,
        ${COLUMNS.map((c) => `${c} bigint NOT NULL DEFAULT 0`).join(',\n        ')},
        extra jsonb,
        PRIMARY KEY (unit_code, grain, period_start)
      )`);
    await q.query(/* sql */ `
      CREATE FUNCTION rebuild_satisfaction_unit_rollup() RETURNS void LANGUAGE sql SET search_path FROM CURRENT AS $$
        DELETE FROM satisfaction_unit_rollup;
        INSERT INTO satisfaction_unit_rollup (unit_code, grain, period_start, ${COLUMNS.join(', ')})
        SELECT unit_code, grain, period_start, ${ROLLUP_KEYS_V1.map((k) => `coalesce(sum((counts ->> '${k}')::bigint), 0)`).join(', ')}
        FROM satisfaction_buckets GROUP BY unit_code, grain, period_start;
        UPDATE satisfaction_unit_rollup r SET extra = x.extra
        FROM (SELECT unit_code, grain, period_start, jsonb_object_agg(k, n) AS extra FROM (
                SELECT unit_code, grain, period_start, e.key AS k, sum(e.value::bigint) AS n
                FROM satisfaction_buckets, jsonb_each_text(counts) AS e
                WHERE e.key <> ALL (ARRAY[${ROLLUP_KEYS_V1.map((k) => `'${k}'`).join(', ')}])
                GROUP BY 1, 2, 3, 4) y
              GROUP BY 1, 2, 3) x
        WHERE (r.unit_code, r.grain, r.period_start) = (x.unit_code, x.grain, x.period_start);
      $$`);
    await q.query(`SELECT rebuild_satisfaction_unit_rollup()`);
    await q.query(
      `CREATE TRIGGER satisfaction_unit_rollup_stats_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON satisfaction_unit_rollup FOR EACH STATEMENT EXECUTE FUNCTION stats_changed()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION rebuild_satisfaction_unit_rollup()');
    await q.query('DROP TABLE satisfaction_unit_rollup');
  }
}
