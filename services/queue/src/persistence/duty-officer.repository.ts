import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The officers a unit has seen on duty, and who assigned a counter's officer (migration DutyOfficers). */
@Injectable()
export class DutyOfficerRepository {
  async knownInUnit(m: EntityManager, unitCode: string, officerId: string): Promise<boolean> {
    const rows = await m.query<unknown[]>(
      /* sql */ `SELECT 1 FROM unit_officers WHERE unit_code = $1 AND officer_id = $2`,
      [unitCode, officerId],
    );
    return rows.length > 0;
  }

  /**
   * In the transaction that opens the counter: records the assigning unit-admin (null when the officer opened
   * it himself) and, for an officer on his own token, that he is an officer of this unit.
   */
  async recordOpening(
    m: EntityManager,
    c: { unitCode: string; counterNo: string; officerId: string; assignedBy: string | null },
  ): Promise<void> {
    await m.query(/* sql */ `UPDATE counters SET assigned_by = $3 WHERE unit_code = $1 AND counter_no = $2`, [
      c.unitCode,
      c.counterNo,
      c.assignedBy,
    ]);
    if (c.assignedBy === null)
      await m.query(
        /* sql */ `INSERT INTO unit_officers (unit_code, officer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [c.unitCode, c.officerId],
      );
  }
}
