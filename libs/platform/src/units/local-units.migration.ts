import { MigrationInterface, QueryRunner } from 'typeorm';

/** A service's own copy of the unit registry, built from `unit.upserted` (queue, dossier, survey). */
export class LocalUnits1730000000001 implements MigrationInterface {
  name = 'LocalUnits1730000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE units (
        code text PRIMARY KEY,
        name text NOT NULL,
        level text NOT NULL,
        parent_code text,
        active boolean NOT NULL,
        revision integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX units_parent_idx ON units (parent_code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE units');
  }
}
