import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Due-date conflicts (issue #15 item 3): an open dossier whose printed appointment a later schedule or override
 * made a day off. One row per dossier and printed date, so a second calendar change never flags the same
 * promise twice; `resolution` stays null until an officer resolves it (or the calendar clears it).
 */
export class DueDateConflicts1730000200610 implements MigrationInterface {
  name = 'DueDateConflicts1730000200610';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE due_date_conflicts (
        dossier_id uuid NOT NULL REFERENCES dossiers (id),
        printed_due_at timestamptz NOT NULL,
        unit_code text NOT NULL,
        day_off date NOT NULL,
        day_off_reason text,
        proposed_due_at timestamptz NOT NULL CHECK (proposed_due_at > printed_due_at),
        calendar_version text NOT NULL,
        flagged_by text NOT NULL,
        flagged_at timestamptz NOT NULL,
        resolution text CHECK (resolution IN ('ACCEPT_PROPOSED', 'KEEP_PRINTED', 'CLEARED')),
        resolved_by text,
        resolved_at timestamptz,
        PRIMARY KEY (dossier_id, printed_due_at),
        CHECK ((resolution IS NULL) = (resolved_at IS NULL))
      )`);
    await q.query(
      'CREATE INDEX due_date_conflicts_open_idx ON due_date_conflicts (unit_code, day_off) WHERE resolution IS NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE due_date_conflicts');
  }
}
