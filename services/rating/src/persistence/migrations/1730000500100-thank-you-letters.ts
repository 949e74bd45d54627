import { MigrationInterface, QueryRunner } from 'typeorm';
import { UNIT_METRIC_COLUMNS_V2 } from './1730000500000-repeated-supplements';

/** Counter columns of `unit_metrics` after this migration, frozen here (metric-columns.unit.spec.ts compares). */
export const UNIT_METRIC_COLUMNS_V3 = [...UNIT_METRIC_COLUMNS_V2, 'thank_you_letters'] as const;

/**
 * `unit_metrics.thank_you_letters`: letters of thanks a unit sent (`dossier.thank-you-letter-issued`), per
 * month of issue (THANK_YOU_LETTER_COUNT, issue #15 item 8). Months already projected start at 0: the dossier
 * service never issued one before.
 */
export class ThankYouLetters1730000500100 implements MigrationInterface {
  name = 'ThankYouLetters1730000500100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE unit_metrics ADD COLUMN thank_you_letters bigint NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE unit_metrics DROP COLUMN thank_you_letters');
  }
}
