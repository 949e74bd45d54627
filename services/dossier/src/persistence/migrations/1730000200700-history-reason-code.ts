import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Reasons as catalogue codes (issue #16 row 5): the history keeps the code next to the officer's note
 * (`reason`, which stays in this database); only the code is published. Rows written before have no code.
 */
export class HistoryReasonCode1730000200700 implements MigrationInterface {
  name = 'HistoryReasonCode1730000200700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      ALTER TABLE dossier_history
        ADD COLUMN reason_code text CHECK (reason_code ~ '^[A-Z][A-Z0-9_]{0,63}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE dossier_history DROP COLUMN reason_code');
  }
}
