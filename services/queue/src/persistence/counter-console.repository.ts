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

/** How a ticket came to a counter, from the audit log the calls append to (who, why, in their transaction). */
export interface LastCallRow {
  action: 'ticket.call' | 'ticket.call-chosen' | 'ticket.unpark';
  reasonCode: string | null;
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

  /** The call that brought the ticket to its counter last: call-next (with the policy's reason), chosen, unpark. */
  async lastCall(unitCode: string, ticketId: string): Promise<LastCallRow | null> {
    const rows = await this.ds.query<LastCallRow[]>(
      /* sql */ `SELECT action, details->>'reasonCode' AS "reasonCode" FROM audit_log
        WHERE unit_code = $1 AND subject = $2 AND action IN ('ticket.call', 'ticket.call-chosen', 'ticket.unpark')
        ORDER BY seq DESC LIMIT 1`,
      [unitCode, ticketId],
    );
    return rows[0] ?? null;
  }

  /** The tickets this counter parked today (sent to fetch a document) and will call back, oldest first. */
  parked(unitCode: string, counterNo: string, localDay: string): Promise<ParkedTicketRow[]> {
    return this.ds.query(
      /* sql */ `SELECT id, number, service_code AS "serviceCode", priority, parked_at AS "parkedAt",
          park_reason_code AS "parkReasonCode"
        FROM tickets WHERE unit_code = $1 AND counter_no = $2 AND status = 'PARKED' AND local_day = $3
        ORDER BY parked_at, id LIMIT 100`,
      [unitCode, counterNo, localDay],
    );
  }

  /**
   * The tickets waiting for this counter on the local day, as call-next sees them (`candidatePool`): of its
   * services and reserved for nobody, or reserved for this counter or its officer on duty (any service). The
   * count, and the ids of the reserved ones (the list marks them).
   */
  async waitingHere(
    unitCode: string,
    localDay: string,
    serviceCodes: readonly string[],
    at: { counterNo: string; officerId: string | null },
  ): Promise<{ total: number; reserved: { id: string; forCounter: boolean }[] }> {
    const rows = await this.ds.query<{ id: string; forCounter: boolean | null }[]>(
      /* sql */ `SELECT id, CASE WHEN target_counter_no = $4 THEN true WHEN target_officer_id = $5 THEN false END AS "forCounter"
        FROM tickets WHERE unit_code = $1 AND local_day = $2 AND status = 'WAITING' AND (
          (service_code = ANY($3) AND target_counter_no IS NULL AND target_officer_id IS NULL)
          OR target_counter_no = $4 OR target_officer_id = $5)`,
      [unitCode, localDay, serviceCodes, at.counterNo, at.officerId],
    );
    return {
      total: rows.length,
      reserved: rows.flatMap((r) => (r.forCounter === null ? [] : [{ id: r.id, forCounter: r.forCounter }])),
    };
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
