import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The board's dossier figures (issue #17 item 3): the queue service's own copy of each dossier's dates and
 * outcome, built from `dossier.events.v1` by BoardDossiersConsumer. Local days (Asia/Ho_Chi_Minh) are stored
 * beside the instants so a day's or a month's counts are index ranges. `overdue_shown` marks the open
 * dossiers whose passing of the due date the board has already been told of (BoardDossiersOverdueJob).
 */
export class BoardDossiers1730000600200 implements MigrationInterface {
  name = 'BoardDossiers1730000600200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE TABLE board_dossiers (
        dossier_id uuid PRIMARY KEY,
        unit_code text NOT NULL,
        received_day date NOT NULL,
        due_at timestamptz NOT NULL,
        due_day date NOT NULL,
        paused boolean NOT NULL DEFAULT false,
        finished_day date,
        timeliness text,
        overdue_shown boolean NOT NULL DEFAULT false
      )`);
    await q.query(
      /* sql */ `CREATE INDEX board_dossiers_received ON board_dossiers (unit_code, received_day)`,
    );
    await q.query(
      /* sql */ `CREATE INDEX board_dossiers_finished ON board_dossiers (unit_code, finished_day) WHERE finished_day IS NOT NULL`,
    );
    await q.query(
      /* sql */ `CREATE INDEX board_dossiers_open ON board_dossiers (unit_code, due_day) WHERE finished_day IS NULL`,
    );
    await q.query(
      /* sql */ `CREATE INDEX board_dossiers_overdue_unshown ON board_dossiers (due_day) WHERE finished_day IS NULL AND NOT overdue_shown`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `DROP TABLE board_dossiers`);
  }
}
