import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A service's copy of the recorded unit successions (mergers, splits), from `unit.succession-recorded`: it
 * lets an old unit code resolve to the units that now carry it (public look-up, receipts).
 */
export class LocalUnitSuccessions1730000000002 implements MigrationInterface {
  name = 'LocalUnitSuccessions1730000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE unit_successions (
        succession_id integer PRIMARY KEY,
        kind text NOT NULL,
        predecessors text[] NOT NULL,
        successors text[] NOT NULL,
        effective_date date NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(
      'CREATE INDEX unit_successions_predecessors_idx ON unit_successions USING gin (predecessors)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE unit_successions');
  }
}
