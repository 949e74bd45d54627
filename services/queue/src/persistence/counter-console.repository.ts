import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TICKET_COLUMNS, TicketRow } from './ticket.row';

export interface ParkedTicketRow {
  id: string;
  number: string;
  serviceCode: string;
  priority: string;
  parkedAt: Date;
  parkReasonCode: string;
}

export interface UnitOfficerRow {
  officerId: string;
  /** The counter he is on duty at now (OPEN or PAUSED), null when none. */
  counterNo: string | null;
}

/**
 * Read-only queries of the officer's counter console (GET …/counters/{no}/console): what the officer needs
 * on one screen, read in one round of small indexed queries. Nothing here writes.
 */
@Injectable()
export class CounterConsoleRepository {
  constructor(private readonly ds: DataSource) {}

  /** The tickets at this counter now (called or being served), newest call first. */
  atCounter(unitCode: string, counterNo: string): Promise<TicketRow[]> {
    return this.ds.query(
      /* sql */ `SELECT ${TICKET_COLUMNS} FROM tickets
        WHERE unit_code = $1 AND counter_no = $2 AND status IN ('CALLED', 'SERVING')
        ORDER BY called_at DESC`,
      [unitCode, counterNo],
    );
  }

  /** The tickets this counter parked (sent to fetch a document) and will call back, oldest first. */
  parked(unitCode: string, counterNo: string): Promise<ParkedTicketRow[]> {
    return this.ds.query(
      /* sql */ `SELECT id, number, service_code AS "serviceCode", priority, parked_at AS "parkedAt",
          park_reason_code AS "parkReasonCode"
        FROM tickets WHERE unit_code = $1 AND counter_no = $2 AND status = 'PARKED'
        ORDER BY parked_at LIMIT 100`,
      [unitCode, counterNo],
    );
  }

  /** How many tickets of the given services wait on the local day (the list shows only the first ones). */
  async waitingCount(unitCode: string, localDay: string, serviceCodes: readonly string[]): Promise<number> {
    const rows = await this.ds.query<{ n: number }[]>(
      /* sql */ `SELECT count(*)::int AS n FROM tickets
        WHERE unit_code = $1 AND local_day = $2 AND status = 'WAITING' AND service_code = ANY($3)`,
      [unitCode, localDay, serviceCodes],
    );
    return rows[0].n;
  }

  /** Tickets this counter completed on the local day (whoever was on duty). */
  async servedToday(unitCode: string, counterNo: string, localDay: string): Promise<number> {
    const rows = await this.ds.query<{ n: number }[]>(
      /* sql */ `SELECT count(*)::int AS n FROM tickets
        WHERE unit_code = $1 AND counter_no = $2 AND local_day = $3 AND status = 'DONE'`,
      [unitCode, counterNo, localDay],
    );
    return rows[0].n;
  }

  /**
   * The officers this unit has seen on duty (they opened a counter with their own token), with the counter
   * each is on duty at now: the choices of a transfer to a named officer.
   */
  unitOfficers(unitCode: string): Promise<UnitOfficerRow[]> {
    return this.ds.query(
      /* sql */ `SELECT o.officer_id AS "officerId", min(c.counter_no) AS "counterNo"
        FROM unit_officers o
        LEFT JOIN counters c ON c.unit_code = o.unit_code AND c.officer_id = o.officer_id AND c.status <> 'CLOSED'
        WHERE o.unit_code = $1
        GROUP BY o.officer_id ORDER BY o.officer_id LIMIT 500`,
      [unitCode],
    );
  }
}
