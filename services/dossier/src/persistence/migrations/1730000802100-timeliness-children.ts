import type { MigrationInterface, QueryRunner } from 'typeorm';
import { childrenRollupFunctions, timelinessCounterColumns } from './timeliness-rollup';

/**
 * `timeliness_children`: per unit, the counters of its current child units summed, per local day ('D') and
 * local month ('M') and procedure. A report over a subtree in which every child of a unit is a member without a
 * cut-off (a province or district with descendants: the usual dashboard) reads one row per such parent instead
 * of one per child: the province by procedure over 1,000 communes reads ~21 parents' rows instead of ~1,000
 * units' (issue #21: its partial months at either end were ~185,000 day rows, 539 ms uncached on 4M dossiers).
 *
 * Kept exact in the writing statement, as `timeliness_monthly` is:
 * - statement triggers on `timeliness_daily` add new − old of every written day row to its unit's parent
 *   (looked up in `units`), at both grains;
 * - statement triggers on `units` move a unit's whole history when its parent changes (and add or drop it when
 *   a unit appears or goes), after `LOCK TABLE timeliness_daily IN SHARE MODE`: that waits for every
 *   transaction still writing day rows (which read the old parent) to commit, so the history summed afterwards
 *   holds them, and day writers that come later wait for the move's commit and read the new parent.
 * Units rows are written by the unit catalogue's consumer only, so that lock is rare.
 * The counter columns are those of the table when the migration runs; a migration that adds a counter replaces
 * these functions too (`childrenRollupFunctions`, as it does the monthly ones).
 */
export class TimelinessChildren1730000802100 implements MigrationInterface {
  name = 'TimelinessChildren1730000802100';

  async up(q: QueryRunner): Promise<void> {
    const counters = await timelinessCounterColumns(q);
    await q.query(/* sql */ `
      CREATE TABLE timeliness_children (
        parent_code text NOT NULL,
        grain char(1) NOT NULL CHECK (grain IN ('D', 'M')),
        period date NOT NULL,
        procedure_code text NOT NULL,
        ${counters.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n        ')},
        PRIMARY KEY (parent_code, grain, period, procedure_code),
        CHECK (grain = 'D' OR extract(day FROM period) = 1)
      )`);
    for (const sql of childrenRollupFunctions(counters)) await q.query(sql);
    for (const [name, event, transition] of [
      ['ins', 'INSERT', 'NEW TABLE AS new_rows'],
      ['upd', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['del', 'DELETE', 'OLD TABLE AS old_rows'],
    ] as const) {
      const fn = { ins: 'insert', upd: 'update', del: 'delete' }[name];
      await q.query(
        `CREATE TRIGGER timeliness_children_${name} AFTER ${event} ON timeliness_daily REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION timeliness_children_on_${fn}()`,
      );
      await q.query(
        `CREATE TRIGGER timeliness_children_units_${name} AFTER ${event} ON units REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION timeliness_children_on_units_${fn}()`,
      );
    }
    // Emptying the day rows or the units (a projection rebuild, a catalogue reload) empties the rollup; the
    // units inserted again bring their history back through the insert trigger.
    for (const t of ['timeliness_daily', 'units'])
      await q.query(
        `CREATE TRIGGER timeliness_children_trunc AFTER TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION timeliness_children_on_truncate()`,
      );
    await q.query(/* sql */ `
      INSERT INTO timeliness_children (parent_code, grain, period, procedure_code, ${counters.join(', ')})
      SELECT u.parent_code, g.grain, CASE g.grain WHEN 'D' THEN d.day ELSE date_trunc('month', d.day)::date END,
             d.procedure_code, ${counters.map((c) => `sum(d.${c})`).join(', ')}
      FROM timeliness_daily d JOIN units u ON u.code = d.unit_code CROSS JOIN (VALUES ('D'), ('M')) AS g(grain)
      WHERE u.parent_code IS NOT NULL
      GROUP BY 1, 2, 3, 4`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['ins', 'upd', 'del']) {
      await q.query(`DROP TRIGGER timeliness_children_${name} ON timeliness_daily`);
      await q.query(`DROP TRIGGER timeliness_children_units_${name} ON units`);
    }
    for (const t of ['timeliness_daily', 'units'])
      await q.query(`DROP TRIGGER timeliness_children_trunc ON ${t}`);
    for (const fn of [
      'insert',
      'update',
      'delete',
      'units_insert',
      'units_update',
      'units_delete',
      'truncate',
    ])
      await q.query(`DROP FUNCTION timeliness_children_on_${fn}()`);
    await q.query('DROP TABLE timeliness_children');
  }
}
