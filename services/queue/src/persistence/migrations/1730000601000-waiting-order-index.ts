import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Call-next's candidate pool (TicketRepository.candidatePool) reads, per walk-in priority, the earliest waiting
 * tickets of a unit's day in queue order: this index holds them in exactly that order (issue time, then the
 * number by length and bytes, then id), so each priority is one short index range instead of a sort of every
 * waiting ticket of the day on each call (issue #21).
 */
export class WaitingOrderIndex1730000601000 implements MigrationInterface {
  name = 'WaitingOrderIndex1730000601000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(/* sql */ `
      CREATE INDEX tickets_waiting_order_idx ON tickets
        (unit_code, local_day, priority, issued_at, length(number), (number COLLATE "C"), id) WHERE status = 'WAITING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX tickets_waiting_order_idx');
  }
}
