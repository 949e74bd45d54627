import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The counter console's ticket actions (issue #17 item 2) and the wait estimate's prior (item 6):
 * - status PARKED: a called or served ticket sent away by its counter (`parked_at`, `park_reason_code`), which
 *   keeps its counter, officer, first call and recalls and is called back by that counter;
 * - `target_counter_no` / `target_officer_id`: a waiting ticket transferred to a named counter or officer, that
 *   only that counter (or the counter the officer is on duty at) calls; `transfer_reason_code`;
 * - `out_of_order_reason_code`: why the officer called this ticket out of the policy's order;
 * - `service_queues.standard_service_minutes`: the configured standard service time (the estimate's prior).
 */
export class TicketConsole1730000600100 implements MigrationInterface {
  name = 'TicketConsole1730000600100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `ALTER TABLE tickets DROP CONSTRAINT tickets_status_check`);
    await q.query(/* sql */ `ALTER TABLE tickets ADD CONSTRAINT tickets_status_check
      CHECK (status IN ('WAITING', 'CALLED', 'SERVING', 'DONE', 'NO_SHOW', 'CANCELLED', 'PARKED'))`);
    await q.query(/* sql */ `ALTER TABLE tickets
      ADD COLUMN target_counter_no text,
      ADD COLUMN target_officer_id text,
      ADD COLUMN transfer_reason_code text,
      ADD COLUMN out_of_order_reason_code text,
      ADD COLUMN parked_at timestamptz,
      ADD COLUMN park_reason_code text,
      ADD CONSTRAINT tickets_one_target CHECK (target_counter_no IS NULL OR target_officer_id IS NULL)`);
    // The counter's parked tickets (its console and the unpark check) are read by unit and counter.
    await q.query(
      `CREATE INDEX tickets_parked_idx ON tickets (unit_code, counter_no) WHERE status = 'PARKED'`,
    );
    await q.query(/* sql */ `ALTER TABLE service_queues ADD COLUMN standard_service_minutes integer
      CHECK (standard_service_minutes BETWEEN 1 AND 240)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_queues DROP COLUMN standard_service_minutes`);
    await q.query(`DROP INDEX tickets_parked_idx`);
    await q.query(/* sql */ `UPDATE tickets SET status = 'CALLED' WHERE status = 'PARKED'`);
    await q.query(/* sql */ `ALTER TABLE tickets DROP CONSTRAINT tickets_one_target,
      DROP COLUMN target_counter_no, DROP COLUMN target_officer_id, DROP COLUMN transfer_reason_code,
      DROP COLUMN out_of_order_reason_code, DROP COLUMN parked_at, DROP COLUMN park_reason_code`);
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_status_check`);
    await q.query(/* sql */ `ALTER TABLE tickets ADD CONSTRAINT tickets_status_check
      CHECK (status IN ('WAITING', 'CALLED', 'SERVING', 'DONE', 'NO_SHOW', 'CANCELLED'))`);
  }
}
