import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counter columns of `unit_metrics`, frozen here: a migration must not change when code changes later.
 * `metric-columns.ts` maps them to the domain's UnitAggregates (a unit test keeps both lists equal).
 */
export const UNIT_METRIC_COLUMNS_V1 = [
  'dossiers_received',
  'dossiers_finished',
  'early',
  'on_time',
  'late',
  'late_with_apology',
  'late_without_apology',
  'open_overdue_delta',
  'same_day_finished',
  'same_day_on_time',
  'home_service',
  'apologies_issued',
  'survey_responses',
  'access_satisfied',
  'access_valid',
  'procedure_satisfied',
  'procedure_valid',
  'officer_satisfied',
  'officer_valid',
  'result_satisfied',
  'result_valid',
  'feedback_satisfied',
  'feedback_valid',
  'stars_1',
  'stars_2',
  'stars_3',
  'stars_4',
  'stars_5',
  'tickets_served',
  'wait_seconds_sum',
  ...Array.from({ length: 13 }, (_, i) => `wait_bucket_${i + 1}`),
] as const;

/** Schemes, assignments, assessments (with history), monthly metrics, officer stars, targets, last scores. */
export class Scoring1730000200000 implements MigrationInterface {
  name = 'Scoring1730000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE schemes (
        code text PRIMARY KEY,
        name text NOT NULL,
        definition jsonb NOT NULL,
        revision integer NOT NULL DEFAULT 1,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(/* sql */ `
      CREATE TABLE unit_schemes (
        unit_code text PRIMARY KEY REFERENCES unit_registry (code),
        scheme_code text NOT NULL REFERENCES schemes (code),
        assigned_by text NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Append-only: the current assessment is the latest row; earlier rows are the history (who, when).
    await q.query(/* sql */ `
      CREATE TABLE assessments (
        id bigserial PRIMARY KEY,
        unit_code text NOT NULL REFERENCES unit_registry (code),
        year integer NOT NULL,
        criterion_code text NOT NULL,
        scheme_code text NOT NULL,
        points double precision NOT NULL CHECK (points >= 0),
        evidence text NOT NULL,
        note text,
        assessed_by text NOT NULL,
        assessed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      'CREATE INDEX assessments_current_idx ON assessments (unit_code, year, criterion_code, id DESC)',
    );
    // No foreign key to the registry: events may arrive before a unit is registered, and must not be lost.
    const counters = UNIT_METRIC_COLUMNS_V1.map((c) => `${c} bigint NOT NULL DEFAULT 0`).join(',\n');
    await q.query(/* sql */ `
      CREATE TABLE unit_metrics (
        unit_code text NOT NULL,
        year integer NOT NULL,
        month integer NOT NULL CHECK (month BETWEEN 1 AND 12),
        ${counters},
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_code, year, month)
      )`);
    await q.query(/* sql */ `
      CREATE TABLE officer_stars (
        officer_id text NOT NULL,
        unit_code text NOT NULL,
        year integer NOT NULL,
        month integer NOT NULL CHECK (month BETWEEN 1 AND 12),
        stars_1 bigint NOT NULL DEFAULT 0,
        stars_2 bigint NOT NULL DEFAULT 0,
        stars_3 bigint NOT NULL DEFAULT 0,
        stars_4 bigint NOT NULL DEFAULT 0,
        stars_5 bigint NOT NULL DEFAULT 0,
        tickets_served bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (officer_id, unit_code, year, month)
      )`);
    await q.query('CREATE INDEX officer_stars_unit_idx ON officer_stars (unit_code, year, month)');
    await q.query(/* sql */ `
      CREATE TABLE unit_targets (
        unit_code text NOT NULL,
        year integer NOT NULL,
        certified_share double precision NOT NULL CHECK (certified_share BETWEEN 0 AND 1),
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_code, year)
      )`);
    // What was last published per unit and year, to publish only real changes.
    await q.query(/* sql */ `
      CREATE TABLE unit_scores (
        unit_code text NOT NULL,
        year integer NOT NULL,
        scheme_code text NOT NULL,
        score double precision NOT NULL,
        stars integer,
        provisional boolean NOT NULL,
        final_stars integer,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_code, year)
      )`);
    await q.query('CREATE INDEX unit_scores_scheme_idx ON unit_scores (scheme_code)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'unit_scores',
      'unit_targets',
      'officer_stars',
      'unit_metrics',
      'assessments',
      'unit_schemes',
      'schemes',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
