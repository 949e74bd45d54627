import { MigrationInterface, QueryRunner } from 'typeorm';
import { UNIT_METRIC_COLUMNS_V3 } from './1730000500100-thank-you-letters';

const ADDED = ['received_counter', 'received_online', 'received_postal', 'service_seconds_sum'] as const;

/** Counter columns of `unit_metrics` after this migration, frozen here (metric-columns.unit.spec.ts compares). */
export const UNIT_METRIC_COLUMNS_V4 = [...UNIT_METRIC_COLUMNS_V3, ...ADDED] as const;

/**
 * Figures of the monthly report (issue #20) that rating's projection lacked, from the events it already
 * consumes: dossiers received at the counter, online and by post (`dossier.received`'s channel; the home
 * service is `home_service`) and the sum of service seconds of completed tickets (`queue.ticket-completed`'s
 * serviceSeconds; the mean service time). Months projected before start at 0: to fill them, rebuild the
 * projection from the topics (README, "Rebuilding a projection").
 */
export class ReportFigures1730000600800 implements MigrationInterface {
  name = 'ReportFigures1730000600800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE unit_metrics ${ADDED.map((c) => `ADD COLUMN ${c} bigint NOT NULL DEFAULT 0`).join(', ')}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE unit_metrics ${ADDED.map((c) => `DROP COLUMN ${c}`).join(', ')}`);
  }
}
