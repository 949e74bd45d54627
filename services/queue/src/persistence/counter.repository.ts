import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Counter, CounterStatus } from '../domain';

export interface CounterRow {
  unitCode: string;
  counterNo: string;
  name: string;
  serviceCodes: string[];
  status: CounterStatus;
  officerId: string | null;
  openedAt: Date | null;
  pausedAt: Date | null;
  pauseReason: string | null;
  consecutivePriorityCalls: number;
}

export interface OpenCounterNow {
  counterNo: string;
  serviceCodes: string[];
  currentServiceCode: string | null;
  calledAt: Date | null;
  servingStartedAt: Date | null;
}

/** The columns of `counters` as `CounterRow` keys (call-next locks and reads the row in its own statement). */
export const COUNTER_COLUMNS = /* sql */ `unit_code AS "unitCode", counter_no AS "counterNo", name, service_codes AS "serviceCodes", status,
  officer_id AS "officerId", opened_at AS "openedAt", paused_at AS "pausedAt", pause_reason AS "pauseReason",
  consecutive_priority_calls AS "consecutivePriorityCalls"`;

export const toCounter = (r: CounterRow): Counter => {
  const base = {
    unitCode: r.unitCode,
    counterNo: r.counterNo,
    serviceCodes: r.serviceCodes,
    consecutivePriorityCalls: r.consecutivePriorityCalls,
  };
  if (r.status === 'CLOSED') return { ...base, status: 'CLOSED' };
  if (r.status === 'OPEN') return { ...base, status: 'OPEN', officerId: r.officerId!, openedAt: r.openedAt! };
  return {
    ...base,
    status: 'PAUSED',
    officerId: r.officerId!,
    openedAt: r.openedAt!,
    pausedAt: r.pausedAt!,
    pauseReason: r.pauseReason ?? '',
  };
};

@Injectable()
export class CounterRepository {
  constructor(private readonly ds: DataSource) {}

  async upsert(
    manager: EntityManager,
    c: { unitCode: string; counterNo: string; name: string; serviceCodes: string[] },
  ): Promise<CounterRow> {
    const rows = await manager.query<CounterRow[]>(
      /* sql */ `INSERT INTO counters (unit_code, counter_no, name, service_codes) VALUES ($1, $2, $3, $4)
        ON CONFLICT (unit_code, counter_no) DO UPDATE SET name = EXCLUDED.name, service_codes = EXCLUDED.service_codes, updated_at = now()
        RETURNING ${COUNTER_COLUMNS}`,
      [c.unitCode, c.counterNo, c.name, c.serviceCodes],
    );
    return rows[0];
  }

  async find(
    unitCode: string,
    counterNo: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<CounterRow | null> {
    const rows = await manager.query<CounterRow[]>(
      `SELECT ${COUNTER_COLUMNS} FROM counters WHERE unit_code = $1 AND counter_no = $2`,
      [unitCode, counterNo],
    );
    return rows[0] ?? null;
  }

  /** Locks the counter: one call-next or state change per counter at a time, other counters unaffected. */
  async findForUpdate(
    manager: EntityManager,
    unitCode: string,
    counterNo: string,
  ): Promise<CounterRow | null> {
    const rows = await manager.query<CounterRow[]>(
      `SELECT ${COUNTER_COLUMNS} FROM counters WHERE unit_code = $1 AND counter_no = $2 FOR UPDATE`,
      [unitCode, counterNo],
    );
    return rows[0] ?? null;
  }

  list(unitCode: string): Promise<CounterRow[]> {
    return this.ds.query(
      `SELECT ${COUNTER_COLUMNS} FROM counters WHERE unit_code = $1 ORDER BY length(counter_no), counter_no`,
      [unitCode],
    );
  }

  /** Service codes of every OPEN counter (not paused) of a unit, for the wait estimate. */
  async openCounterServiceCodes(unitCode: string): Promise<string[][]> {
    const rows: { codes: string[] }[] = await this.ds.query(
      `SELECT service_codes AS codes FROM counters WHERE unit_code = $1 AND status = 'OPEN'`,
      [unitCode],
    );
    return rows.map((r) => r.codes);
  }

  /**
   * The unit's OPEN counters with the ticket of the day each holds (called or being served), for the wait
   * projection; the latest call when a counter holds several.
   */
  openCountersWithCurrent(unitCode: string, localDay: string): Promise<OpenCounterNow[]> {
    return this.ds.query(
      /* sql */ `SELECT c.counter_no AS "counterNo", c.service_codes AS "serviceCodes", t.service_code AS "currentServiceCode",
          t.called_at AS "calledAt", t.serving_started_at AS "servingStartedAt"
        FROM counters c LEFT JOIN LATERAL (
          SELECT service_code, called_at, serving_started_at FROM tickets
          WHERE unit_code = c.unit_code AND counter_no = c.counter_no AND status IN ('CALLED', 'SERVING') AND local_day = $2
          ORDER BY called_at DESC LIMIT 1) t ON true
        WHERE c.unit_code = $1 AND c.status = 'OPEN' ORDER BY c.counter_no`,
      [unitCode, localDay],
    );
  }

  async save(manager: EntityManager, c: Counter): Promise<void> {
    const s = c as unknown as Record<string, unknown>;
    await manager.query(
      /* sql */ `UPDATE counters SET status = $3, officer_id = $4, opened_at = $5, paused_at = $6, pause_reason = $7,
        consecutive_priority_calls = $8, updated_at = now() WHERE unit_code = $1 AND counter_no = $2`,
      [
        c.unitCode,
        c.counterNo,
        c.status,
        s.officerId ?? null,
        s.openedAt ?? null,
        s.pausedAt ?? null,
        s.pauseReason ?? null,
        c.consecutivePriorityCalls,
      ],
    );
  }
}
