import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ROLLUP_KEYS_V1, rollupColumn } from '../satisfaction-rollup-columns';

const COLUMNS = ROLLUP_KEYS_V1.map(rollupColumn);

/** Upserts `source` (signed rows keyed by parent, grain, period) into the children rollup. */
const upsert = (source: string) => /* sql */ `
  INSERT INTO satisfaction_children_rollup AS r (parent_code, grain, period_start, ${COLUMNS.join(', ')}, extra)
  SELECT parent_code, grain, period_start, ${COLUMNS.map((c) => `sum(${c})`).join(', ')}, nonzero_counts(sum_counts(extra))
  FROM (${source}) AS d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (parent_code, grain, period_start) DO UPDATE SET
    ${COLUMNS.map((c) => `${c} = r.${c} + EXCLUDED.${c}`).join(', ')},
    extra = nonzero_counts(add_counts_or_null(r.extra, EXCLUDED.extra))`;

/** Rollup rows (signed) of a transition table, keyed by their unit's current parent. */
const rowsOf = (table: string, sign: 1 | -1) =>
  `SELECT u.parent_code, t.grain, t.period_start, ${COLUMNS.map((c) => `${sign} * t.${c} AS ${c}`).join(', ')},
          scale_counts(t.extra, ${sign}) AS extra
   FROM ${table} t JOIN units u ON u.code = t.unit_code WHERE u.parent_code IS NOT NULL`;

/** (unit, parent, +1/−1): the parents a unit joins or leaves in this statement; an unchanged parent cancels out. */
const moves = (transition: string) =>
  `SELECT code, parent_code, sum(s)::int AS s FROM (${transition}) AS t WHERE parent_code IS NOT NULL GROUP BY 1, 2 HAVING sum(s) <> 0`;

const unitsFunction = (name: string, transition: string) => /* sql */ `
  CREATE FUNCTION satisfaction_children_on_units_${name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
  BEGIN
    IF EXISTS (${moves(transition)}) THEN
      LOCK TABLE satisfaction_unit_rollup IN SHARE MODE;
      ${upsert(`WITH mv AS (${moves(transition)})
        SELECT mv.parent_code, t.grain, t.period_start, ${COLUMNS.map((c) => `mv.s * t.${c} AS ${c}`).join(', ')},
               scale_counts(t.extra, mv.s) AS extra
        FROM mv JOIN satisfaction_unit_rollup t ON t.unit_code = mv.code`)};
      -- A parent's row left all zero by a child that left would show an empty month or weekday group that
      -- reading the children one by one never shows.
      DELETE FROM satisfaction_children_rollup r USING (${moves(transition)}) AS mv
      WHERE mv.s < 0 AND r.parent_code = mv.parent_code AND r.extra IS NULL AND ${COLUMNS.map((c) => `r.${c} = 0`).join(' AND ')};
    END IF;
    RETURN NULL;
  END $$`;

/**
 * `satisfaction_children_rollup`: per unit, `satisfaction_unit_rollup` of its current child units summed, per
 * local day ('D') and month ('M'). A report over a subtree in which every child of a unit is a member without
 * a cut-off (a province or district with descendants) reads one row per such parent instead of one per child:
 * the province by month over 1,000 communes reads ~21 parents' rows instead of ~41,000 unit rows (issue #21:
 * 224 ms uncached on 1.6M responses, the partial months' day rows dominating).
 *
 * Kept exact in the writing statement: statement triggers on `satisfaction_unit_rollup` (written by the same
 * statement that adds a response to its buckets) add new − old to the unit's parent, looked up in `units`;
 * statement triggers on `units` move a unit's whole history when its parent changes (or it appears or goes),
 * after `LOCK TABLE satisfaction_unit_rollup IN SHARE MODE`, which waits for every transaction still adding
 * responses (they read the old parent) to commit, while later adds wait for the move and read the new parent.
 * Keys without a typed column are summed in `extra` (null when none is non-zero), as in the unit rollup.
 */
