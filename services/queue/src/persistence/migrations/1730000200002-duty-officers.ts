import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who is on duty comes from the token (issue #16): `counters.assigned_by` records the unit-admin who put another
 * officer on a counter (null when the officer opened it himself), and `unit_officers` lists the officers who
 * have opened a counter of a unit with their own token: the only officers a unit-admin may assign there.
 */
export class DutyOfficers1730000200002 implements MigrationInterface {
  name = 'DutyOfficers1730000200002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `ALTER TABLE counters ADD COLUMN assigned_by text`);
    await q.query(/* sql */ `
      CREATE TABLE unit_officers (
        unit_code text NOT NULL,
        officer_id text NOT NULL,
        first_on_duty_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_code, officer_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `DROP TABLE unit_officers`);
    await q.query(/* sql */ `ALTER TABLE counters DROP COLUMN assigned_by`);
  }
}
