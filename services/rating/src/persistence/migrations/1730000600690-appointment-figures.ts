import { MigrationInterface, QueryRunner } from 'typeorm';
import { UNIT_METRIC_COLUMNS_V4 } from './1730000600800-report-figures';

const ADDED = ['appointments_booked', 'appointments_checked_in', 'appointments_no_shows'] as const;

/** Counter columns of `unit_metrics` after this migration, frozen here (metric-columns.unit.spec.ts compares). */
export const UNIT_METRIC_COLUMNS_V5 = [...UNIT_METRIC_COLUMNS_V4, ...ADDED] as const;

/**
 * The office's appointment figures (issue #19 item 7) from queue's `appointment.booked`, `.checked-in` and
 * `.no-show` events: bookings (a move is not counted again), check-ins and no-shows per unit and month. The
 * timestamp is from issue #19's range; the columns do not depend on 1730000600800's, which may run after it.
 */
export class AppointmentFigures1730000600690 implements MigrationInterface {
  name = 'AppointmentFigures1730000600690';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE unit_metrics ${ADDED.map((c) => `ADD COLUMN ${c} bigint NOT NULL DEFAULT 0`).join(', ')}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE unit_metrics ${ADDED.map((c) => `DROP COLUMN ${c}`).join(', ')}`);
  }
}
