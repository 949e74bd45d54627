import { MigrationInterface, QueryRunner } from 'typeorm';

/** Procedure catalog, per-year calendar overrides and per-unit working hours. */
export class ProceduresAndCalendar1730000200000 implements MigrationInterface {
  name = 'ProceduresAndCalendar1730000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE procedures (
        code text PRIMARY KEY,
        name text NOT NULL,
        field text NOT NULL,
        processing_amount numeric NOT NULL,
        processing_unit text NOT NULL CHECK (processing_unit IN ('WORKING_DAYS', 'WORKING_HOURS', 'SAME_DAY')),
        fee bigint CHECK (fee >= 0),
        fee_note text,
        documents jsonb NOT NULL DEFAULT '[]',
        revision integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX procedures_field_idx ON procedures (field)');
    // One row per year that has overrides; a year without a row is the computed calendar.
    await q.query(/* sql */ `
      CREATE TABLE calendar_overrides (
        year integer PRIMARY KEY,
        overrides jsonb NOT NULL,
        version text NOT NULL,
        revision integer NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(/* sql */ `
      CREATE TABLE unit_working_hours (
        unit_code text PRIMARY KEY,
        config jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE unit_working_hours');
    await q.query('DROP TABLE calendar_overrides');
    await q.query('DROP TABLE procedures');
  }
}
