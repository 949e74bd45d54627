import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Who did what, per service (issue #16): officers' and admins' actions, appended in the transaction of the
 * action. Append-only in the database itself: a trigger refuses UPDATE, DELETE and TRUNCATE, so neither a
 * bug nor a later code path can rewrite the past (the same guard as dossier_history).
 */
export class AuditLog1730000000003 implements MigrationInterface {
  name = 'AuditLog1730000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE audit_log (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        unit_code text NOT NULL,
        actor_id text NOT NULL CHECK (length(actor_id) BETWEEN 1 AND 200),
        action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9.-]{0,63}$'),
        subject text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query('CREATE INDEX audit_log_unit_idx ON audit_log (unit_code, seq DESC)');
    await q.query('CREATE INDEX audit_log_unit_actor_idx ON audit_log (unit_code, actor_id, seq DESC)');
    await q.query(/* sql */ `
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query(/* sql */ `
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(/* sql */ `
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
    await q.query('DROP FUNCTION audit_log_append_only()');
  }
}
