import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '@fg/platform';
import type { Ticket, WaitingTicket } from '../domain';
import { APPOINTMENT, PRIORITIES, RECENT_SERVICE_SAMPLE_SIZE } from '../domain';
import { TICKET_COLUMNS, ticketColumns, TicketRow } from './ticket.row';

/** Raw-SQL access to `tickets`; every write takes the caller's transactional manager. */
/**
 * When a waiting ticket queues: its issue time, or for a checked-in appointment its slot's start (issue #19;
 * call-next.ts), so an appointment keeps its booked time whenever the citizen checked in.
 */
const QUEUED_AT = /* sql */ `CASE WHEN priority = 'APPOINTMENT' THEN COALESCE(
  (SELECT a.slot_start FROM appointments a WHERE a.ticket_id = tickets.id), issued_at) ELSE issued_at END`;

/**
 * `UPDATE tickets` to the domain state `t` (`ticketColumns`), its parameters numbered from `first` (`$first` is
 * the id), so a caller can make it one part of a larger statement (call-next's data-modifying CTE).
 */
export const ticketUpdate = (
  t: Ticket,
  extra: { callReason?: string },
  first: number,
): { sql: string; values: unknown[] } => {
  const cols = ticketColumns(t);
  const values: unknown[] = [t.id, ...Object.values(cols)];
  const sets = Object.keys(cols).map((n, i) => `${n} = $${first + i + 1}`);
  if (extra.callReason !== undefined) {
    values.push(extra.callReason);
    sets.push(`call_reason = $${first + values.length - 1}`);
  }
  return {
    sql: `UPDATE tickets SET ${sets.join(', ')}, updated_at = now() WHERE id = $${first}`,
    values,
  };
};

/**
 * The SQL of `TicketRepository.candidatePool` over SQL expressions for its inputs (parameters, or the
 * columns of a counter row read in the same statement, as call-next does): `serviceCodes` a text[],
 * `counterNo` / `officerId` the counter and officer whose reserved tickets count (NULL: none),
 * `priorities` the walk-in priorities (text[]), `appointment` the appointment priority.
 */
export const candidatePoolSql = (x: {
  unit: string;
  day: string;
  serviceCodes: string;
  limit: string;
  counterNo: string;
  officerId: string;
  priorities: string;
  appointment: string;
}): string => {
  const mine = /* sql */ `((service_code = ANY(${x.serviceCodes}) AND target_counter_no IS NULL AND target_officer_id IS NULL)
            OR target_counter_no = ${x.counterNo} OR target_officer_id = ${x.officerId})`;
  return /* sql */ `SELECT id, service_code AS "serviceCode", priority, queued_at AS "queuedAt", number FROM (
          SELECT id, service_code, priority, ${QUEUED_AT} AS queued_at, number,
            row_number() OVER (PARTITION BY priority ORDER BY ${QUEUED_AT}, length(number), number COLLATE "C", id) AS r
          FROM tickets WHERE unit_code = ${x.unit} AND local_day = ${x.day} AND status = 'WAITING' AND priority = ${x.appointment} AND ${mine}
        ) pool WHERE r <= ${x.limit}
        UNION ALL
        SELECT w.id, w.service_code, w.priority, w.issued_at, w.number
        FROM unnest(${x.priorities}::text[]) AS p(priority), LATERAL (
          SELECT id, service_code, priority, issued_at, number FROM tickets
          WHERE unit_code = ${x.unit} AND local_day = ${x.day} AND status = 'WAITING' AND priority = p.priority AND ${mine}
          ORDER BY issued_at, length(number), number COLLATE "C", id LIMIT ${x.limit}) w`;
};

