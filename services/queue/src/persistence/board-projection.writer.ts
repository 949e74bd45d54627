import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Writes of the board projection; only the board consumer calls these, inside its inbox transaction. */
@Injectable()
export class BoardProjectionWriter {
  /** Returns false when the ticket was already waiting (a redelivered or repeated event). */
  async addWaiting(
    m: EntityManager,
    unitCode: string,
    ticketId: string,
    serviceCode: string,
    localDay: string,
  ): Promise<boolean> {
    const rows = await m.query<unknown[]>(
      /* sql */ `INSERT INTO board_waiting (ticket_id, unit_code, service_code, local_day) VALUES ($1, $2, $3, $4)
        ON CONFLICT (ticket_id) DO NOTHING RETURNING ticket_id`,
      [ticketId, unitCode, serviceCode, localDay],
    );
    return rows.length > 0;
  }

  /** Removes a waiting ticket; returns where it was waiting, or null if it was not. */
  async removeWaiting(
    m: EntityManager,
    ticketId: string,
  ): Promise<{ serviceCode: string; localDay: string } | null> {
    const rows = await m.query<{ serviceCode: string; localDay: string }[]>(
      // Wrapped in a SELECT: TypeORM returns [rows, count] for a bare DELETE/UPDATE … RETURNING.
      /* sql */ `WITH d AS (DELETE FROM board_waiting WHERE ticket_id = $1 RETURNING service_code, local_day)
        SELECT service_code AS "serviceCode", to_char(local_day, 'YYYY-MM-DD') AS "localDay" FROM d`,
      [ticketId],
    );
    return rows[0] ?? null;
  }

  async showCall(
    m: EntityManager,
    c: {
      unitCode: string;
      counterNo: string;
      officerId: string;
      ticketId: string;
      number: string;
      serviceCode: string;
      calledAt: string;
    },
  ): Promise<void> {
    await m.query(
      /* sql */ `INSERT INTO board_counters (unit_code, counter_no, status, officer_id, ticket_id, number, service_code, called_at, updated_at)
        VALUES ($1, $2, 'OPEN', $3, $4, $5, $6, $7, $7)
        ON CONFLICT (unit_code, counter_no) DO UPDATE SET officer_id = EXCLUDED.officer_id, ticket_id = EXCLUDED.ticket_id,
          number = EXCLUDED.number, service_code = EXCLUDED.service_code, called_at = EXCLUDED.called_at, updated_at = EXCLUDED.updated_at`,
      [c.unitCode, c.counterNo, c.officerId, c.ticketId, c.number, c.serviceCode, c.calledAt],
    );
  }

  async touchCall(m: EntityManager, unitCode: string, ticketId: string, at: string): Promise<void> {
    await m.query(
      'UPDATE board_counters SET called_at = $3, updated_at = $3 WHERE unit_code = $1 AND ticket_id = $2',
      [unitCode, ticketId, at],
    );
  }

  /** Clears the counter showing this ticket; returns its number, or null when no counter showed it. */
  async clearTicket(
    m: EntityManager,
    unitCode: string,
    ticketId: string,
    at: string,
  ): Promise<string | null> {
    const rows = await m.query<{ counter_no: string }[]>(
      /* sql */ `WITH u AS (UPDATE board_counters SET ticket_id = NULL, number = NULL, service_code = NULL, called_at = NULL, updated_at = $3
        WHERE unit_code = $1 AND ticket_id = $2 RETURNING counter_no) SELECT counter_no FROM u`,
      [unitCode, ticketId, at],
    );
    return rows[0]?.counter_no ?? null;
  }

  async setStatus(
    m: EntityManager,
    unitCode: string,
    counterNo: string,
    status: string,
    officerId: string | null,
    at: string,
  ): Promise<void> {
    // A closed counter shows nothing; open/paused keep the number on display.
    const sets =
      status === 'CLOSED'
        ? 'officer_id = NULL, ticket_id = NULL, number = NULL, service_code = NULL, called_at = NULL'
        : 'officer_id = coalesce(EXCLUDED.officer_id, board_counters.officer_id)';
    await m.query(
      /* sql */ `INSERT INTO board_counters (unit_code, counter_no, status, officer_id, updated_at) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (unit_code, counter_no) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, ${sets}`,
      [unitCode, counterNo, status, officerId, at],
    );
  }
}
