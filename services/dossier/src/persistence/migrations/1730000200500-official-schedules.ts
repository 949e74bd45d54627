import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Government's yearly schedules loaded at run time (`PUT /calendar/{year}/official-schedule` or
 * `npm run calendar:load`): one row per year, the validated schedule as JSON. A loaded year replaces the
 * schedule shipped with the service for that year; a year with neither keeps the Labour Code defaults.
 */
export class OfficialSchedules1730000200500 implements MigrationInterface {
  name = 'OfficialSchedules1730000200500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE official_schedules (
        year integer PRIMARY KEY,
        schedule jsonb NOT NULL,
        revision integer NOT NULL,
        loaded_by text NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE official_schedules');
  }
}
