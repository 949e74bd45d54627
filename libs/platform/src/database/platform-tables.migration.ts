import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox and inbox tables every service needs. Unqualified names resolve to the service's schema through
 * the connection's search_path. The trigger wakes the relay through LISTEN/NOTIFY, which Postgres only
 * delivers on commit, so a rolled-back change never wakes anyone.
 */
export class PlatformTables1730000000000 implements MigrationInterface {
  name = 'PlatformTables1730000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE outbox (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        key text NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(/* sql */ `
      CREATE TABLE inbox (
        event_id uuid NOT NULL,
        consumer text NOT NULL,
        topic text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(/* sql */ `
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox_' || current_schema(), ''); RETURN NULL; END $$`);
    await q.query(/* sql */ `
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER outbox_notify ON outbox');
    await q.query('DROP FUNCTION outbox_notify()');
    await q.query('DROP TABLE inbox');
    await q.query('DROP TABLE outbox');
  }
}
