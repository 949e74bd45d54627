import type { QueryRunner } from 'typeorm';

/*
 * Shared by the migrations that add a counter to `timeliness_daily` and so must replace the rollup trigger
 * functions of TimelinessMonthly1730000200400 (they name every counter column). Migrations are history: what
 * these return is part of migrations that have already run, so it never changes; a different shape is a new
 * function here, not an edit.
 */

const KEY_COLUMNS = ['unit_code', 'procedure_code', 'day'];

/**
 * The counter columns of `timeliness_daily` as they are when the migration runs, read from the table rather
 * than frozen in the migration: other migrations of the same release add counters too, and whichever runs last
 * must carry all of them.
 */
export const timelinessCounterColumns = async (q: QueryRunner): Promise<string[]> => {
  const rows = (await q.query(/* sql */ `SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'timeliness_daily' ORDER BY ordinal_position`)) as {
    column_name: string;
  }[];
  return rows.map((r) => r.column_name).filter((c) => !KEY_COLUMNS.includes(c));
};

/**
 * Per trigger function (`timeliness_monthly_on_<name>`), the rows it adds to the monthly rollup: the transition
 * tables' `counters`, negated for the old rows, keyed by (unit, local month, procedure).
 */
export const rollupSources = (counters: string[]): [name: string, source: string][] => {
  const rows = (table: string, sign: '' | '-') =>
    `SELECT unit_code, date_trunc('month', day)::date AS month, procedure_code, ${counters.map((c) => `${sign}${c} AS ${c}`).join(', ')} FROM ${table}`;
  return [
    ['insert', rows('new_rows', '')],
    ['update', `${rows('new_rows', '')} UNION ALL ${rows('old_rows', '-')}`],
    ['delete', rows('old_rows', '-')],
  ];
};

/**
 * The trigger functions of `timeliness_children` (TimelinessChildren1730000802100), which name every counter
 * column: `timeliness_children_on_<insert|update|delete>()` on `timeliness_daily` add the written day rows'
 * new − old to their unit's parent at both grains; `timeliness_children_on_units_<…>()` on `units` move a unit's
 * whole history from its old parent to its new one, after waiting out the day writers (see the migration).
 */
