import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '@fg/contracts';
import {
  AuditEntry,
  auditInsertFrom,
  auditRows,
  outboxInsertFrom,
  outboxRows,
  preparedQuery,
} from '@fg/platform';
import type { EntityManager } from 'typeorm';
import type { QueuePolicy, Ticket, WaitingTicket } from '../domain';
import type { AppointmentSettings } from '../domain/appointments/appointment-settings';
import { APPOINTMENT, PRIORITIES } from '../domain';
import { appointmentSettingsOf, SETTINGS_COLUMNS } from './appointments/appointment.repository';
import { COUNTER_COLUMNS, CounterRow } from './counter.repository';
import { POLICY_COLUMNS, policyOf } from './setup.repository';
import { candidatePoolSql, ticketUpdate } from './ticket.repository';

/** What call-next's first statement reads: the locked counter, the unit's settings and the candidates. */
export interface CallNextInputs {
  counter: CounterRow;
  policy: QueuePolicy;
  appointmentSettings: AppointmentSettings;
  waiting: WaitingTicket[];
}

interface InputsRow extends CounterRow {
  policy: Record<keyof QueuePolicy, unknown> | null;
  appointmentSettings: Record<keyof AppointmentSettings, number> | null;
  waiting: (Omit<WaitingTicket, 'queuedAt'> & { queuedAt: string })[];
}

/** The candidates of the locked counter `c`, in the statement below. */
const LOCKED_COUNTER_POOL = candidatePoolSql({
  unit: '$1',
  day: '$3',
  serviceCodes: 'c."serviceCodes"',
  limit: '$4',
  counterNo: 'c."counterNo"',
  officerId: 'c."officerId"',
  priorities: '$5',
  appointment: '$6',
});

/** `lockCounterAndRead`'s statement: one text, so that it is prepared once per connection. */
const LOCK_AND_READ_SQL = /* sql */ `WITH c AS (SELECT ${COUNTER_COLUMNS} FROM counters WHERE unit_code = $1 AND counter_no = $2 FOR UPDATE)
    SELECT c.*,
      (SELECT to_json(p) FROM (SELECT ${POLICY_COLUMNS} FROM queue_policies WHERE unit_code = $1) p) AS policy,
      (SELECT to_json(s) FROM (SELECT ${SETTINGS_COLUMNS} FROM appointment_settings WHERE unit_code = $1) s)
        AS "appointmentSettings",
      (SELECT COALESCE(json_agg(w), '[]') FROM (${LOCKED_COUNTER_POOL}) w) AS waiting
    FROM c`;

/**
 * call-next's own statements (issue #21 target 5): each round trip to PostgreSQL cost more than the SQL in it
 * on the 2 shared cores (the profile's time sat in socket writes, 12 statements per call), so the reads are
 * one statement and the writes after the claim another. Each is built from the same SQL the one-purpose
 * repositories run (`candidatePoolSql`, `ticketUpdate`, `POLICY_COLUMNS`, the outbox and audit inserts),
 * so the two paths cannot drift apart.
 */
@Injectable()
export class CallNextRepository {
  /**
   * Locks the counter row (`FOR UPDATE`, as `CounterRepository.findForUpdate`) and reads, in the same
   * statement, the unit's queue policy, its appointment settings and the counter's call candidates
   * (`TicketRepository.candidatePool` over the locked row's services, counter and officer). The candidates
   * are read after the lock is granted: the CTE is evaluated before the subqueries that refer to it.
   * Null when the counter does not exist.
   */
  async lockCounterAndRead(
    m: EntityManager,
    unitCode: string,
    counterNo: string,
    localDay: string,
    limit: number,
  ): Promise<CallNextInputs | null> {
    const rows = await preparedQuery<InputsRow[]>(m, LOCK_AND_READ_SQL, [
      unitCode,
      counterNo,
      localDay,
      limit,
      PRIORITIES,
      APPOINTMENT,
    ]);
    const r = rows[0];
    if (!r) return null;
    const { policy, appointmentSettings, waiting, ...counter } = r;
    return {
      counter,
      policy: policyOf(policy),
      appointmentSettings: appointmentSettingsOf(appointmentSettings),
      // json_agg gives timestamps as ISO text with an offset; the pool's order is not relied on (the domain ranks).
      waiting: waiting.map((w) => ({ ...w, queuedAt: new Date(w.queuedAt) })),
    };
  }

  /**
   * Writes a call in one statement (data-modifying CTEs, all in the caller's transaction): the ticket's new
   * state with its call reason (`TicketRepository.save`), the counter's priority streak, the events in the
   * outbox (`appendToOutbox`) and the audit entry (`appendAudit`). The ticket must be claimed (locked) by
   * this transaction and the counter locked by `lockCounterAndRead`.
   */
  async recordCall(
    m: EntityManager,
    c: {
      ticket: Ticket;
      callReason: string;
      counter: { unitCode: string; counterNo: string; consecutivePriorityCalls: number };
      events: DomainEvent[];
      audit: AuditEntry | null;
    },
  ): Promise<void> {
    if (!m.queryRunner?.isTransactionActive) throw new Error('recordCall must run inside a transaction');
    const t = ticketUpdate(c.ticket, { callReason: c.callReason }, 1);
    const values: unknown[] = [...t.values];
    const next = () => values.length + 1;
    const ctes = [`t AS (${t.sql})`];
    const counterAt = next();
    values.push(c.counter.unitCode, c.counter.counterNo, c.counter.consecutivePriorityCalls);
    ctes.push(/* sql */ `k AS (UPDATE counters SET consecutive_priority_calls = $${counterAt + 2}, updated_at = now()
      WHERE unit_code = $${counterAt} AND counter_no = $${counterAt + 1})`);
    const five = (): [number, number, number, number, number] => {
      const at = next();
      return [at, at + 1, at + 2, at + 3, at + 4];
    };
    if (c.events.length) {
      const at = five();
      values.push(...outboxRows(c.events));
      ctes.push(`o AS (${outboxInsertFrom(at)})`);
    }
    if (c.audit) {
      const at = five();
      values.push(...auditRows([c.audit]));
      ctes.push(`a AS (${auditInsertFrom(at)})`);
    }
    // Data-modifying CTEs run to completion whether or not the main query reads them.
    // A handful of texts (with or without events and audit entry), so each is prepared once per connection.
    await preparedQuery(m, `WITH ${ctes.join(',\n')}\nSELECT 1`, values);
  }
}
