import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Ticket sequence per (unit, service, local day). One upsert both creates the day's row (seq 1: the
 * lazy midnight reset, no cron) and bumps it; the row lock it takes serializes concurrent issuers of
 * the same queue until their transactions end, so numbers are distinct and, when a transaction rolls
 * back, its number is never seen by anyone (the bump rolls back with it).
 */
@Injectable()
export class DailySequenceRepository {
  async next(manager: EntityManager, unitCode: string, serviceCode: string, dayKey: string): Promise<number> {
    const rows: { seq: number }[] = await manager.query(
      /* sql */ `INSERT INTO daily_sequences AS d (unit_code, service_code, day_key, seq) VALUES ($1, $2, $3, 1)
        ON CONFLICT (unit_code, service_code, day_key) DO UPDATE SET seq = d.seq + 1
        RETURNING seq`,
      [unitCode, serviceCode, dayKey],
    );
    return rows[0].seq;
  }
}
