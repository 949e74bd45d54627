import { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `('RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'AWAITING_FEES')`;
const RUNNING = `('RECEIVED', 'IN_PROGRESS', 'AWAITING_FEES')`;

/**
 * Dossiers (the only place personal data lives: `applicant`), their append-only status history and the
 * per-agency daily code counters.
 */
export class Dossiers1730000200100 implements MigrationInterface {
  name = 'Dossiers1730000200100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE dossiers (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        unit_code text NOT NULL,
        procedure_code text NOT NULL REFERENCES procedures (code),
        procedure_name text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('COUNTER', 'ONLINE', 'POSTAL', 'HOME')),
        status text NOT NULL,
        status_code smallint NOT NULL CHECK (status_code BETWEEN 1 AND 10),
        external_id text,
        request_hash text,
        ticket_id uuid,
        processing_amount numeric NOT NULL,
        processing_unit text NOT NULL,
        registered_at timestamptz,
        received_at timestamptz,
        clock_start_at timestamptz,
        due_at timestamptz,
        calendar_version text,
        paused_minutes integer NOT NULL DEFAULT 0,
        pause_since timestamptz,
        pause_reason text,
        pause_resume_to text,
        apology jsonb,
        overdue_notified_at timestamptz,
        finished_at timestamptz,
        finish_reason text,
        timeliness text CHECK (timeliness IN ('EARLY', 'ON_TIME', 'LATE')),
        timeliness_facts jsonb,
        resolution_outcome text,
        resolution_note text,
        result_returned_at timestamptz,
        lookup_key_hash text NOT NULL,
        applicant jsonb NOT NULL,
        intake_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT dossiers_external_id_per_unit UNIQUE (unit_code, external_id)
      )`);
    await q.query('CREATE INDEX dossiers_unit_intake_idx ON dossiers (unit_code, intake_at DESC, id DESC)');
    // Dashboards count the backlog from here instead of scanning every dossier.
    await q.query(`CREATE INDEX dossiers_open_idx ON dossiers (unit_code, due_at) WHERE status IN ${OPEN}`);
    await q.query(
      'CREATE INDEX dossiers_finished_idx ON dossiers (unit_code, finished_at) WHERE finished_at IS NOT NULL',
    );
    // What the overdue scanner reads: running dossiers not flagged yet, by due date.
    await q.query(
      `CREATE INDEX dossiers_overdue_scan_idx ON dossiers (due_at) WHERE overdue_notified_at IS NULL AND status IN ${RUNNING}`,
    );

    await q.query(/* sql */ `
      CREATE TABLE dossier_history (
        seq bigserial PRIMARY KEY,
        dossier_id uuid NOT NULL REFERENCES dossiers (id),
        at timestamptz NOT NULL,
        actor_id text NOT NULL,
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        reason text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX dossier_history_dossier_idx ON dossier_history (dossier_id, seq)');
    // Append-only is enforced by the database, not only by the code that writes it.
    await q.query(/* sql */ `
      CREATE FUNCTION dossier_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'dossier_history is append-only'; END $$`);
    await q.query(/* sql */ `
      CREATE TRIGGER dossier_history_no_change BEFORE UPDATE OR DELETE ON dossier_history
      FOR EACH ROW EXECUTE FUNCTION dossier_history_append_only()`);
    await q.query(/* sql */ `
      CREATE TRIGGER dossier_history_no_truncate BEFORE TRUNCATE ON dossier_history
      FOR EACH STATEMENT EXECUTE FUNCTION dossier_history_append_only()`);

    await q.query(/* sql */ `
      CREATE TABLE dossier_code_counters (
        agency_code text NOT NULL,
        day date NOT NULL,
        seq integer NOT NULL,
        PRIMARY KEY (agency_code, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dossier_code_counters');
    await q.query('DROP TABLE dossier_history');
    await q.query('DROP FUNCTION dossier_history_append_only()');
    await q.query('DROP TABLE dossiers');
  }
}
