import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Unit succession (mergers, splits) and its lineage closure. `unit_lineage` is derived from
 * `unit_successions` (rebuilt in the transaction that records one) so the standings read history with one
 * join; it is watched by `stats_changed()` like the other tables the standings read.
 */
export class UnitSuccessions1730000400000 implements MigrationInterface {
  name = 'UnitSuccessions1730000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE unit_successions (
        id serial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('MERGER', 'SPLIT')),
        predecessors text[] NOT NULL,
        successors text[] NOT NULL,
        effective_date date NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A retired unit is succeeded once: the primary key enforces it even against two concurrent requests.
    await q.query(/* sql */ `
      CREATE TABLE unit_retirements (
        unit_code text PRIMARY KEY REFERENCES unit_registry (code),
        succession_id integer NOT NULL REFERENCES unit_successions (id),
        effective_date date NOT NULL
      )`);
    await q.query(/* sql */ `
      CREATE TABLE unit_lineage (
        unit_code text NOT NULL,
        predecessor_code text NOT NULL,
        before date NOT NULL,
        PRIMARY KEY (unit_code, predecessor_code)
      )`);
    await q.query(
      `CREATE TRIGGER unit_lineage_stats_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit_lineage FOR EACH STATEMENT EXECUTE FUNCTION stats_changed()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE unit_lineage');
    await q.query('DROP TABLE unit_retirements');
    await q.query('DROP TABLE unit_successions');
  }
}
