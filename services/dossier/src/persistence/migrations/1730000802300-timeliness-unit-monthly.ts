import type { MigrationInterface, QueryRunner } from 'typeorm';
import { timelinessCounterColumns, unitMonthlyFunctions } from './timeliness-rollup';

/**
 * `timeliness_unit_monthly`: `timeliness_monthly` summed over procedures, per unit and local month. A report
 * grouped by unit or month reads one row per unit and month instead of one per unit, month and procedure (the
 * province's year by unit over 1,000 communes: ~10,000 rows instead of ~50,000; issue #21, 212 ms uncached on
 * 4M dossiers). Kept exact by statement triggers on `timeliness_monthly`, which the day rows' triggers write in
 * the same statement; so whatever writes day rows, the same transaction adds to this. The counter columns are
 * those of the table when the migration runs; a migration that adds a counter replaces these functions too
 * (`unitMonthlyFunctions`, as it does the monthly ones).
 */
export class TimelinessUnitMonthly1730000802300 implements MigrationInterface {
  name = 'TimelinessUnitMonthly1730000802300';

  async up(q: QueryRunner): Promise<void> {
    const counters = await timelinessCounterColumns(q);
    await q.query(/* sql */ `
      CREATE TABLE timeliness_unit_monthly (
        unit_code text NOT NULL,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        ${counters.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n        ')},
        PRIMARY KEY (unit_code, month)
      )`);
    for (const sql of unitMonthlyFunctions(counters)) await q.query(sql);
    for (const [tag, event, transition, fn] of [
      ['ins', 'INSERT', 'NEW TABLE AS new_rows', 'insert'],
      ['upd', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', 'update'],
      ['del', 'DELETE', 'OLD TABLE AS old_rows', 'delete'],
    ] as const)
      await q.query(
        `CREATE TRIGGER timeliness_unit_monthly_${tag} AFTER ${event} ON timeliness_monthly REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION timeliness_unit_monthly_on_${fn}()`,
      );
    await q.query(
      `CREATE TRIGGER timeliness_unit_monthly_trunc AFTER TRUNCATE ON timeliness_monthly FOR EACH STATEMENT EXECUTE FUNCTION timeliness_unit_monthly_on_truncate()`,
    );
    await q.query(/* sql */ `
      INSERT INTO timeliness_unit_monthly (unit_code, month, ${counters.join(', ')})
      SELECT unit_code, month, ${counters.map((c) => `sum(${c})`).join(', ')} FROM timeliness_monthly GROUP BY 1, 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const tag of ['ins', 'upd', 'del', 'trunc'])
      await q.query(`DROP TRIGGER timeliness_unit_monthly_${tag} ON timeliness_monthly`);
    for (const fn of ['insert', 'update', 'delete', 'truncate'])
      await q.query(`DROP FUNCTION timeliness_unit_monthly_on_${fn}()`);
    await q.query('DROP TABLE timeliness_unit_monthly');
  }
}
