import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily counters per unit and procedure (local Vietnamese day), updated in the same transaction as each
 * dossier change. Any period or grouping (unit, procedure, month) is a sum over these rows, so dashboards
 * never scan the dossiers table for finished work. `received` counts by receipt day, `finished` and its
 * timeliness split by finish day, `apologies` by issue day, `overdue_flagged` by the day it was flagged.
 */
export class TimelinessStats1730000200200 implements MigrationInterface {
  name = 'TimelinessStats1730000200200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE timeliness_daily (
        unit_code text NOT NULL,
        day date NOT NULL,
        procedure_code text NOT NULL,
        received integer NOT NULL DEFAULT 0,
        received_counter integer NOT NULL DEFAULT 0,
        received_online integer NOT NULL DEFAULT 0,
        received_postal integer NOT NULL DEFAULT 0,
        received_home integer NOT NULL DEFAULT 0,
        received_same_day integer NOT NULL DEFAULT 0,
        finished integer NOT NULL DEFAULT 0,
        early integer NOT NULL DEFAULT 0,
        on_time integer NOT NULL DEFAULT 0,
        late integer NOT NULL DEFAULT 0,
        late_without_apology integer NOT NULL DEFAULT 0,
        late_with_apology integer NOT NULL DEFAULT 0,
        resolved integer NOT NULL DEFAULT 0,
        withdrawn integer NOT NULL DEFAULT 0,
        stopped integer NOT NULL DEFAULT 0,
        refused integer NOT NULL DEFAULT 0,
        same_day_finished integer NOT NULL DEFAULT 0,
        same_day_in_time integer NOT NULL DEFAULT 0,
        apologies integer NOT NULL DEFAULT 0,
        overdue_flagged integer NOT NULL DEFAULT 0,
        PRIMARY KEY (unit_code, day, procedure_code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE timeliness_daily');
  }
}