@Injectable()
export class TicketRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(manager: EntityManager, t: Ticket, localDay: string): Promise<void> {
    await manager.query(
      /* sql */ `INSERT INTO tickets (id, unit_code, service_code, issued_service_code, number, priority, status, local_day, issued_at)
        VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8)`,
      [t.id, t.unitCode, t.serviceCode, t.number, t.priority, t.status, localDay, t.issuedAt],
    );
  }

  async find(id: string, manager: EntityManager = this.ds.manager): Promise<TicketRow | null> {
    const rows = await manager.query<TicketRow[]>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  /** Locks the row until the transaction ends, so concurrent actions on one ticket serialize. */
  async findForUpdate(manager: EntityManager, id: string): Promise<TicketRow | null> {
    const rows = await manager.query<TicketRow[]>(
      `SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Claims a ticket for a call, waiting for any transaction holding it: locks it only if it is still
   * WAITING. Under READ COMMITTED a row another counter called meanwhile is re-checked after that
   * transaction commits and no longer matches, so two counters never both claim it (the loser gets null).
   */
  async claimWaiting(manager: EntityManager, id: string): Promise<TicketRow | null> {
    const rows = await preparedQuery<TicketRow[]>(
      manager,
      `SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = $1 AND status = 'WAITING' FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Claims the first of `ids` (in that order of preference) that is still WAITING and not being
   * claimed by another transaction right now, in one statement: rows are locked one by one in rank
   * order and the first lock won stops the scan (`SKIP LOCKED` + `LIMIT 1`), so simultaneous counters
   * spread over the queue head instead of queueing behind one row.
   */
  async claimFirstFree(manager: EntityManager, ids: string[]): Promise<TicketRow | null> {
    const rows = await preparedQuery<TicketRow[]>(
      manager,
      /* sql */ `SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = (
          SELECT t.id FROM tickets t JOIN unnest($1::uuid[]) WITH ORDINALITY AS c(id, rank) ON t.id = c.id
          WHERE t.status = 'WAITING' ORDER BY c.rank LIMIT 1 FOR UPDATE OF t SKIP LOCKED)`,
      [ids],
    );
    return rows[0] ?? null;
  }

  async save(manager: EntityManager, t: Ticket, extra: { callReason?: string } = {}): Promise<void> {
    const u = ticketUpdate(t, extra, 1);
    await manager.query(u.sql, u.values);
  }

  /**
   * The call candidates of a counter: of today's waiting tickets of its services, the `limit` earliest
   * of each priority value — the domain's `callCandidatePool`, which provably holds the counter's first
   * `limit` choices, so call-next parses a few dozen rows however long the queue is. The order is
   * the domain's queue order (`compareQueueOrder`). A ticket transferred to a named counter or officer
   * (issue #17) is a candidate only of that counter (`reservedFor`: this counter and its officer on duty),
   * whatever its service; without `reservedFor` no reserved ticket is read.
   *
   * Walk-in priorities queue by issue time, so each one's `limit` earliest come straight off
   * `tickets_waiting_order_idx` (migration 1730000601000; one short index range per priority, issue #21:
   * the window over every waiting ticket of the day was sorted again on each call). Appointments queue by
   * their slot's start (`QUEUED_AT`), which no index of `tickets` holds; they go through the window, over
   * their own few rows. Priorities are the domain's closed set (`PRIORITIES` and `APPOINTMENT`).
   */
  async candidatePool(
    manager: EntityManager,
    unitCode: string,
    localDay: string,
    serviceCodes: readonly string[],
    limit: number,
    reservedFor?: { counterNo: string; officerId: string | null },
  ): Promise<WaitingTicket[]> {
    return manager.query(
      candidatePoolSql({
        unit: '$1',
        day: '$2',
        serviceCodes: '$3',
        limit: '$4',
        counterNo: '$5',
        officerId: '$6',
        priorities: '$7',
        appointment: '$8',
      }),
      [
        unitCode,
        localDay,
        serviceCodes,
        limit,
        reservedFor?.counterNo ?? null,
        reservedFor?.officerId ?? null,
        PRIORITIES,
        APPOINTMENT,
      ],
    );
  }

  /** Waiting tickets of the given services queued before `before` (people ahead of a new ticket). */
  async countWaitingBefore(
    unitCode: string,
    localDay: string,
    serviceCodes: string[],
    before: Date,
    excludeId: string,
  ): Promise<number> {
    const rows = await this.ds.query<{ n: number }[]>(
      /* sql */ `SELECT count(*)::int AS n FROM tickets
        WHERE unit_code = $1 AND local_day = $2 AND status = 'WAITING' AND service_code = ANY($3) AND issued_at <= $4 AND id <> $5`,
      [unitCode, localDay, serviceCodes, before, excludeId],
    );
    return rows[0].n;
  }

  /** The service codes of those waiting tickets, in queue order (at most `limit`), for the wait projection. */
  async waitingServicesBefore(
    unitCode: string,
    localDay: string,
    serviceCodes: string[],
    before: Date,
    excludeId: string,
    limit = 500,
  ): Promise<{ serviceCode: string }[]> {
    return this.ds.query(
      /* sql */ `SELECT service_code AS "serviceCode" FROM tickets
        WHERE unit_code = $1 AND local_day = $2 AND status = 'WAITING' AND service_code = ANY($3) AND issued_at <= $4 AND id <> $5
        ORDER BY issued_at, length(number), number COLLATE "C", id LIMIT $6`,
      [unitCode, localDay, serviceCodes, before, excludeId, limit],
    );
  }

  /** Service seconds of the service's last completed tickets, newest first. */
  async recentServiceSeconds(
    unitCode: string,
    serviceCode: string,
    limit = RECENT_SERVICE_SAMPLE_SIZE,
  ): Promise<number[]> {
    const rows: { s: number }[] = await this.ds.query(
      /* sql */ `SELECT service_seconds AS s FROM tickets WHERE unit_code = $1 AND service_code = $2 AND status = 'DONE'
        ORDER BY completed_at DESC LIMIT $3`,
      [unitCode, serviceCode, limit],
    );
    return rows.map((r) => r.s);
  }
}