export const childrenRollupFunctions = (counters: string[]): string[] => {
  const cols = counters.join(', ');
  const upsert = (source: string) => /* sql */ `
      INSERT INTO timeliness_children AS m (parent_code, grain, period, procedure_code, ${cols})
      SELECT parent_code, grain, period, procedure_code, ${counters.map((c) => `sum(${c})`).join(', ')}
      FROM (${source}) AS d GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (parent_code, grain, period, procedure_code) DO UPDATE SET ${counters.map((c) => `${c} = m.${c} + EXCLUDED.${c}`).join(', ')}`;
  // Day rows (signed) of a transition table, keyed by their unit's current parent, at both grains.
  const dayRows = (table: string, sign: '' | '-') =>
    `SELECT u.parent_code, g.grain, CASE g.grain WHEN 'D' THEN d.day ELSE date_trunc('month', d.day)::date END AS period,
            d.procedure_code, ${counters.map((c) => `${sign}d.${c} AS ${c}`).join(', ')}
     FROM ${table} d JOIN units u ON u.code = d.unit_code CROSS JOIN (VALUES ('D'), ('M')) AS g(grain)
     WHERE u.parent_code IS NOT NULL`;
  // (unit, parent, +1/−1): the parents a unit joins or leaves in this statement; an unchanged parent cancels out.
  const moves = (transition: string) =>
    `SELECT code, parent_code, sum(s) AS s FROM (${transition}) AS t WHERE parent_code IS NOT NULL GROUP BY 1, 2 HAVING sum(s) <> 0`;
  const unitsFunction = (name: string, transition: string) => /* sql */ `
    CREATE OR REPLACE FUNCTION timeliness_children_on_units_${name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      IF EXISTS (${moves(transition)}) THEN
        LOCK TABLE timeliness_daily IN SHARE MODE;
        ${upsert(`WITH mv AS (${moves(transition)})
          SELECT mv.parent_code, 'D' AS grain, d.day AS period, d.procedure_code, ${counters.map((c) => `mv.s * d.${c} AS ${c}`).join(', ')}
          FROM mv JOIN timeliness_daily d ON d.unit_code = mv.code
          UNION ALL
          SELECT mv.parent_code, 'M', mo.month, mo.procedure_code, ${counters.map((c) => `mv.s * mo.${c}`).join(', ')}
          FROM mv JOIN timeliness_monthly mo ON mo.unit_code = mv.code`)};
        -- A parent's row left all zero by a child that left would show the child's procedure or month as an
        -- empty group that reading the children one by one never shows.
        DELETE FROM timeliness_children c USING (${moves(transition)}) AS mv
        WHERE mv.s < 0 AND c.parent_code = mv.parent_code AND ${counters.map((x) => `c.${x} = 0`).join(' AND ')};
      END IF;
      RETURN NULL;
    END $$`;
  const joined = 'SELECT code, parent_code, 1 AS s FROM new_rows';
  const left = 'SELECT code, parent_code, -1 AS s FROM old_rows';
  return [
    ...rollupSourcesForChildren(dayRows).map(
      ([name, source]) => /* sql */ `
    CREATE OR REPLACE FUNCTION timeliness_children_on_${name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN ${upsert(source)}; RETURN NULL; END $$`,
    ),
    unitsFunction('insert', joined),
    unitsFunction('update', `${joined} UNION ALL ${left}`),
    unitsFunction('delete', left),
    /* sql */ `
    CREATE OR REPLACE FUNCTION timeliness_children_on_truncate() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN TRUNCATE timeliness_children; RETURN NULL; END $$`,
  ];
};

const rollupSourcesForChildren = (
  rows: (table: string, sign: '' | '-') => string,
): [name: string, source: string][] => [
  ['insert', rows('new_rows', '')],
  ['update', `${rows('new_rows', '')} UNION ALL ${rows('old_rows', '-')}`],
  ['delete', rows('old_rows', '-')],
];

/**
 * The trigger functions of `timeliness_unit_monthly` (TimelinessUnitMonthly1730000802300), which name every
 * counter column: `timeliness_unit_monthly_on_<insert|update|delete|truncate>()` on `timeliness_monthly` add
 * the written month rows' new − old, summed over procedures, to the unit's month.
 */
export const unitMonthlyFunctions = (counters: string[]): string[] => {
  const rows = (table: string, sign: '' | '-') =>
    `SELECT unit_code, month, ${counters.map((c) => `${sign}${c} AS ${c}`).join(', ')} FROM ${table}`;
  const upsert = (source: string) => /* sql */ `
      INSERT INTO timeliness_unit_monthly AS m (unit_code, month, ${counters.join(', ')})
      SELECT unit_code, month, ${counters.map((c) => `sum(${c})`).join(', ')}
      FROM (${source}) AS d GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (unit_code, month) DO UPDATE SET ${counters.map((c) => `${c} = m.${c} + EXCLUDED.${c}`).join(', ')}`;
  return [
    ...(
      [
        ['insert', rows('new_rows', '')],
        ['update', `${rows('new_rows', '')} UNION ALL ${rows('old_rows', '-')}`],
        ['delete', rows('old_rows', '-')],
      ] as const
    ).map(
      ([name, source]) => /* sql */ `
    CREATE OR REPLACE FUNCTION timeliness_unit_monthly_on_${name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN ${upsert(source)}; RETURN NULL; END $$`,
    ),
    /* sql */ `
    CREATE OR REPLACE FUNCTION timeliness_unit_monthly_on_truncate() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN TRUNCATE timeliness_unit_monthly; RETURN NULL; END $$`,
  ];
};
