import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notify's copy of the working calendar dossier publishes on `dossier.events.v1` (calendar.schedule-published,
 * calendar.working-hours-published), as the queue service keeps one: the result-ready message names the unit's
 * next working time (kernel `nextWorkingInstant`). Without rows: the plain week and the default hours.
 */
export class NotifyCalendarCopy1730000701000 implements MigrationInterface {
  name = 'NotifyCalendarCopy1730000701000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE calendar_days (
        date date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('DAY_OFF', 'WORKING_DAY'))
      )`);
    await q.query(/* sql */ `
      CREATE TABLE calendar_years (
        year integer PRIMARY KEY,
        version text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(/* sql */ `
      CREATE TABLE unit_working_hours (
        unit_code text PRIMARY KEY,
        hours jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['unit_working_hours', 'calendar_years', 'calendar_days'])
      await q.query(`DROP TABLE ${t}`);
  }
}