export class SatisfactionChildren1730000802200 implements MigrationInterface {
  name = 'SatisfactionChildren1730000802200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE satisfaction_children_rollup (
        parent_code text NOT NULL,
        grain char(1) NOT NULL CHECK (grain IN ('D', 'M')),
        period_start date NOT NULL,
        ${COLUMNS.map((c) => `${c} bigint NOT NULL DEFAULT 0`).join(',\n        ')},
        extra jsonb,
        PRIMARY KEY (parent_code, grain, period_start)
      )`);
    await q.query(/* sql */ `
      CREATE FUNCTION scale_counts(x jsonb, s int) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN x IS NULL THEN NULL
          ELSE (SELECT coalesce(jsonb_object_agg(k, v::bigint * s), '{}'::jsonb) FROM jsonb_each_text(x) AS e(k, v)) END
      $$`);
    await q.query(/* sql */ `
      CREATE FUNCTION add_counts_or_null(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE SET search_path FROM CURRENT AS $$
        SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a ELSE add_counts(a, b) END
      $$`);
    await q.query(/* sql */ `
      CREATE FUNCTION nonzero_counts(x jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT (SELECT jsonb_object_agg(k, v) FROM jsonb_each(x) AS e(k, v) WHERE v <> '0'::jsonb)
      $$`);
    await q.query(`CREATE AGGREGATE sum_counts(jsonb) (SFUNC = add_counts_or_null, STYPE = jsonb)`);
    for (const [name, source] of [
      ['insert', rowsOf('new_rows', 1)],
      ['update', `${rowsOf('new_rows', 1)} UNION ALL ${rowsOf('old_rows', -1)}`],
      ['delete', rowsOf('old_rows', -1)],
    ])
      await q.query(/* sql */ `
        CREATE FUNCTION satisfaction_children_on_${name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN ${upsert(source)}; RETURN NULL; END $$`);
    const joined = 'SELECT code, parent_code, 1 AS s FROM new_rows';
    const left = 'SELECT code, parent_code, -1 AS s FROM old_rows';
    await q.query(unitsFunction('insert', joined));
    await q.query(unitsFunction('update', `${joined} UNION ALL ${left}`));
    await q.query(unitsFunction('delete', left));
    await q.query(/* sql */ `
      CREATE FUNCTION satisfaction_children_on_truncate() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN TRUNCATE satisfaction_children_rollup; RETURN NULL; END $$`);
    for (const [tag, event, transition, fn] of [
      ['ins', 'INSERT', 'NEW TABLE AS new_rows', 'insert'],
      ['upd', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', 'update'],
      ['del', 'DELETE', 'OLD TABLE AS old_rows', 'delete'],
    ] as const) {
      await q.query(
        `CREATE TRIGGER satisfaction_children_${tag} AFTER ${event} ON satisfaction_unit_rollup REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION satisfaction_children_on_${fn}()`,
      );
      await q.query(
        `CREATE TRIGGER satisfaction_children_units_${tag} AFTER ${event} ON units REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION satisfaction_children_on_units_${fn}()`,
      );
    }
    // Emptying the unit rollup (its rebuild deletes, so the delete trigger covers it) or the units empties
    // this; units inserted again bring their history back through the insert trigger.
    for (const t of ['satisfaction_unit_rollup', 'units'])
      await q.query(
        `CREATE TRIGGER satisfaction_children_trunc AFTER TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION satisfaction_children_on_truncate()`,
      );
    await q.query(upsert(rowsOf('satisfaction_unit_rollup', 1)));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const tag of ['ins', 'upd', 'del']) {
      await q.query(`DROP TRIGGER satisfaction_children_${tag} ON satisfaction_unit_rollup`);
      await q.query(`DROP TRIGGER satisfaction_children_units_${tag} ON units`);
    }
    for (const t of ['satisfaction_unit_rollup', 'units'])
      await q.query(`DROP TRIGGER satisfaction_children_trunc ON ${t}`);
    for (const fn of [
      'insert',
      'update',
      'delete',
      'units_insert',
      'units_update',
      'units_delete',
      'truncate',
    ])
      await q.query(`DROP FUNCTION satisfaction_children_on_${fn}()`);
    await q.query('DROP AGGREGATE sum_counts(jsonb)');
    await q.query('DROP FUNCTION nonzero_counts(jsonb)');
    await q.query('DROP FUNCTION add_counts_or_null(jsonb, jsonb)');
    await q.query('DROP FUNCTION scale_counts(jsonb, int)');
    await q.query('DROP TABLE satisfaction_children_rollup');
  }
}
