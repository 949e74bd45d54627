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
