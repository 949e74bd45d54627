import { MigrationInterface, QueryRunner } from 'typeorm';
import { UNIT_METRIC_COLUMNS_V1 } from './1730000200000-scoring';

/** Counter columns of `unit_metrics` after this migration, frozen here (metric-columns.unit.spec.ts compares). */
export const UNIT_METRIC_COLUMNS_V2 = [...UNIT_METRIC_COLUMNS_V1, 'repeated_supplements'] as const;

/**
 * `unit_metrics.repeated_supplements`: supplement requests from the second on for a dossier
 * (`dossier.supplement-requested` with `repeatSupplement: true`), a breach of "3 không" counted per unit and
 * month (REPEATED_SUPPLEMENT_COUNT; docs/domain.md §Supplement requests, issue #15 item 5). Months already
 * projected start at 0: the dossier service never published the flag before.
 */
export class RepeatedSupplements1730000500000 implements MigrationInterface {
  name = 'RepeatedSupplements1730000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE unit_metrics ADD COLUMN repeated_supplements bigint NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE unit_metrics DROP COLUMN repeated_supplements');
  }
}
