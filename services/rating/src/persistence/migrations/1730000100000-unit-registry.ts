import { MigrationInterface, QueryRunner } from 'typeorm';

export class UnitRegistry1730000100000 implements MigrationInterface {
  name = 'UnitRegistry1730000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE unit_registry (
        code text PRIMARY KEY,
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('PROVINCE', 'DISTRICT', 'COMMUNE')),
        parent_code text REFERENCES unit_registry (code),
        active boolean NOT NULL DEFAULT true,
        revision integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX unit_registry_parent_idx ON unit_registry (parent_code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE unit_registry');
  }
}
