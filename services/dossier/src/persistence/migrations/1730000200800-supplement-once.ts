import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rollupSources, timelinessCounterColumns } from './timeliness-rollup';

// The rollup trigger functions of TimelinessMonthly1730000200400 name every counter column, so a new counter
// must replace them; the columns are those of the table when this migration runs (timelinessCounterColumns).
const rollupFunctions = (counters: string[]): string[] =>
  rollupSources(counters).map(
    ([name, source]) => /* sql */ `
    CREATE OR REPLACE FUNCTION timeliness_monthly_on_${name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      INSERT INTO timeliness_monthly AS m (unit_code, month, procedure_code, ${counters.join(', ')})
      SELECT unit_code, month, procedure_code, ${counters.map((c) => `sum(${c})`).join(', ')}
      FROM (${source}) AS d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (unit_code, month, procedure_code) DO UPDATE SET ${counters.map((c) => `${c} = m.${c} + EXCLUDED.${c}`).join(', ')};
      RETURN NULL;
    END $$`,
  );

/**
 * "Supplement only once" (issue #15 item 5, docs/domain.md §Supplement requests):
 * - `dossiers.supplement_requests`: how many times the citizen was asked to supplement, filled from the
 *   history for dossiers received before (every move into SUPPLEMENT_REQUESTED is one request);
 * - `dossier_history.ground_code`: the ground a repeat was allowed on (codes only; null for other rows);
 * - `timeliness_daily.repeated_supplements` (and the monthly rollup): the requests from the second on, per unit,
 *   procedure and local day of the request — the ones that breach "3 không" — also filled from the history.
 */
export class SupplementOnce1730000200800 implements MigrationInterface {
  name = 'SupplementOnce1730000200800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE dossiers ADD COLUMN supplement_requests integer NOT NULL DEFAULT 0 CHECK (supplement_requests >= 0)',
    );
    await q.query(/* sql */ `
      UPDATE dossiers d SET supplement_requests = h.n
      FROM (SELECT dossier_id, count(*)::int AS n FROM dossier_history
            WHERE to_status = 'SUPPLEMENT_REQUESTED' AND from_status IS DISTINCT FROM 'SUPPLEMENT_REQUESTED'
            GROUP BY dossier_id) h
      WHERE d.id = h.dossier_id`);
    await q.query(
      `ALTER TABLE dossier_history ADD COLUMN ground_code text CHECK (ground_code ~ '^[A-Z][A-Z0-9_]{0,63}$')`,
    );
    for (const t of ['timeliness_daily', 'timeliness_monthly'])
      await q.query(`ALTER TABLE ${t} ADD COLUMN repeated_supplements integer NOT NULL DEFAULT 0`);
    for (const sql of rollupFunctions(await timelinessCounterColumns(q))) await q.query(sql);
    // Earlier repeats, by the local (UTC+7, no daylight saving) day of the request; the triggers roll them up.
    await q.query(/* sql */ `
      INSERT INTO timeliness_daily AS t (unit_code, procedure_code, day, repeated_supplements)
      SELECT unit_code, procedure_code, day, count(*)::int FROM (
        SELECT d.unit_code, d.procedure_code, ((h.at AT TIME ZONE 'UTC') + interval '7 hours')::date AS day,
               row_number() OVER (PARTITION BY h.dossier_id ORDER BY h.seq) AS nth
        FROM dossier_history h JOIN dossiers d ON d.id = h.dossier_id
        WHERE h.to_status = 'SUPPLEMENT_REQUESTED' AND h.from_status IS DISTINCT FROM 'SUPPLEMENT_REQUESTED'
      ) AS r WHERE nth > 1 GROUP BY 1, 2, 3 ORDER BY 1, 3, 2
      ON CONFLICT (unit_code, day, procedure_code) DO UPDATE
        SET repeated_supplements = t.repeated_supplements + EXCLUDED.repeated_supplements`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['timeliness_daily', 'timeliness_monthly'])
      await q.query(`ALTER TABLE ${t} DROP COLUMN repeated_supplements`);
    for (const sql of rollupFunctions(await timelinessCounterColumns(q))) await q.query(sql);
    await q.query('ALTER TABLE dossier_history DROP COLUMN ground_code');
    await q.query('ALTER TABLE dossiers DROP COLUMN supplement_requests');
  }
}
